/**
 * The API gate: jsii-diff finds a removed method and lets an added optional prop pass;
 * a breaking change fails any release but a new major; the baseline is the newest
 * release tag reachable from HEAD. The assemblies compared are this build's `.jsii`
 * and copies of it with one change each; one test runs the whole gate on a clone.
 * Peer ranges and the Node.js engine may widen, never narrow; a shallow clone fails.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { breakingChanges, cdktnRangesAt, checkCompatibility, compatProblem, latestReleaseTag, mayBreak, rangeProblems } from '../../projenrc/api-compat';
import { CDKTN_PACKAGE } from '../../projenrc/cdktn-flavour';

const ROOT = path.resolve(__dirname, '..', '..');
let work: string;

/** A package directory holding this build's assembly after `change`, beside a node_modules that resolves its dependencies. */
function assembly(name: string, change: (assembly: any) => void = () => undefined): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  const jsii = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
  change(jsii);
  fs.writeFileSync(path.join(dir, '.jsii'), JSON.stringify(jsii));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  return dir;
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, '.jsii'))) throw new Error('.jsii is missing: run `npx projen compile` (npm test does) first');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'api-compat-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('jsii-diff', () => {
  test('a removed public method is a breaking change, named', () => {
    const before = assembly('before');
    const after = assembly('removed', (a) => {
      const cmk = a.types['cdktf-encrypted-s3.ManagedCmk'];
      cmk.methods = cmk.methods.filter((m: any) => m.name !== 'grantDecrypt');
    });
    expect(breakingChanges(before, after)).toEqual(['METHOD cdktf-encrypted-s3.ManagedCmk.grantDecrypt: has been removed']);
  });

  test('an optional prop added to a struct is not', () => {
    const before = assembly('before2');
    const after = assembly('added', (a) => {
      a.types['cdktf-encrypted-s3.KeyAdoption'].properties.push({
        abstract: true,
        docs: { stability: 'stable', summary: 'New.' },
        immutable: true,
        locationInModule: { filename: 'src/adoption-options.ts', line: 1 },
        name: 'extra',
        optional: true,
        type: { primitive: 'string' },
      });
    });
    expect(breakingChanges(before, after)).toEqual([]);
  });

  test('a prop made required is breaking (users who leave it out stop compiling)', () => {
    const before = assembly('before3');
    const after = assembly('required', (a) => {
      const alias = a.types['cdktf-encrypted-s3.KeyAdoption'].properties.find((p: any) => p.name === 'aliasExists');
      delete alias.optional;
    });
    expect(breakingChanges(before, after)).toEqual([expect.stringContaining('cdktf-encrypted-s3.KeyAdoption')]);
  });
});

describe('the verdict', () => {
  const BREAKING = ['METHOD cdktf-encrypted-s3.ManagedCmk.grantDecrypt: has been removed'];

  test('a breaking change in a minor or patch release fails, listing the change and the way out', () => {
    for (const next of ['1.3.0', '1.2.1']) {
      const problem = compatProblem('1.2.0', next, BREAKING);
      expect(problem).toContain(`${next} breaks the API of 1.2.0, and is not a new major version`);
      expect(problem).toContain(BREAKING[0]);
      expect(problem).toContain('raise majorVersion in .projenrc.ts');
    }
  });

  test('a new major may break; no breaking change passes at any version', () => {
    expect(compatProblem('1.2.0', '2.0.0', BREAKING)).toBeUndefined();
    expect(compatProblem('1.2.0', '1.2.1', [])).toBeUndefined();
  });

  test('before 1.0, a minor is a major', () => {
    expect(mayBreak('0.3.1', '0.4.0')).toBe(true);
    expect(mayBreak('0.3.1', '0.3.2')).toBe(false);
    expect(mayBreak('1.3.1', '1.4.0')).toBe(false);
  });
});

test('the baseline is the newest release tag on HEAD\'s history: not a pre-release, another branch\'s, or a tag that is no version', () => {
  const repo = path.join(work, 'repo');
  fs.mkdirSync(repo);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  const commit = (message: string) => git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', message);
  commit('feat: first');
  expect(latestReleaseTag(repo)).toBeUndefined();
  for (const tag of ['v1.0.0', 'v1.2.0', 'v1.10.0']) {
    git('tag', tag);
    commit(`feat: after ${tag}`);
  }
  git('tag', 'v2.0.0-rc.1');
  git('tag', 'release-candidate');
  git('checkout', '-q', '-b', 'other');
  commit('feat: elsewhere');
  git('tag', 'v3.0.0');
  git('checkout', '-q', 'main');
  expect(latestReleaseTag(repo)).toBe('v1.10.0');
});

