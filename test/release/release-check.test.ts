/**
 * The release's checks, each shown failing on the tarball it exists to stop: a file
 * missing, a file that must not ship, the wrong version, a source map into nothing, a
 * machine's path; and the changelog step that writes the version's section. The
 * rehearsal (`npm run release:dry`, run by .ci/run) applies them to the real tarballs.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cdktnPackageJson } from '../../projenrc/cdktn-flavour';
import { ALLOWED_FILES, changelogProblems, machinePaths, packageProblems, PackageFiles, releaseProblems, releaseTarballs, REQUIRED_FILES } from '../../projenrc/release-check';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { release, withRelease } = require('../../tools/release-changelog.js');

const NAME = 'cdktf-encrypted-s3';
const VERSION = '1.2.0';
/** A build directory of this machine, as the release passes it to the checks. */
const BUILD_DIR = `${path.join(os.tmpdir(), 'release-build')}/`;
const EXPECTED = { name: NAME, version: VERSION, machinePaths: [BUILD_DIR] };

function inlineMap(map: object): string {
  return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
}

/** A package as the release builds it: every required file, the right version, maps with their sources embedded. */
function goodPackage(): PackageFiles {
  const meta = JSON.stringify({ name: NAME, version: VERSION });
  const files: PackageFiles = new Map(REQUIRED_FILES.map((file) => [file, Buffer.from(`# ${file}\n`)]));
  files.set('package.json', Buffer.from(meta));
  files.set('.jsii', Buffer.from(meta));
  files.set('lib/index.js', Buffer.from(`"use strict";\n${inlineMap({ version: 3, sources: ['../src/index.ts'], sourcesContent: ['export {};'] })}\n`));
  files.set('lib/private/x.js', Buffer.from('"use strict";\n'));
  return files;
}

function withChange(change: (files: PackageFiles) => void): string[] {
  const files = goodPackage();
  change(files);
  return packageProblems(files, EXPECTED);
}

test('the package as the release builds it has no problem', () => {
  expect(packageProblems(goodPackage(), EXPECTED)).toEqual([]);
});

test.each(REQUIRED_FILES)('a package without %s cannot be published', (file) => {
  expect(withChange((files) => files.delete(file))).toContain(`${file} is missing`);
});

test.each([
  'test/adoption.test.js', 'examples/main.ts', 'bench/run.js', 'src/index.ts', 'tools/with-node22.js', 'projenrc/api-docs.ts',
  'build/cdktn/package.json', 'dist/js/cdktf-encrypted-s3-1.2.0.tgz', 'lib/index.test.js', 'CONTRIBUTING.md', 'tsconfig.dev.json',
  '.projenrc.ts', 'cdktf.json', '.github/workflows/release.yml', 'src/index.d.ts', 'lib/index.test.d.ts', 'node_modules/x/index.d.ts',
  'lib/__tests__/x.js', 'lib/x.spec.js', 'lib/examples/main.js', 'lib/test/x.js',
])('a package holding %s cannot be published', (file) => {
  const problems = withChange((files) => files.set(file, Buffer.from('x')));
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')} must not be published: `));
});

test.each([
  'terraform.dev.tfstate', 'terraform.dev.tfstate.backup', 'lib/terraform.tfstate', '.env', '.env.local', 'lib/.env',
  '.terraform/providers/x', 'examples/.terraform/terraform.tfstate',
])('Terraform state and secrets (%s) cannot be published', (file) => {
  const problems = withChange((files) => files.set(file, Buffer.from('{}')));
  expect(problems).toEqual([expect.stringMatching(new RegExp(`^${file.replace(/\./g, '\\.')} must not be published: `))]);
  expect(problems[0]).not.toContain('allowlist');
});

test.each(['notes.md', 'TODO.txt', 'package-lock.json', 'docs/design.md', 'API.json'])('%s, on no allowlist, cannot be published', (file) => {
  expect(withChange((files) => files.set(file, Buffer.from('x'))))
    .toEqual([`${file} must not be published: only ${ALLOWED_FILES.filter((f) => !f.startsWith('lib/')).join(', ')} and lib/** ship`]);
});

