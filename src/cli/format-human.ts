import type { Verdict } from '../analysis/index.js';

export interface Tally {
  approve: number;
  review: number;
  reject: number;
  errors: number;
}

const EXCERPT = 160;

const ACTION_COLORS = { approve: '\x1b[32m', review: '\x1b[33m', reject: '\x1b[31m' } as const;
const RESET = '\x1b[0m';
const MARK_START = '\x1b[7m';

function mark(evidence: string, color: boolean): string {
  return color ? `${MARK_START}${evidence}${RESET}` : `⟦${evidence}⟧`;
}

/** Whitespace other than single spaces: only then does oneLine change anything. */
const NOT_ONE_LINE = /[^\S ]| {2}/;

function oneLine(s: string): string {
  return NOT_ONE_LINE.test(s) ? s.replace(/\s+/g, ' ') : s;
}

/** Shortens long evidence around its middle so the table stays readable. */
function clip(s: string): string {
  const flat = oneLine(s);
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT / 2 - 1)}…${flat.slice(-EXCERPT / 2)}`;
}

/** One block per comment: action, score, then each reason with its evidence highlighted in context. */
export function formatHuman(line: number, id: string | null, text: string, verdict: Verdict, color: boolean): string {
  const action = verdict.action.toUpperCase().padEnd(7);
  const head = `${String(line).padStart(5)}  ${color ? `${ACTION_COLORS[verdict.action]}${action}${RESET}` : action} ${verdict.score.toFixed(2)}`;
  const rows = [`${head}${id !== null ? `  id=${id}` : ''}  ${clip(text)}`];
  for (const reason of verdict.reasons) {
    const before = oneLine(text.slice(Math.max(0, reason.start - 30), reason.start));
    const after = oneLine(text.slice(reason.end, reason.end + 30));
    rows.push(`         ${reason.code.padEnd(22)} ${reason.severity.toFixed(2)}  ${reason.message}`);
    rows.push(`         ${' '.repeat(22)}       …${before}${mark(clip(text.slice(reason.start, reason.end)), color)}${after}…`);
  }
  return `${rows.join('\n')}\n`;
}

export function formatSummary(tally: Tally, listsVersion: string): string {
  const total = tally.approve + tally.review + tally.reject;
  return `\n${total} comments: ${tally.approve} approve, ${tally.review} review, ${tally.reject} reject` +
    `${tally.errors ? `, ${tally.errors} lines with errors` : ''} (lists ${listsVersion})\n`;
}