describe('peer ranges and the Node.js engine', () => {
  const PREVIOUS = { peerDependencies: { cdktf: '^0.21.0', constructs: '^10.4.2' }, engines: { node: '>= 20.9.0' } };

  test('a narrowed peer range is breaking; a widened one is not', () => {
    expect(rangeProblems(PREVIOUS, { ...PREVIOUS, peerDependencies: { cdktf: '^0.21.1', constructs: '^10.4.2' } }))
      .toEqual(['PEER cdktf: ^0.21.0 has been narrowed to ^0.21.1']);
    expect(rangeProblems(PREVIOUS, { ...PREVIOUS, peerDependencies: { cdktf: '>=0.21.0 <0.23.0', constructs: '^10.0.0' } })).toEqual([]);
  });

  test('a new peer dependency is breaking: consumers must install it; one dropped is not', () => {
    expect(rangeProblems(PREVIOUS, { ...PREVIOUS, peerDependencies: { ...PREVIOUS.peerDependencies, cdktn: '^0.24.0' } }))
      .toEqual([expect.stringContaining('PEER cdktn: ^0.24.0 has been added')]);
    expect(rangeProblems(PREVIOUS, { ...PREVIOUS, peerDependencies: { cdktf: PREVIOUS.peerDependencies.cdktf } })).toEqual([]);
  });

  test('a narrowed engine is breaking; a widened or dropped one is not', () => {
    expect(rangeProblems(PREVIOUS, { ...PREVIOUS, engines: { node: '>= 22.0.0' } })).toEqual(['ENGINE node: >= 20.9.0 has been narrowed to >= 22.0.0']);
    expect(rangeProblems(PREVIOUS, { ...PREVIOUS, engines: { node: '>= 18' } })).toEqual([]);
    expect(rangeProblems(PREVIOUS, { peerDependencies: PREVIOUS.peerDependencies })).toEqual([]);
  });
});

