const MIN_RETRY_AFTER_MS = 1_000;
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** `Retry-After` in seconds or as an HTTP date → milliseconds from `now` (≥ 1 s), or undefined. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1_000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, ms));
}

/**
 * Delay before the attempt after `attemptsMade` attempts, or undefined when the schedule is
 * exhausted. Up to 10 % of jitter spreads the retries of many deliveries that failed together.
 */
export function nextRetryDelay(schedule: readonly number[], attemptsMade: number, random: () => number = Math.random): number | undefined {
  const step = schedule[attemptsMade - 1];
  return step === undefined ? undefined : Math.round(step * (1 + 0.1 * random()));
}
