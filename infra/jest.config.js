// Unit tests beside the code; test/ renders the real overlays with kubectl (no platform needed).
const { project } = require('../jest.config.base.js');
module.exports = { projects: [project(__dirname, 'unit', ['<rootDir>/src/**/*.test.ts']), project(__dirname, 'integration', ['<rootDir>/test/**/*.test.ts'])] };
