import { cdktf, javascript, ReleasableCommits } from 'projen';
import { JobPermission } from 'projen/lib/github/workflows-model';

// Every action the release workflow uses, at a full commit SHA (a tag can be moved). The
// SHAs of checkout and the artifact actions are projen's own pins (ActionRefs); setup-node
// and setup-terraform are the commits their release tags name.
const PINNED_ACTIONS: Record<string, string> = {
  'actions/checkout': '3d3c42e5aac5ba805825da76410c181273ba90b1', // v7.0.1
  'actions/download-artifact': '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', // v8.0.1
  'actions/upload-artifact': '043fb46d1a93c77aae656e7c1c64a875d1fc6a0a', // v7.0.1
  'actions/setup-node': '820762786026740c76f36085b0efc47a31fe5020', // v7.0.0
  'hashicorp/setup-terraform': 'b9cd54a3c349d3f38e8881555d616ced269862dd', // v3.1.2
};

const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-encrypted-s3',
  description:
    'CDK for Terraform constructs for S3 buckets encrypted with a customer-managed KMS key, correct by default.',
  author: 'cdktf-encrypted-s3 maintainers',
  authorAddress: 'maintainers@cdktf-encrypted-s3.dev',
  repositoryUrl: 'https://github.com/cdktf-encrypted-s3/cdktf-encrypted-s3.git',
  license: 'Apache-2.0',
  keywords: ['cdktf', 'terraform', 'aws', 's3', 'kms', 'encryption', 'sse-kms'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.9.0',

  cdktfVersion: '^0.21.0',
  constructsVersion: '^10.4.2',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',

  peerDeps: ['@cdktf/provider-aws@>=20.1.0 <22.0.0'],
  // Every peer has an explicit dev pin below (constructs above the peer's minimum).
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    // Binds AWS provider 5.100.0, the version these machines hold offline.
    '@cdktf/provider-aws@20.1.0',
    'cdktf@0.21.0',
    'cdktf-cli@0.21.0',
    // The CDK Terrain flavour (cdktn-encrypted-s3) is built and tested from the same src/.
    // cdktn needs constructs >=10.6 <10.8; cdktf 0.21 accepts it too.
    'constructs@10.7.2',
    'cdktn@0.24.0',
    // Proves the examples run with either CLI (test/examples/cli.test.ts); needs Node 22.
    'cdktn-cli@0.24.0',
    '@cdktn/provider-aws@25.7.0',
    '@types/node@^20',
    // AGPL: used by tests to evaluate policies, never shipped.
    '@cloud-copilot/iam-simulate',
    // v4 pulls optional native binaries the registry here lacks.
    'eslint-import-resolver-typescript@3.6.3',
    // The API gate orders release tags.
    'semver@^7',
    '@types/semver@^7',
  ],

  // CI runs .ci/run on a clean clone; the one GitHub workflow is projen's release
  // workflow, which runs where the repository is hosted (see CONTRIBUTING.md, "Releases").
  github: true,
  githubOptions: { mergify: false, pullRequestLint: false },
  release: true,
  releaseToNpm: true,
  // Releases stay in 1.x: a breaking commit fails the bump until this is raised, and
  // the API gate (release:compat) fails a breaking change in any other release.
  majorVersion: 1,
  // Only what users see releases: feat, fix, perf and revert (a `!` on any of them is a
  // major). docs, test, chore and refactor commits wait for the next such commit.
  releasableCommits: ReleasableCommits.ofType(['feat', 'fix', 'perf', 'revert']),
  // The release build runs npm test, whose Terraform tier needs Terraform; GitHub's
  // runners no longer have it.
  releaseWorkflowSetupSteps: [
    { name: 'Set up Terraform', uses: 'hashicorp/setup-terraform', with: { terraform_version: '1.11.4', terraform_wrapper: false } },
  ],
  // publib (projen's name for its version: jsiiReleaseVersion) runs with the npm token:
  // an exact version, not whatever `latest` is that day.
  jsiiReleaseVersion: '0.2.1061',
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench'],
    commandOptions: { fix: false },
    // The default project service reads tsconfig.json, which covers src/ only.
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
  },
  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Terraform init/plan runs take seconds each.
      testTimeout: 180_000,
      // One worker per core, not jest's cores - 1: the deploy tier mostly waits on the AWS
      // provider's polling, and on a 2-core machine it would otherwise run alone.
      maxWorkers: '100%',
    },
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  // State of a local `cdktf deploy` and secrets: never committed, never packed.
  gitignore: ['cdktf.out/', '.terraform/', '*.tfstate*', '.env', '.env.*', 'bench/results.json', '*.tgz', '/build/'],
});