test('declarations ship: lib/**/*.d.ts is not TypeScript source', () => {
  expect(withChange((files) => files.set('lib/private/x.d.ts', Buffer.from('export {};')))).toEqual([]);
});

test.each(['package.json', '.jsii'])('%s at another version, or of another package, is refused', (file) => {
  expect(withChange((files) => files.set(file, Buffer.from(JSON.stringify({ name: NAME, version: '0.0.0' })))))
    .toEqual([`${file} has version 0.0.0, not ${VERSION}`]);
  expect(withChange((files) => files.set(file, Buffer.from(JSON.stringify({ name: 'other', version: VERSION })))))
    .toEqual([`${file} names the package other, not ${NAME}`]);
});

describe('source maps', () => {
  test('an inline map whose sources are neither embedded nor shipped is refused', () => {
    const js = `"use strict";\n${inlineMap({ version: 3, sources: ['../src/index.ts'] })}\n`;
    expect(withChange((files) => files.set('lib/index.js', Buffer.from(js))))
      .toEqual(['lib/index.js\'s source map refers to ../src/index.ts, which is neither published nor embedded']);
  });

  test('a map file that is not shipped is refused; shipped, with its sources shipped, it is fine', () => {
    const js = '"use strict";\n//# sourceMappingURL=index.js.map\n';
    expect(withChange((files) => files.set('lib/index.js', Buffer.from(js))))
      .toEqual(['lib/index.js refers to the source map lib/index.js.map, which is not published']);
    expect(withChange((files) => {
      files.set('lib/index.js', Buffer.from(js));
      files.set('lib/index.js.map', Buffer.from(JSON.stringify({ version: 3, sourceRoot: '../', sources: ['lib/index.d.ts'] })));
    })).toEqual([]);
  });
});

test('the machine paths are the checkout and the build directories, not the bare temp directory, nor a one-segment home', () => {
  const scratch = path.join(os.tmpdir(), 'release-scratch');
  const paths = machinePaths(scratch);
  expect(paths).toContain(`${path.resolve(__dirname, '..', '..')}/`);
  expect(paths).toContain(`${scratch}/`);
  expect(paths).not.toContain(`${os.tmpdir()}/`);
  expect(paths).not.toContain('/');
  const home = os.homedir();
  expect(paths.includes(`${home}/`)).toBe(home.split(path.sep).filter(Boolean).length >= 2);
});

test('a path of the building machine inside an inline source map is refused', () => {
  const js = `"use strict";\n${inlineMap({ version: 3, sources: [`${BUILD_DIR}src/index.ts`], sourcesContent: ['export {};'] })}\n`;
  expect(withChange((files) => files.set('lib/index.js', Buffer.from(js))))
    .toEqual([`lib/index.js names a path of the machine that built it (${BUILD_DIR})`]);
});

/** A home directory of another machine, from its segments and separator: test data, not a path of this one. */
function homeOf(separator: string, ...segments: string[]): string {
  return `${segments.join(separator)}${separator}`;
}

test.each([
  homeOf('/', '', 'home', 'alice'), homeOf('/', '', 'Users', 'bob'), homeOf('/', '', 'root'), homeOf('\\', 'C:', 'Users', 'carol'),
])('a home directory of any machine (%s) is refused; an ARN\'s :root is not', (home) => {
  expect(withChange((files) => files.set('lib/private/x.js', Buffer.from(`const dir = "${home}work";`))))
    .toEqual([expect.stringMatching(/^lib\/private\/x\.js names a home directory /)]);
  expect(withChange((files) => files.set('README.md', Buffer.from('arn:aws:iam::111122223333:root, a/root/b')))).toEqual([]);
});

test('a declaration file\'s source map must be shipped too', () => {
  expect(withChange((files) => files.set('lib/private/x.d.ts', Buffer.from('export {};\n//# sourceMappingURL=x.d.ts.map\n'))))
    .toEqual(['lib/private/x.d.ts refers to the source map lib/private/x.d.ts.map, which is not published']);
});