describe('the cdktn package\'s ranges, as a checkout derives them', () => {
  test('this checkout: what projenrc/cdktn-flavour.ts writes into the cdktn package.json', () => {
    expect(cdktnRangesAt(ROOT)).toEqual({
      name: CDKTN_PACKAGE.name, peerDependencies: CDKTN_PACKAGE.peerDependencies, engines: CDKTN_PACKAGE.engines,
    });
  });

  test('a checkout whose flavour file only lists them (CDKTN_PACKAGE), and one with no flavour at all', () => {
    const dir = path.join(work, 'old-flavour');
    fs.mkdirSync(path.join(dir, 'projenrc'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "cdktf-encrypted-s3"}');
    const ranges = { name: 'cdktn-encrypted-s3', peerDependencies: { cdktn: '^0.23.0' }, engines: { node: '>= 20.0.0' } };
    fs.writeFileSync(path.join(dir, 'projenrc', 'cdktn-flavour.ts'), `export const CDKTN_PACKAGE: Record<string, unknown> = ${JSON.stringify(ranges)};\n`);
    expect(cdktnRangesAt(dir)).toEqual(ranges);
    expect(cdktnRangesAt(work)).toBeUndefined();
  });
});

describe('the gate on a repository with a release tag', () => {
  /** Runs `body` with a temporary directory, removed afterwards. */
  function inTemp(body: (tmp: string) => void): void {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'api-compat-clone-'));
    try {
      body(tmp);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** A new repository holding HEAD's tree, tagged v1.0.0 (not a clone: this checkout may be shallow). */
  function taggedRepository(tmp: string): string {
    const clone = path.join(tmp, 'repo');
    fs.mkdirSync(clone);
    execFileSync('tar', ['-x', '-C', clone], { input: execFileSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }) });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], { cwd: clone, stdio: ['ignore', 'ignore', 'pipe'] });
    git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'feat: the last release');
    git('tag', 'v1.0.0');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    return clone;
  }

  test('a method renamed and the engine narrowed since the last release tag fail a patch, and are listed for a new major', () => {
    inTemp((tmp) => {
      const clone = taggedRepository(tmp);
      const file = path.join(clone, 'src', 'managed-cmk.ts');
      const source = fs.readFileSync(file, 'utf8');
      const renamed = source.replace('public grantDecrypt(', 'public grantKeyDecrypt(');
      expect(renamed).not.toEqual(source);
      fs.writeFileSync(file, renamed);
      // And a narrower Node.js engine, which only the package.json comparison sees.
      const manifest = JSON.parse(fs.readFileSync(path.join(clone, 'package.json'), 'utf8'));
      fs.writeFileSync(path.join(clone, 'package.json'), JSON.stringify({ ...manifest, engines: { node: '>= 99.0.0' } }, undefined, 2));
      execFileSync(path.join(clone, 'node_modules', '.bin', 'jsii'), ['--silence-warnings=reserved-word'], { cwd: clone, stdio: ['ignore', 'ignore', 'pipe'] });

      expect(() => checkCompatibility(clone, clone, '1.0.1')).toThrow(/1\.0\.1 breaks the API of 1\.0\.0[\s\S]*grantDecrypt/);
      const major = checkCompatibility(clone, clone, '2.0.0');
      expect(major).toContain('2.0.0 is a new major version');
      expect(major).toContain('ManagedCmk.grantDecrypt');
      expect(major).toContain(`ENGINE node: ${manifest.engines.node} has been narrowed to >= 99.0.0`);
    });
  }, 180_000);

  test('the cdktn package\'s peers and engine narrowed in projenrc/cdktn-flavour.ts fail a patch, named as the cdktn package\'s', () => {
    inTemp((tmp) => {
      const clone = taggedRepository(tmp);
      const file = path.join(clone, 'projenrc', 'cdktn-flavour.ts');
      const source = fs.readFileSync(file, 'utf8');
      const peers = CDKTN_PACKAGE.peerDependencies;
      const narrowed = source
        .replace(`'@cdktn/provider-aws': '${peers['@cdktn/provider-aws']}'`, "'@cdktn/provider-aws': '>=25.0.0 <26.0.0'")
        .replace(`'constructs': '${peers.constructs}'`, "'constructs': '>=10.7.0 <10.8.0'")
        .replace(`node: '${CDKTN_PACKAGE.engines.node}'`, "node: '>= 24.0.0'");
      expect(narrowed.match(/>=25\.0\.0 <26\.0\.0|>=10\.7\.0 <10\.8\.0|>= 24\.0\.0/g)).toHaveLength(3);
      fs.writeFileSync(file, narrowed);
      execFileSync(path.join(clone, 'node_modules', '.bin', 'jsii'), ['--silence-warnings=reserved-word'], { cwd: clone, stdio: ['ignore', 'ignore', 'pipe'] });

      let message = '';
      try {
        checkCompatibility(clone, clone, '1.0.1');
      } catch (error: any) {
        message = error.message;
      }
      expect(message).toContain('1.0.1 breaks the API of 1.0.0');
      expect(message).toContain(`${CDKTN_PACKAGE.name}: PEER @cdktn/provider-aws: ${peers['@cdktn/provider-aws']} has been narrowed to >=25.0.0 <26.0.0`);
      expect(message).toContain(`${CDKTN_PACKAGE.name}: PEER constructs: ${peers.constructs} has been narrowed to >=10.7.0 <10.8.0`);
      expect(message).toContain(`${CDKTN_PACKAGE.name}: ENGINE node: ${CDKTN_PACKAGE.engines.node} has been narrowed to >= 24.0.0`);
      // Only the cdktn package changed.
      expect(message).not.toMatch(/^ {2}- cdktf-encrypted-s3:/m);
    });
  }, 180_000);

  test('a shallow clone fails, unless allowed, and then compares nothing', () => {
    inTemp((tmp) => {
      const clone = path.join(tmp, 'shallow');
      execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${ROOT}`, clone], { stdio: ['ignore', 'ignore', 'pipe'] });
      expect(() => checkCompatibility(clone, clone, '1.0.1')).toThrow(/shallow clone: fetch the full history and tags \(git fetch --unshallow --tags\)/);
      expect(checkCompatibility(clone, clone, '1.0.1', { allowShallow: true })).toContain('compared nothing for 1.0.1: this is a shallow clone');
    });
  });
});
