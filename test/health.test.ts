import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/http-app.js';

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
});
