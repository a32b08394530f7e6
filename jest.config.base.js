// Shared jest settings: swc keeps decorator metadata (type-graphql and TypeORM need it)
// and is the fastest transformer measured here; type-checking is the `typecheck` task's job.
/** @param {string} dir @param {import('jest').Config} [extra] */
module.exports = (dir, extra = {}) => ({
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    }],
  },
  ...extra,
});
