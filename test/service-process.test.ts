import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { pollUntil, ServiceProcesses, type HttpServiceProcess } from './support/processes.js';
import { deletePrefix } from './support/redis.js';

// The compiled service as `npm start` runs it (pretest builds dist/), for what only a real
// process shows: the Swagger UI's static files and the start-up checks.
describe('the service process', () => {
  const prefix = `loupe-test-proc-${randomUUID().slice(0, 8)}`;
  const env = { DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: 'redis://127.0.0.1:6379', LOUPE_REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' };
  const processes = new ServiceProcesses(env);
  let api: HttpServiceProcess;

  beforeAll(async () => {
    // role api: no sweeper that could reach other test files' comments in the shared test database.
    api = await processes.startHttp('api', 'api');
  });
  afterAll(async () => {
    await processes.killAll();
    await deletePrefix(env.REDIS_URL, prefix);
  });

  it('serves the Swagger UI at /docs and its OpenAPI document', async () => {
    const page = await fetch(`${api.base}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    const doc = (await (await fetch(`${api.base}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/v1/comments');
  });

  it('logs at info what a user needs (lists, model, where it listens), not a line per module and route', async () => {
    const loud = await processes.startHttp('info-log', 'api', { LOG_LEVEL: 'info' });
    await pollUntil('the listening line', async () => (loud.output().includes('Listening on') ? true : undefined), { timeoutMs: 10_000, intervalMs: 100 });
    const output = loud.output();
    expect(output).toContain('Loaded the incivility model');
    // It listens where it says: HOST defaults to this machine only.
    expect(output).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+ /);
    expect(output).not.toContain('Mapped {');
    expect(output).not.toContain('dependencies initialized');
  });

  it('refuses to start, naming the URL and how to start it, when Redis cannot be reached', async () => {
    const broken = processes.spawnRaw('no-redis', 'dist/src/main.js', { REDIS_URL: 'redis://127.0.0.1:1', PORT: '3999' });
    const exit = await broken.exited;
    expect(exit.code).toBe(1);
    expect(broken.output()).toContain('Redis at redis://127.0.0.1:1');
    expect(broken.output()).toContain('docker compose up -d postgres redis');
  });

  it('refuses to start with every invalid setting listed', async () => {
    const broken = processes.spawnRaw('bad-config', 'dist/src/main.js', { PORT: 'eighty', LOUPE_ROLE: 'boss' });
    const exit = await broken.exited;
    expect(exit.code).toBe(1);
    expect(broken.output()).toMatch(/PORT[\s\S]*LOUPE_ROLE|LOUPE_ROLE[\s\S]*PORT/);
  });
});
