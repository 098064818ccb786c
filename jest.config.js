/** Two projects: fast pure tests, and integration tests against a real Neo4j and Redis. */
const tsJest = ['ts-jest', { diagnostics: false }];
// any-ascii ships only as an ES module, which jest's CommonJS module system cannot load as it is.
const esmDependencies = {
  transform: {
    '^.+\\.ts$': tsJest,
    '/node_modules/any-ascii/.+\\.js$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!any-ascii/)'],
};

module.exports = {
  // Integration tests share one Neo4j and some reset it: one test file at a time.
  maxWorkers: 1,
  // Real servers answer in milliseconds once warm, but the first queries of a run compile their plans.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      ...esmDependencies,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      ...esmDependencies,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
    },
  ],
};
