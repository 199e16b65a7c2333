import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '../src/platform/prisma.service.js';

// `pretest` resets the test database and applies every migration with the wasm schema engine;
// this checks that the migrated schema holds the contracts the service relies on.
const prisma = createPrismaClient(process.env.DATABASE_URL!);

function makeSite() {
  return prisma.site.create({ data: { name: `site-${randomUUID()}` } });
}

describe('migrated schema (real PostgreSQL)', () => {
  beforeAll(async () => {
    await prisma.$connect();
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it('stores a comment with its verdict and links', async () => {
    const site = await makeSite();
    const comment = await prisma.comment.create({
      data: {
        siteId: site.id,
        externalId: 'c-1',
        text: 'Lest https://anti-spiegel.ru/x',
        links: { create: [{ position: 0, url: 'https://anti-spiegel.ru/x', host: 'anti-spiegel.ru', domain: 'anti-spiegel.ru', start: 5, end: 30 }] },
        verdicts: {
          create: [{ action: 'reject', score: 0.9, reasons: [{ code: 'link.listed', start: 5, end: 30 }], analyzerVersion: '1.0.0', listsVersion: 'l', policyVersion: 'p' }],
        },
      },
      include: { verdicts: true, links: true },
    });
    expect(comment.status).toBe('pending');
    expect(comment.verdicts[0]?.reasons).toEqual([{ code: 'link.listed', start: 5, end: 30 }]);
    expect(comment.links[0]?.domain).toBe('anti-spiegel.ru');
  });

  it('rejects a second comment with the same external id on the same site', async () => {
    const site = await makeSite();
    await prisma.comment.create({ data: { siteId: site.id, externalId: 'dup', text: 'a' } });
    await expect(prisma.comment.create({ data: { siteId: site.id, externalId: 'dup', text: 'b' } })).rejects.toMatchObject({ code: 'P2002' });
    const other = await makeSite();
    await expect(prisma.comment.create({ data: { siteId: other.id, externalId: 'dup', text: 'b' } })).resolves.toBeDefined();
  });

  it('keeps one verdict per comment and analyzer version', async () => {
    const site = await makeSite();
    const comment = await prisma.comment.create({ data: { siteId: site.id, externalId: 'v', text: 'x' } });
    const verdict = { commentId: comment.id, action: 'approve' as const, score: 0, reasons: [], listsVersion: 'l', policyVersion: 'p' };
    await prisma.verdict.create({ data: { ...verdict, analyzerVersion: '1.0.0' } });
    await expect(prisma.verdict.create({ data: { ...verdict, analyzerVersion: '1.0.0' } })).rejects.toMatchObject({ code: 'P2002' });
    await expect(prisma.verdict.create({ data: { ...verdict, analyzerVersion: '1.1.0' } })).resolves.toBeDefined();
  });
});
