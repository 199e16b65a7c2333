import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// Platform imports no feature and shared mechanisms live in shared rooms (DESIGN.md): this checks
// that the lint rules which keep it so really fire, and that the tree obeys them.
const eslint = new ESLint();

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import boundaries', () => {
  it.each([
    ['platform imports a feature service', "import { ListsService } from '../lists/lists.service.js';", 'src/platform/probe.ts', /platform imports no feature/],
    ['platform/http imports a feature', "import { AuthService } from '../../auth/auth.service.js';", 'src/platform/http/probe.ts', /platform imports no feature/],
    ['platform imports a feature module', "import { ModerationModule } from '../moderation/moderation.module.js';", 'src/platform/probe.ts', /platform imports no feature/],
    ['platform imports the outbox', "import { siteWantsEvent } from '../outbox/outbox-sql.js';", 'src/platform/probe.ts', /platform imports no feature/],
    ['the outbox imports a feature', "import { DeliveryScheduler } from '../webhooks/delivery-scheduler.service.js';", 'src/outbox/probe.ts', /outbox is a shared room/],
    ['a feature takes the SSRF guard from webhooks', "import { checkOutboundUrlShape } from '../webhooks/ssrf-guard.js';", 'src/lists/probe.ts', /src\/platform\/outbound/],
    ['a feature takes the guarded agent from webhooks', "import { createGuardedAgent } from '../webhooks/guarded-agent.js';", 'src/subscriptions/probe.ts', /src\/platform\/outbound/],
    ['a feature takes the outbox SQL from webhooks', "import { siteWantsEvent } from '../webhooks/outbox-sql.js';", 'src/review/probe.ts', /src\/outbox/],
    ['a feature takes parseOrThrow from comments', "import { parseOrThrow } from '../comments/comment-input.schema.js';", 'src/review/probe.ts', /validation\.ts/],
  ])('rejects: %s', async (_name, importLine, filePath, message) => {
    const messages = await restrictedImports(`${importLine}\nexport const probe = 1;\n`, filePath);
    expect(messages).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['platform imports config', "import { CONFIG } from '../config/config.module.js';", 'src/platform/probe.ts'],
    ['platform imports its outbound room', "import { checkOutboundUrl } from './outbound/ssrf-guard.js';", 'src/platform/probe.ts'],
    ['a feature imports outbound HTTP from platform', "import { createGuardedAgent } from '../platform/outbound/guarded-agent.js';", 'src/lists/probe.ts'],
    ['a feature imports the outbox room', "import { insertOutboxEvents } from '../outbox/outbox-sql.js';", 'src/moderation/probe.ts'],
    ['the outbox imports platform', "import { PrismaService } from '../platform/prisma.service.js';", 'src/outbox/probe.ts'],
  ])('allows: %s', async (_name, importLine, filePath) => {
    expect(await restrictedImports(`${importLine}\nexport const probe = 1;\n`, filePath)).toEqual([]);
  });

  it('holds for platform and the outbox as they are', async () => {
    const results = await eslint.lintFiles(['src/platform/**/*.ts', 'src/outbox/**/*.ts']);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(violations).toEqual([]);
  });
});
