/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testTimeout: 60000,
  // A per-user config folder of its own for each test file (the CLI's secret file: src/cli/secret.ts).
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/isolateConfig.ts'],
};
