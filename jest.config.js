/** Two projects: fast pure tests, and integration tests against a real Neo4j and Redis. */
const tsJest = ['ts-jest', { diagnostics: false }];

module.exports = {
  // Integration tests share one Neo4j and some reset it: one test file at a time.
  maxWorkers: 1,
  // Real servers answer in milliseconds once warm, but the first queries of a run compile their plans.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
    },
  ],
};