for (const [action, sha] of Object.entries(PINNED_ACTIONS)) project.github!.actions.set(action, `${action}@${sha}`);

// Tests, examples and benchmarks are type-checked with the dev config; lib/ is output.
project.tsconfigDev.file.addOverride('include', [
  'src/**/*.ts',
  'test/**/*.ts',
  'examples/**/*.ts',
  'bench/**/*.ts',
  'projenrc/**/*.ts',
  '.projenrc.ts',
]);

// Packages are packed with npm (package:js below), not jsii-pacmak, whose pin would clash
// with the one cdktn-cli asks for.
project.deps.removeDependency('jsii-pacmak');

// Pinned again after construction: the eslint component adds it unpinned.
project.addDevDeps('eslint-import-resolver-typescript@3.6.3');

// The README's test command, and CI's: compile (jsii type-checks src and builds lib/
// for the consumer test), type-check tests and examples, lint without fixing, then
// run jest without touching snapshots, so the output ends with jest's summary.
project.testTask.reset();
project.testTask.spawn(project.compileTask);
project.testTask.exec('tsc --noEmit -p tsconfig.dev.json');
project.testTask.spawn(project.eslint!.eslintTask);
project.testTask.exec('jest --ci', { receiveArgs: true });
// The same tests against CDK Terrain (test/cdktn.jest.config.js maps cdktf to cdktn), on
// Node 22, which tools/with-node22.js installs from the npm registry when this Node is older.
const testCdktn = project.addTask('test:cdktn', {
  description: 'Run the tests against cdktn and @cdktn/provider-aws (AWS provider 6.x) under Node 22',
  exec: 'node tools/with-node22.js node_modules/jest/bin/jest.js --ci -c test/cdktn.jest.config.js',
  receiveArgs: true,
});
project.testTask.spawn(testCdktn);

// The fast tier: synth-and-assert tests only, without Terraform (*.terraform.test.ts), the
// packed tarball (test/package/) or the examples run as the CLIs run them. Arguments go
// before the ignore patterns, which would take them as patterns too.
project.addTask('test:unit', {
  description: 'Run the synth-and-assert tests only (no Terraform, no npm pack)',
  execArgs: [
    'jest', '--ci', '$@',
    '--testPathIgnorePatterns=/node_modules/',
    '--testPathIgnorePatterns=\\.terraform\\.test\\.ts$',
    '--testPathIgnorePatterns=<rootDir>/test/package/',
    '--testPathIgnorePatterns=<rootDir>/test/examples/main\\.test\\.ts$',
    '--testPathIgnorePatterns=<rootDir>/test/examples/cli\\.test\\.ts$',
    // Compares the compiled .jsii: needs a compile first.
    '--testPathIgnorePatterns=<rootDir>/test/release/api-compat\\.test\\.ts$',
    // The deploy tier: applies against moto's server (test:deploy).
    '--testPathIgnorePatterns=\\.deploy\\.test\\.ts$',
  ],
  receiveArgs: true,
});

// The deploy tier alone: stacks applied against moto's server on 127.0.0.1
// (test/support/moto.ts; moto from python3, or installed from PyPI into node_modules/.cache).
project.addTask('test:deploy', {
  description: 'Run the deploy tier: stacks applied against a local AWS endpoint (moto), with the real AWS provider',
  exec: 'jest --ci test/deploy/',
  receiveArgs: true,
});

