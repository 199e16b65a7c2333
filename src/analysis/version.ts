/** Bumped whenever a detector's behaviour changes, so stored verdicts say which engine made them. */
export const ANALYZER_VERSION = '1.5.0';