test('a file naming a path of the building machine is refused', () => {
  expect(withChange((files) => files.set('lib/private/x.js', Buffer.from(`const dir = "${BUILD_DIR}src";`))))
    .toEqual([`lib/private/x.js names a path of the machine that built it (${BUILD_DIR})`]);
});

describe('the changelog', () => {
  const INTRO = '# Changelog\n\nHow versions are numbered.\n\n';
  const OLD = '## 1.1.0 (2026-11-01)\n\n### Features\n\n* older\n';
  const NOTES = '\n## [1.2.0](https://example.com/compare/v1.1.0...v1.2.0) (2026-12-04)\n\n### Bug Fixes\n\n* a fix\n\n';

  test('the release puts its section after the introduction, above earlier versions, and the check then passes', () => {
    const changelog = withRelease(INTRO + OLD, VERSION, NOTES);
    expect(changelog).toBe(`${INTRO}${NOTES.trim()}\n\n${OLD}`);
    expect(changelogProblems(changelog, VERSION)).toEqual([]);
  });

  test('a section already there (written by hand) is kept as it is', () => {
    const handWritten = `${INTRO}## 1.2.0\n\nBy hand.\n\n${OLD}`;
    expect(withRelease(handWritten, VERSION, NOTES)).toBe(handWritten);
  });

  test('a hand-written (unreleased) section gets the release date and becomes the notes, so npm and GitHub say the same', () => {
    const handWritten = `${INTRO}## 1.2.0 (unreleased)\n\nBy hand.\n\n${OLD}`;
    const released = release(handWritten, VERSION, NOTES);
    expect(released.changelog).toBe(`${INTRO}## 1.2.0 (2026-12-04)\n\nBy hand.\n\n${OLD}`);
    expect(released.notes).toBe('## 1.2.0 (2026-12-04)\n\nBy hand.\n');
    // The workflow's changelog job runs it again on the committed file, with those notes.
    expect(release(handWritten, VERSION, released.notes)).toEqual(released);
    expect(release(INTRO + OLD, VERSION, NOTES).notes).toBe(NOTES);
  });

  test('without the version\'s section the check fails; notes for another version are refused', () => {
    expect(changelogProblems(INTRO + OLD, VERSION)).toEqual(['CHANGELOG.md has no section for 1.2.0']);
    expect(changelogProblems(`${INTRO}## 1.2.01\n`, VERSION)).toEqual(['CHANGELOG.md has no section for 1.2.0']);
    expect(() => withRelease(INTRO + OLD, '1.3.0', NOTES)).toThrow(/do not start with a section for 1\.3\.0/);
  });
});

