import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// The engine must stay pure (DESIGN.md): this checks the lint rule that enforces it really fires.
const eslint = new ESLint();

async function lint(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the purity rule for src/analysis', () => {
  it.each([
    "import { Injectable } from '@nestjs/common';",
    "import { PrismaClient } from '@prisma/client';",
    "import { Queue } from 'bullmq';",
    "import Redis from 'ioredis';",
    "import { readFileSync } from 'node:fs';",
    "import { readFile } from 'node:fs/promises';",
    "import { connect } from 'node:net';",
  ])('rejects %s', async (importLine) => {
    const messages = await lint(`${importLine}\nexport const x = 1;\n`, 'src/analysis/links/probe.ts');
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('rejects reading the clock', async () => {
    const messages = await lint('export const now = Date.now();\n', 'src/analysis/links/probe.ts');
    expect(messages.some((m) => m.startsWith('no-restricted-syntax'))).toBe(true);
  });

  it('allows the same imports outside the engine', async () => {
    const messages = await lint("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src/lists/probe.ts');
    expect(messages).toEqual([]);
  });
});