// Both packages as npm would publish them: dist/js/cdktf-encrypted-s3-<version>.tgz and
// dist/cdktn/cdktn-encrypted-s3-<version>.tgz (the CDK Terrain flavour, built from src/
// by projenrc/cdktn-flavour.ts).
// From a fresh clone too: compile first, so lib/ is current.
project.tasks.tryFind('package:js')?.reset();
project.tasks.tryFind('package:js')?.spawn(project.compileTask);
project.tasks.tryFind('package:js')?.exec('mkdir -p dist/js');
project.tasks.tryFind('package:js')?.exec('npm pack --pack-destination dist/js');
// Not in dist/js: the release workflow unpacks the one tarball there, and publishes
// dist/cdktn in a job of its own (below).
const packageCdktn = project.addTask('package:cdktn', {
  description: 'Build the CDK Terrain flavour (cdktn-encrypted-s3) from src/ and pack it into dist/cdktn',
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/cdktn-flavour.ts dist/cdktn',
});
project.tasks.tryFind('package-all')?.spawn(packageCdktn);
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package-all')!);

// An allowlist, as the cdktn package has (projenrc/cdktn-flavour.ts): whatever else sits in
// the repository root (Terraform state, .env, notes) is not packed. release:check refuses
// anything outside the same list.
project.package.addField('files', ['lib/', '.jsii', 'API.md', 'README.md', 'LICENSE', 'CHANGELOG.md']);
for (const pattern of ['cdktf.out/', 'examples/', 'bench/', 'cdktf.json', '.ci/', 'tools/', 'build/', '/CONTRIBUTING.md']) {
  project.addPackageIgnore(pattern);
}

// Releases (CONTRIBUTING.md, "Releases"). `npx projen release`, which the release
// workflow runs, is: bump, changelog, build (tests included), API gate, tarball checks.
const ts = 'ts-node --project projenrc/tsconfig.json';
const releaseChangelog = project.addTask('release:changelog', {
  description: "Put the release's notes (dist/changelog.md, from conventional commits) into CHANGELOG.md",
  exec: 'node tools/release-changelog.js dist/version.txt dist/changelog.md CHANGELOG.md',
});
// A version on the registry without its tag is a half-finished release (projenrc/release-registry.ts).
const releaseRegistry = project.addTask('release:registry', {
  description: 'Stop when this version of either package is already on the npm registry without its release tag',
  exec: `${ts} projenrc/release-registry.ts`,
});
const releaseCompat = project.addTask('release:compat', {
  description: 'API gate: jsii-diff against the last release tag; a breaking change fails unless the version is a new major',
  exec: `${ts} projenrc/api-compat.ts`,
});
const releaseCheck = project.addTask('release:check', {
  description: 'Check both tarballs: what they must hold, at the released version, and nothing else',
  exec: `${ts} projenrc/release-check.ts`,
});
project.addTask('release:dry', {
  description: 'Rehearse the release in a scratch clone: bump, build both packages, gate, check, npm publish --dry-run',
  exec: `${ts} projenrc/release-rehearsal.ts`,
  receiveArgs: true,
});
// projen's own `compat` compares with npm's latest, which another registry or a first
// release lacks; release:compat compares with the last release tag instead.
project.removeTask('compat');
const release = project.tasks.tryFind('release')!;
release.reset();
release.exec('rm -fr dist');
release.spawn(project.tasks.tryFind('bump')!);
release.spawn(releaseRegistry);
release.spawn(releaseChangelog);
// Before the build, to fail in seconds: it needs the changelog section, not the build.
release.spawn(project.addTask('release:behaviour', {
  description: "Behaviour gate: the last release's examples synthesized with it and with src/; a change needs a changelog entry, a loosening or replacement a new major",
  exec: `${ts} projenrc/behaviour-gate.ts`,
}));
release.spawn(project.tasks.tryFind('build')!);
// The build's tests ran the upgrade gate and recorded its pass for this tree; this step
// confirms it, or runs the gate (projenrc/upgrade-gate.ts).
release.spawn(project.addTask('release:upgrade', {
  description: 'Upgrade gate: every example deployed with the last release on a local AWS endpoint, then planned with src/: no key or bucket replaced',
  exec: `${ts} projenrc/upgrade-gate.ts`,
}));
release.spawn(releaseCompat);
release.spawn(releaseCheck);
release.spawn(project.tasks.tryFind('unbump')!);
// The tarballs carry this release's changelog; the tree goes back to what is committed
// (the release_changelog job commits the section).
release.exec('git checkout -- CHANGELOG.md');
release.exec('git diff --ignore-space-at-eol --exit-code');

