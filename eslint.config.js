import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const forbiddenInAnalysis = ['@nestjs/*', '@prisma/*', 'bullmq', 'ioredis', 'fs', 'node:fs', 'fs/*', 'node:fs/*', 'net', 'node:net', 'pg', '**/generated/**'];

// Mechanisms every feature uses live in shared rooms (DESIGN.md), never inside one feature: these
// are their old homes, so an import of them from another feature stays an error.
const sharedMechanisms = [
  { group: ['**/webhooks/ssrf-guard*', '**/webhooks/guarded-agent*', '**/webhooks/webhook-http*'], message: 'Outbound HTTP and its SSRF guard live in src/platform/outbound/.' },
  { group: ['**/webhooks/outbox-sql*'], message: 'The transactional outbox lives in src/outbox/ (outbox-sql.ts).' },
  { group: ['**/comments/comment-input.schema*'], importNames: ['parseOrThrow'], message: 'The one validation layer lives in src/platform/http/validation.ts.' },
];

// Every folder of src/ but the rooms below features is a feature; new features are covered by themselves.
const lowerRooms = ['analysis', 'config', 'generated', 'platform', 'outbox', 'types'];
const features = readdirSync(new URL('./src/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !lowerRooms.includes(d.name))
  .map((d) => d.name);
/** Relative imports (any depth) of a folder of src/ named in `rooms`. */
const importsOf = (rooms) => `^(\\.\\./)+(${rooms.join('|')})(/|$)`;

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: sharedMechanisms }],
    },
  },
  {
    // Dependencies point down: platform learns about features only through DI (@Contributes).
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...sharedMechanisms, { regex: importsOf([...features, 'outbox']), message: 'src/platform imports no feature (nor the outbox): let the feature contribute through DI (platform-contributor.ts).' }],
      }],
    },
  },
  {
    files: ['src/outbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...sharedMechanisms, { regex: importsOf(features), message: 'src/outbox is a shared room: it imports no feature.' }],
      }],
    },
  },
  {
    // The analysis engine is pure: no framework, no database, no queue, no file or network I/O.
    files: ['src/analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...sharedMechanisms, { group: forbiddenInAnalysis, message: 'src/analysis is pure: pass data in, do no I/O (DESIGN.md).' }],
      }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: 'src/analysis is deterministic: no Date.now().',
      }, {
        selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
        message: 'src/analysis is deterministic: no Math.random().',
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The moderators' page runs in the browser (plain ES module, no bundler).
    files: ['web/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },
);