describe('the tarballs of a release', () => {
  let dist: string;

  /** Packs a complete package named `name` at `version` into dist/<dir>/<file>. */
  function pack(dir: string, file: string, name: string, version = VERSION): void {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'release-pack-'));
    const files = goodPackage();
    const meta = Buffer.from(JSON.stringify({ name, version }));
    files.set('package.json', meta);
    files.set('.jsii', meta);
    files.set('CHANGELOG.md', Buffer.from(`# Changelog\n\n## ${VERSION}\n`));
    for (const [relative, content] of files) {
      fs.mkdirSync(path.dirname(path.join(root, 'package', relative)), { recursive: true });
      fs.writeFileSync(path.join(root, 'package', relative), content);
    }
    fs.mkdirSync(path.join(dist, dir), { recursive: true });
    execFileSync('tar', ['-czf', path.join(dist, dir, file), '-C', root, 'package']);
    fs.rmSync(root, { recursive: true, force: true });
  }

  beforeEach(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'release-dist-'));
  });
  afterEach(() => fs.rmSync(dist, { recursive: true, force: true }));

  test('both packages, each where the release packs it, at the version: no problem', () => {
    pack('js', `cdktf-encrypted-s3-${VERSION}.tgz`, 'cdktf-encrypted-s3');
    pack('cdktn', `cdktn-encrypted-s3-${VERSION}.tgz`, 'cdktn-encrypted-s3');
    expect(releaseProblems(VERSION, releaseTarballs(dist))).toEqual([]);
  });

  test('the cdktf package packed where the cdktn one belongs is refused', () => {
    pack('js', `cdktf-encrypted-s3-${VERSION}.tgz`, 'cdktf-encrypted-s3');
    pack('cdktn', `cdktf-encrypted-s3-${VERSION}.tgz`, 'cdktf-encrypted-s3');
    expect(releaseProblems(VERSION, releaseTarballs(dist))).toEqual([
      `cdktf-encrypted-s3-${VERSION}.tgz: expected cdktn-encrypted-s3-${VERSION}.tgz`,
      'cdktn-encrypted-s3: package.json names the package cdktf-encrypted-s3, not cdktn-encrypted-s3',
      'cdktn-encrypted-s3: .jsii names the package cdktf-encrypted-s3, not cdktn-encrypted-s3',
    ]);
  });

  test('a package left at 0.0.0 is refused, and so is releasing 0.0.0', () => {
    pack('js', 'cdktf-encrypted-s3-0.0.0.tgz', 'cdktf-encrypted-s3', '0.0.0');
    pack('cdktn', 'cdktn-encrypted-s3-0.0.0.tgz', 'cdktn-encrypted-s3', '0.0.0');
    expect(releaseProblems('0.0.0', releaseTarballs(dist))).toContain('0.0.0 is not a version to release (bump first)');
    expect(releaseProblems(VERSION, releaseTarballs(dist))).toContain(`cdktf-encrypted-s3: package.json has version 0.0.0, not ${VERSION}`);
  });

  test('a package missing from dist fails before anything is checked', () => {
    pack('js', `cdktf-encrypted-s3-${VERSION}.tgz`, 'cdktf-encrypted-s3');
    expect(() => releaseTarballs(dist)).toThrow(/expected one tarball of cdktn-encrypted-s3 in .*cdktn, found none/);
  });
});

describe('what npm packs from the repository root', () => {
  /** Stray files a working copy gathers: state of `cdktf deploy`'s local backend, secrets, notes. */
  const STRAY = ['terraform.dev.tfstate', 'terraform.dev.tfstate.backup', '.env', 'notes.txt', '.terraform/terraform.tfstate'];

  test('the cdktf package, packed from a copy of the root with stray files in it, holds none of them, and the check passes', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'release-root-'));
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ ...manifest, version: VERSION }));
      for (const file of ['.npmignore', 'README.md', 'LICENSE', 'API.md', 'CHANGELOG.md']) {
        fs.copyFileSync(path.join(__dirname, '..', '..', file), path.join(root, file));
      }
      fs.writeFileSync(path.join(root, '.jsii'), JSON.stringify({ name: NAME, version: VERSION }));
      fs.mkdirSync(path.join(root, 'lib'));
      fs.writeFileSync(path.join(root, 'lib', 'index.js'), '"use strict";\n');
      fs.writeFileSync(path.join(root, 'lib', 'index.d.ts'), 'export {};\n');
      for (const file of STRAY) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), '{"secret": true}\n');
      }
      const npmPack = ['pack', '--dry-run', '--json', '--ignore-scripts'];
      const packed = JSON.parse(execFileSync('npm', npmPack, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
      const listed = (packed[0].files as Array<{ path: string }>).map((entry) => entry.path);
      const files: PackageFiles = new Map(listed.map((file) => [file, fs.readFileSync(path.join(root, file))]));
      expect(packageProblems(files, { name: NAME, version: VERSION, machinePaths: [] })).toEqual([]);
      expect([...files.keys()].sort()).toEqual(['.jsii', 'API.md', 'CHANGELOG.md', 'LICENSE', 'README.md', 'lib/index.d.ts', 'lib/index.js', 'package.json']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('both packages pack the same allowlist', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(manifest.files).toEqual(expect.arrayContaining(['lib/']));
    expect(cdktnPackageJson(manifest).files).toEqual(manifest.files);
  });

  test('git ignores them too', () => {
    const ignorable = STRAY.filter((file) => file !== 'notes.txt');
    const ignored = spawnSync('git', ['check-ignore', '--no-index', ...ignorable], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(ignored.stdout.split('\n').filter(Boolean)).toEqual(ignorable);
  });
});
