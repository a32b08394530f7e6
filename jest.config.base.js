// Shared jest settings. Tests come in two tiers, as jest projects:
// - `unit`: beside the code (`src/**/*.test.ts`), pure rules, no database or process; fast.
// - `integration`: `test/**/*.test.ts` of an app, through a real platform (see @khg/testing).
// `npm test` runs both; `npm run test:unit` only the first (`jest --selectProjects unit`).
// swc keeps decorator metadata (type-graphql and TypeORM need it) and is the fastest transformer
// measured here; type-checking is the `typecheck` task's job.

/** One jest project of a package. @param {string} dir @param {'unit' | 'integration'} name @param {string[]} testMatch @param {import('jest').Config} [extra] */
const project = (dir, name, testMatch, extra = {}) => ({
  displayName: name,
  rootDir: dir,
  testEnvironment: 'node',
  testMatch,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  ...extra,
});

/** A package whose tests are all unit tests. @param {string} dir */
module.exports = (dir) => ({ projects: [project(dir, 'unit', ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'])] });
module.exports.project = project;
