/**
 * The same tests against CDK Terrain: `cdktf` resolves to `cdktn` and
 * `@cdktf/provider-aws/lib/*` to `@cdktn/provider-aws/lib/*` (AWS provider 6.x), for
 * src/ and the tests alike. Run under Node 22 by `npm test` (tools/with-node22.js).
 */
const base = require('../package.json').jest;

module.exports = {
  ...base,
  rootDir: '..',
  displayName: 'cdktn',
  collectCoverage: false,
  moduleNameMapper: {
    '^cdktf$': 'cdktn',
    '^@cdktf/provider-aws/(.*)$': '@cdktn/provider-aws/$1',
  },
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    // cdktf-only: the packed tarballs (both flavours are installed by the consumer test),
    // the README compiled under `cdktf init`'s settings, and the examples run by the CLIs
    // (test/examples/cli.test.ts runs cdktn-cli itself).
    '<rootDir>/test/package/',
    // The release's own checks: they read this build's files, not cdktf or cdktn.
    '<rootDir>/test/release/',
    '<rootDir>/test/readme\\.test\\.ts$',
    '<rootDir>/test/examples/main\\.test\\.ts$',
    '<rootDir>/test/examples/cli\\.test\\.ts$',
    // The deploy tier (test/deploy/, about 4 minutes): what Terraform does with what an
    // apply left behind depends on the rendered addresses, moved blocks and lifecycle, which
    // the synth tier asserts for cdktn too; offline, a cdktn run would apply with the same
    // 5.x provider, not the 6.x its output asks for.
    '<rootDir>/test/deploy/',
  ],
  // Terraform-tier titles say when plans use the mirror's older provider.
  setupFilesAfterEnv: ['<rootDir>/test/support/terraform-tier-titles.ts'],
  reporters: ['default', ['jest-junit', { outputDirectory: 'test-reports', outputName: 'junit-cdktn.xml' }]],
};
