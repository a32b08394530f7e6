module.exports = require('@khg/testing/jest-preset').platformJestConfig(__dirname);
