// Jest runs in native ESM mode (node --experimental-vm-modules): NestJS 12 is ESM-only and
// Jest's CommonJS loader cannot require() it on Node 20. See README, "Development".
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
  // Integration tests share one database, and every app started with a worker runs the sweeper
  // and the webhook dispatcher over all of it: test files run one at a time.
  maxWorkers: 1,
};
