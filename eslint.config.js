import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const forbiddenInAnalysis = ['@nestjs/*', '@prisma/*', 'bullmq', 'ioredis', 'fs', 'node:fs', 'fs/*', 'node:fs/*', 'net', 'node:net', 'pg', '**/generated/**'];

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
    // The analysis engine is pure: no framework, no database, no queue, no file or network I/O.
    files: ['src/analysis/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: forbiddenInAnalysis, message: 'src/analysis is pure: pass data in, do no I/O (DESIGN.md).' }],
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
