import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module.js';

describe('the Nest application (real HTTP)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers /health/live with the loaded lists version', async () => {
    const res = await fetch(`${base}/health/live`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; listsVersion: string };
    expect(body.status).toBe('ok');
    expect(body.listsVersion).toMatch(/loupe-de@/);
  });
});
