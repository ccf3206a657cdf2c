/**
 * The registry guard: a version already on the registry without its release tag is a
 * half-finished release (one package published, the run failed before the tag), and
 * releasing that version again would publish the other package from another commit.
 * The registry is a function here; npm's answers are fed to the lookup as npm gives them.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gitTagExists, npmLookup, NpmResult, registryProblems } from '../../projenrc/release-registry';

const NAMES = ['cdktf-encrypted-s3', 'cdktn-encrypted-s3'];

/** A registry holding `published` (name@version), and a repository holding `tags`. */
function world(published: string[], tags: string[] = []) {
  return {
    isPublished: (name: string, version: string) => published.includes(`${name}@${version}`),
    tagExists: (tag: string) => tags.includes(tag),
  };
}

test('a version published for one package, with no tag, stops the release, naming the package, the version and the way out', () => {
  const problems = registryProblems('1.0.1', NAMES, world(['cdktf-encrypted-s3@1.0.1']));
  expect(problems).toEqual([expect.stringContaining('cdktf-encrypted-s3@1.0.1 is already on the npm registry, but there is no tag v1.0.1')]);
  expect(problems[0]).toContain('re-run the failed jobs');
  expect(registryProblems('1.0.1', NAMES, world(['cdktn-encrypted-s3@1.0.1'])))
    .toEqual([expect.stringContaining('cdktn-encrypted-s3@1.0.1 is already on the npm registry')]);
});

test('both published and no tag: both named', () => {
  expect(registryProblems('1.0.1', NAMES, world(['cdktf-encrypted-s3@1.0.1', 'cdktn-encrypted-s3@1.0.1']))).toHaveLength(2);
});

test('an unpublished version passes; so does a tagged one (the workflow publishes nothing for a tagged version)', () => {
  expect(registryProblems('1.0.1', NAMES, world(['cdktf-encrypted-s3@1.0.0', 'cdktn-encrypted-s3@1.0.0'], ['v1.0.0']))).toEqual([]);
  expect(registryProblems('1.0.1', NAMES, world(['cdktf-encrypted-s3@1.0.1', 'cdktn-encrypted-s3@1.0.1'], ['v1.0.1']))).toEqual([]);
});

describe('npm view, as the release asks it', () => {
  /** A lookup whose `npm` answers `result`, recording what it was asked. */
  function lookupAnswering(result: NpmResult) {
    const asked: string[][] = [];
    const lookup = npmLookup((args) => {
      asked.push(args);
      return result;
    });
    return { lookup, asked };
  }

  test('the version printed: published; asked for exactly that version', () => {
    const { lookup, asked } = lookupAnswering({ status: 0, stdout: '1.0.1\n', stderr: '' });
    expect(lookup('cdktn-encrypted-s3', '1.0.1')).toBe(true);
    expect(asked).toEqual([['view', 'cdktn-encrypted-s3@1.0.1', 'version']]);
  });

  test('nothing printed (older npm, the package exists but not the version), or E404: not published', () => {
    expect(lookupAnswering({ status: 0, stdout: '', stderr: '' }).lookup('cdktf-encrypted-s3', '1.0.1')).toBe(false);
    const notFound = 'npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/cdktf-encrypted-s3 - Not found\n';
    expect(lookupAnswering({ status: 1, stdout: '', stderr: notFound }).lookup('cdktf-encrypted-s3', '1.0.1')).toBe(false);
  });

  test('any other failure stops the release: it cannot tell, and says which package and why', () => {
    const offline = 'npm error code ENOTFOUND\nnpm error network request to https://registry.npmjs.org/cdktf-encrypted-s3 failed\n';
    const { lookup } = lookupAnswering({ status: 1, stdout: '', stderr: offline });
    expect(() => lookup('cdktf-encrypted-s3', '1.0.1'))
      .toThrow(/cannot tell whether cdktf-encrypted-s3@1\.0\.1 is on the npm registry: npm view cdktf-encrypted-s3@1\.0\.1 version failed \(exit 1\)[\s\S]*ENOTFOUND/);
    expect(() => lookupAnswering({ status: 0, stdout: '1.0.2\n', stderr: '' }).lookup('cdktf-encrypted-s3', '1.0.1')).toThrow(/answered 1\.0\.2/);
  });
});

test('the release asks the registry right after the bump, before anything is built or published', () => {
  const tasks = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.projen', 'tasks.json'), 'utf8')).tasks;
  const steps: string[] = tasks.release.steps.map((step: any) => step.spawn ?? step.exec);
  expect(steps.indexOf('release:registry')).toBe(steps.indexOf('bump') + 1);
  expect(tasks['release:registry'].steps[0].exec).toMatch(/projenrc\/release-registry\.ts$/);
});

test('the tag is looked up among the repository\'s tags', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'release-registry-'));
  try {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], { cwd: repo, stdio: 'ignore' });
    git('init', '--quiet');
    git('commit', '--quiet', '--allow-empty', '-m', 'fix: released');
    git('tag', 'v1.0.0');
    expect(gitTagExists(repo)('v1.0.0')).toBe(true);
    expect(gitTagExists(repo)('v1.0.1')).toBe(false);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
