/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: { "^.+\\.tsx?$": "ts-jest" },
  // Fixture workbooks are written once per run from the readable specs.
  globalSetup: "<rootDir>/test/globalSetup.ts",
  testTimeout: 60000,
};
