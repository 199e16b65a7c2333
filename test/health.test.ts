import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ContributionsService } from '../src/platform/contributions.service.js';
import { startTestApp, type TestApp } from './support/http-app.js';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';

describe('the Nest application (real HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /health/live with the loaded lists version', async () => {
    const res = await fetch(`${t.base}/health/live`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; listsVersion: string };
    expect(body.status).toBe('ok');
    expect(body.listsVersion).toMatch(/loupe-de@/);
  });

  it('answers /health/ready with PostgreSQL and the contributed Redis check', async () => {
    const res = await fetch(`${t.base}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', info: { postgresql: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('discovers exactly the features’ contributors (platform imports none of them)', () => {
    const found = t.app
      .get(ContributionsService)
      .contributors.map((c) => `${c.provider} ${JSON.stringify(c.contribution)}`)
      .sort();
    expect(found).toEqual([
      'AnalysisQueueIndicator {"health":"redis","metrics":true}',
      'AnalysisWorker {"lifecycle":"workers"}',
      'DeliverySweeper {"lifecycle":"schedulers"}',
      'DeliveryWorker {"lifecycle":"workers"}',
      'EnqueueService {"lifecycle":"enqueues"}',
      'ListsService {"live":true}',
      'OutboxDispatcher {"lifecycle":"schedulers"}',
      'RescoreService {"lifecycle":"schedulers"}',
      'SubscriptionsService {"lifecycle":"schedulers","metrics":true}',
      'SweeperService {"lifecycle":"schedulers"}',
    ]);
  });

  it('serves /metrics without a token when LOUPE_METRICS_TOKEN is not set, with the queue depth', async () => {
    const res = await fetch(`${t.base}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^loupe_queue_depth\{state="waiting"\} \d+$/m);
  });
});

describe('/metrics with LOUPE_METRICS_TOKEN set', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOUPE_METRICS_TOKEN: METRICS_TOKEN });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', `Bearer ${METRICS_TOKEN.slice(0, -1)}x`],
    ['a longer token', `Bearer ${METRICS_TOKEN}0`],
    ['a prefix of the token', `Bearer ${METRICS_TOKEN.slice(0, 8)}`],
    ['the token without the Bearer scheme', METRICS_TOKEN],
    ['another scheme', `Basic ${METRICS_TOKEN}`],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 problem+json to %s', async (_name, authorization) => {
    const res = await fetch(`${t.base}/metrics`, { headers: authorization === undefined ? {} : { authorization } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const body = (await res.json()) as { status: number; type: string; detail: string };
    expect(body).toMatchObject({ status: 401, type: expect.stringContaining('metrics/unauthorized') });
    expect(body.detail).not.toContain(METRICS_TOKEN);
  });

  it.each([
    ['Bearer', `Bearer ${METRICS_TOKEN}`],
    ['bearer in lower case', `bearer ${METRICS_TOKEN}`],
  ])('serves the metrics to the right token (%s)', async (_name, authorization) => {
    const res = await fetch(`${t.base}/metrics`, { headers: { authorization } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(/^loupe_comments_ingested_total \d+$/m);
  });

  it('keeps /health open (load balancers do not authenticate)', async () => {
    expect((await fetch(`${t.base}/health/live`)).status).toBe(200);
  });
});
