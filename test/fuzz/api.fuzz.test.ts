import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exchange } from '../support/fuzz-http.js';
import { startFuzzTarget, type FuzzTarget } from '../support/fuzz-target.js';
import { formatSummary, runCampaign, type CampaignResult } from './fuzz-campaign.js';

// `npm test`: 2 000 requests with a fixed seed. `npm run fuzz`: FUZZ_RUNS requests (default
// 20 000) with FUZZ_SEED, a random one unless given; the summary prints the seed to repeat it.
const FIXED_SEED = 110_2026;
const runs = Number(process.env.FUZZ_RUNS ?? 2_000);
const seedSetting = process.env.FUZZ_SEED ?? String(FIXED_SEED);
const seed = seedSetting === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedSetting);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 1);
/** Resident memory the service may reach while being fuzzed. */
const MAX_RSS_KB = 600 * 1024;

describe('the API under fuzzing', () => {
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget({ keptComments: 20 });
  }, 180_000);
  afterAll(async () => {
    await target?.stop();
  });

  it(`answers ${runs} malformed requests with 4xx problems within ${2} s each, stays up and small, and keeps every verdict`, async () => {
    expect(Number.isSafeInteger(seed) && Number.isSafeInteger(runs) && runs > 0).toBe(true);
    const startRssKb = await target.rssKb();
    let peakRssKb = startRssKb;
    let sampling: Promise<void> = Promise.resolve();
    const result: CampaignResult = await runCampaign(
      { port: target.port, credentials: target.credentials, ids: target.ids },
      {
        seed,
        runs,
        concurrency,
        loggedError: (requestId) => target.loggedErrors().get(requestId),
        onRequest: (done) => {
          if (done % 25 === 0) sampling = sampling.then(async () => {
            peakRssKb = Math.max(peakRssKb, await target.rssKb().catch(() => 0));
          });
        },
      },
    );
    await sampling;
    const live = await exchange(target.port, Buffer.from(`GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\nConnection: close\r\n\r\n`), { timeoutMs: 5_000 });
    const endRssKb = await target.rssKb().catch(() => NaN);
    peakRssKb = Math.max(peakRssKb, endRssKb);
    const keptAfter = await target.readKept();
    const changed = keptAfter.filter((c, i) => JSON.stringify(c) !== JSON.stringify(target.kept[i]));

    process.stdout.write(
      `${formatSummary(result, [
        `Service RSS: ${Math.round(startRssKb / 1024)} MB at the start, peak ${Math.round(peakRssKb / 1024)} MB, ${Math.round(endRssKb / 1024)} MB at the end (bound ${MAX_RSS_KB / 1024} MB)`,
        `Kept comments: ${target.kept.length}, verdict or status changed: ${changed.length}`,
        `Process: ${target.service.exit() ? `exited ${JSON.stringify(target.service.exit())}` : 'running'}, /health/live ${live.responses[0]?.status ?? 'no answer'}`,
      ])}\n`,
    );

    expect({
      failureClasses: result.failures.map((f) => `${f.key} (${f.count}×)`),
      alive: live.responses[0]?.status ?? null,
      rssWithinBound: peakRssKb <= MAX_RSS_KB,
      kept: keptAfter,
    }).toEqual({ failureClasses: [], alive: 200, rssWithinBound: true, kept: target.kept });
    expect(result.runs).toBe(runs);
  }, 240_000 + runs * 250);
});