// The cdktn package, published as projen publishes the cdktf one (publib), from dist/cdktn.
const releaseJobIf = "needs.release.outputs.tag_exists != 'true' && needs.release.outputs.latest_commit == github.sha";
const downloadArtifact = {
  name: 'Download build artifacts',
  uses: 'actions/download-artifact',
  with: { 'artifact-ids': '${{ needs.release.outputs.artifact_id }}', 'path': 'dist' },
};
project.release!.addJobs({
  release_npm_cdktn: {
    name: 'Publish cdktn-encrypted-s3 to npm',
    needs: ['release', 'release_npm'],
    runsOn: ['ubuntu-latest'],
    permissions: { idToken: JobPermission.WRITE, contents: JobPermission.READ },
    if: releaseJobIf,
    steps: [
      { uses: 'actions/setup-node', with: { 'node-version': '22.19.0' } },
      downloadArtifact,
      {
        name: 'Release',
        env: {
          NPM_DIST_TAG: 'latest',
          NPM_REGISTRY: 'registry.npmjs.org',
          NPM_CONFIG_PROVENANCE: 'true',
          NPM_TOKEN: '${{ secrets.NPM_TOKEN }}',
          PUBLIB_DRYRUN: '${{ inputs.dry_run }}',
        },
        run: `npx -p publib@${project.release!.publisher.publibVersion} publib-npm dist/cdktn`,
      },
    ],
  },
  // CHANGELOG.md on main gains the released section; [skip ci] keeps the push from
  // starting another run, and a docs commit releases nothing.
  release_changelog: {
    name: 'Commit the changelog',
    needs: ['release', 'release_npm', 'release_npm_cdktn'],
    runsOn: ['ubuntu-latest'],
    permissions: { contents: JobPermission.WRITE },
    if: `${releaseJobIf} && !inputs.dry_run`,
    steps: [
      // The released commit, not whatever the branch holds now: its CHANGELOG.md is the
      // one the tarballs carry. The push below fast-forwards the branch from it.
      { uses: 'actions/checkout', with: { ref: '${{ github.sha }}' } },
      downloadArtifact,
      {
        name: 'Commit CHANGELOG.md',
        run: [
          'git config user.name "github-actions[bot]"',
          'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
          'node tools/release-changelog.js dist/version.txt dist/changelog.md CHANGELOG.md',
          'git add CHANGELOG.md',
          // Not chore(release): projen's bump skips a HEAD with that message.
          'git diff --cached --quiet || git commit -m "docs(changelog): $(cat dist/releasetag.txt) [skip ci]"',
          // From a detached checkout: a full ref name; not forced, so a branch that moved on fails.
          'git push origin "HEAD:refs/heads/${{ github.ref_name }}" || { echo "::error::${{ github.ref_name }} moved past $GITHUB_SHA, so the changelog commit was not pushed: the release is published; commit its CHANGELOG.md section by hand"; exit 1; }',
        ].join('\n'),
      },
    ],
  },
});

// The tag and GitHub release wait for both packages: a tag marks a version as
// published, and later runs skip publishing a tagged version.
project.github!.tryFindWorkflow('release')!.file!.addOverride('jobs.release_github.needs', ['release', 'release_npm', 'release_npm_cdktn']);

project.addTask('synth', {
  description: 'Synthesize every example stack into cdktf.out/',
  env: { CHECKPOINT_DISABLE: '1' },
  exec: 'cdktf synth',
});

const bench = project.addTask('bench', {
  description: 'Benchmark load and synth cost against hand-written cdktf (writes bench/results.json)',
  env: { CHECKPOINT_DISABLE: '1' },
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only -P tsconfig.dev.json bench/run.ts', { receiveArgs: true });
// API requests of one refresh, on the deploy tier's emulator: needs Terraform, the provider
// mirror and moto, so it is not part of `bench`.
project.addTask('bench:refresh', {
  description: 'Count the API requests one refresh makes for a default EncryptedBucket and a hand-written one (moto)',
  exec: 'ts-node --transpile-only -P tsconfig.dev.json bench/refresh-requests.ts',
  receiveArgs: true,
});

// API.md from our own dependency versions only (see projenrc/api-docs.ts).
project.tasks.tryFind('docgen')?.reset('ts-node --project projenrc/tsconfig.json projenrc/api-docs.ts');

project.synth();
