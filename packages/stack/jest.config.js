// Unit tests beside the code; under test/, what starts real processes (PostgreSQL binaries, a whole
// clone with npm install and npm start), which takes minutes.
const { project } = require('../../jest.config.base.js');

module.exports = {
  maxWorkers: 1,
  projects: [project(__dirname, 'unit', ['<rootDir>/src/**/*.test.ts']), project(__dirname, 'integration', ['<rootDir>/test/**/*.test.ts'])],
};
