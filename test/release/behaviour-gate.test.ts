/**
 * The behaviour gate: a behaviour change needs a changelog section that says so; a
 * loosening, a destroy or replace needs a new major. What is synthesized, on a small
 * stand-in app; and end to end on a tagged repository built from HEAD's tree, with two
 * defaults changed in src/: the gate names each stack and address, and finds nothing
 * else (another directory, another state path).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BehaviourChange } from '../../projenrc/behaviour-diff';
import { behaviourProblem, changesSince, checkBehaviour, saysBehaviourChanges, synthesizeApp } from '../../projenrc/behaviour-gate';

const ROOT = path.resolve(__dirname, '..', '..');

const TIGHTER: BehaviourChange = { stack: 'managed-cmk', address: 'aws_s3_bucket_policy.P', what: 'policy: statement "DenyOutdatedTls" (Deny): ...', kind: 'behaviour' };
const LOOSER: BehaviourChange = { stack: 'pinned-cmk', address: 'aws_s3_bucket_public_access_block.B', what: 'block_public_policy: true -> false', kind: 'loosening' };
const REPLACED: BehaviourChange = { stack: 'replication', address: 'aws_kms_key.K', what: 'multi_region: false -> true', kind: 'destroy-or-replace' };
const SAYS_SO = '## 1.0.1 (2026-12-08)\n\n### Behaviour changes\n\n* Buckets deny TLS below 1.3.\n';
const GENERATED = '## [1.0.1](https://example.com/compare/v1.0.0...v1.0.1) (2026-12-08)\n\n### Bug Fixes\n\n* **policy:** require TLS 1.3 ([abc1234](https://example.com/commit/abc1234))\n';

describe('what the notes must say', () => {
  test('a Behaviour changes heading with an item says so; so do BREAKING CHANGES', () => {
    expect(saysBehaviourChanges(SAYS_SO)).toBe(true);
    expect(saysBehaviourChanges('## 1.1.0\n\n### Behavior Changes\n- deny TLS 1.2\n')).toBe(true);
    expect(saysBehaviourChanges('## 2.0.0\n\n### ⚠ BREAKING CHANGES\n\n* **policy:** public policies are allowed\n')).toBe(true);
  });

  test('generated notes, an empty heading or the words in an item do not', () => {
    expect(saysBehaviourChanges(GENERATED)).toBe(false);
    expect(saysBehaviourChanges('## 1.0.1\n\n### Behaviour changes\n\n### Bug Fixes\n\n* x\n')).toBe(false);
    expect(saysBehaviourChanges('## 1.0.1\n\n### Bug Fixes\n\n* behaviour changes: TLS 1.3\n')).toBe(false);
  });
});

describe('the verdict', () => {
  test('no change passes without a word', () => {
    expect(behaviourProblem('1.0.0', '1.0.1', [], GENERATED)).toBeUndefined();
  });

  test('a behaviour change needs the notes to say so, in any release', () => {
    const problem = behaviourProblem('1.0.0', '1.0.1', [TIGHTER], GENERATED);
    expect(problem).toContain('its changelog section does not say so');
    expect(problem).toContain('[behaviour] managed-cmk aws_s3_bucket_policy.P');
    expect(problem).toContain('## 1.0.1 (unreleased)');
    expect(problem).toContain('### Behaviour changes');
    expect(problem).not.toContain('not a new major');
    expect(behaviourProblem('1.0.0', '1.0.1', [TIGHTER], SAYS_SO)).toBeUndefined();
  });

  test('a loosening or a replacement needs a new major, even when the notes say so', () => {
    for (const next of ['1.0.1', '1.1.0']) {
      const problem = behaviourProblem('1.0.0', next, [TIGHTER, LOOSER, REPLACED], SAYS_SO)!;
      expect(problem).toContain(`${next} loosens a policy or protection, replaces or destroys a resource`);
      expect(problem).toContain('[loosening] pinned-cmk aws_s3_bucket_public_access_block.B: block_public_policy: true -> false');
      expect(problem).toContain('[destroy-or-replace] replication aws_kms_key.K');
      expect(problem).not.toContain('[behaviour]');
      expect(problem).toContain('raise majorVersion in .projenrc.ts');
    }
    expect(behaviourProblem('1.0.0', '2.0.0', [TIGHTER, LOOSER, REPLACED], SAYS_SO)).toBeUndefined();
    // A major must say so too.
    expect(behaviourProblem('1.0.0', '2.0.0', [LOOSER], GENERATED)).toContain('does not say so');
  });
});

/**
 * A stand-in for the examples, in plain Node.js (fast: no ts-node): `app.js` renders one
 * stack from the "library" (src/settings.json) and the "example" (examples/example.json,
 * whose setting wins), as cdktf's App would, into CDKTF_OUTDIR.
 */
const FAKE_APP = `
const fs = require('fs');
const path = require('path');
const settings = require('./src/settings.json');
if (settings.fail) throw new Error('this version of the library refuses the example');
const example = require('./examples/example.json');
const out = process.env.CDKTF_OUTDIR;
fs.mkdirSync(path.join(out, 'stacks', 's'), { recursive: true });
fs.writeFileSync(path.join(out, 'stacks', 's', 'cdk.tf.json'), JSON.stringify({
  terraform: { backend: { local: { path: path.join(process.cwd(), 'terraform.s.tfstate') } } },
  provider: { aws: [{ region: process.env.AWS_REGION }] },
  resource: { aws_s3_bucket_public_access_block: { B: { block_public_policy: example.blockPublicPolicy ?? settings.blockPublicPolicy } } },
}));
fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ stacks: { s: { synthesizedStackPath: 'stacks/s/cdk.tf.json' } } }));
`;

describe('what is synthesized: the tag\'s examples, with the tag\'s library and with this one', () => {
  let repo: string;
  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), content);
  };

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'behaviour-fake-app-'));
    write('cdktf.json', JSON.stringify({ app: 'node app.js', context: {} }));
    write('app.js', FAKE_APP);
    write('src/settings.json', JSON.stringify({ blockPublicPolicy: true }));
    write('examples/example.json', '{}');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], { cwd: repo, stdio: 'ignore' });
    git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'feat: the last release');
    git('tag', 'v1.0.0');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  test('in a fixed environment: this machine\'s AWS_REGION does not reach the app', async () => {
    const saved = process.env.AWS_REGION;
    process.env.AWS_REGION = 'eu-west-1';
    try {
      expect((await synthesizeApp(repo)).s.provider.aws).toEqual([{ region: 'us-east-1' }]);
    } finally {
      if (saved === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = saved;
    }
  });

  test('a default changed in src/ is found even where an example edited since the tag would hide it', async () => {
    write('src/settings.json', JSON.stringify({ blockPublicPolicy: false }));
    write('examples/example.json', JSON.stringify({ blockPublicPolicy: true }));
    expect(await changesSince(repo, 'v1.0.0', repo)).toEqual([
      { stack: 's', address: 'aws_s3_bucket_public_access_block.B', what: 'block_public_policy: true -> false', kind: 'loosening' },
    ]);
  });

  test('the release\'s changelog section is read: one that says so lets a new major through', async () => {
    write('src/settings.json', JSON.stringify({ blockPublicPolicy: false }));
    write('CHANGELOG.md', '# Changelog\n\n## 2.0.0 (unreleased)\n\n### Behaviour changes\n\n* Public bucket policies are no longer blocked.\n');
    await expect(checkBehaviour(repo, repo, '2.0.0')).resolves.toBe([
      'behaviour: 2.0.0 changes what the examples of v1.0.0 render, and says so:',
      '  - [loosening] s aws_s3_bucket_public_access_block.B: block_public_policy: true -> false',
    ].join('\n'));
    // With nothing to release (the bump kept the tag's version), nothing ships: listed, not judged.
    await expect(checkBehaviour(repo, repo, '1.0.0')).resolves.toMatch(/^behaviour: nothing to release \(1\.0\.0 is v1\.0\.0\)[^\n]*\n {2}- \[loosening\] s aws_s3/);
    // Another version's section says nothing of this one.
    await expect(checkBehaviour(repo, repo, '3.0.0')).rejects.toThrow('3.0.0 renders the examples of 1.0.0 differently, and its changelog section does not say so');
  });

  test('examples the tag itself cannot synthesize any more stop the gate: nothing to compare with', async () => {
    write('app.js', 'process.exit(3);');
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', 'commit', '--quiet', '-am', 'a release whose app fails'], { cwd: repo, stdio: 'ignore' });
    execFileSync('git', ['tag', 'v1.0.1'], { cwd: repo });
    await expect(changesSince(repo, 'v1.0.1', repo)).rejects.toThrow('the examples of v1.0.1 do not synthesize with v1.0.1\'s own library');
  });

  test('an example the library now refuses is a change that needs a major', async () => {
    write('src/settings.json', JSON.stringify({ fail: true }));
    expect(await changesSince(repo, 'v1.0.0', repo)).toEqual([
      { stack: '(app)', address: 'examples', kind: 'no-synth', what: expect.stringMatching(/examples of v1\.0\.0 no longer synthesize[\s\S]*refuses the example/) },
    ]);
  });
});

describe('on a repository with a release tag', () => {
  let tmp: string;
  let clone: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], { cwd: clone, stdio: ['ignore', 'ignore', 'pipe'] });

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'behaviour-gate-test-'));
    // A new repository holding HEAD's tree, not a clone: this checkout may be shallow.
    clone = path.join(tmp, 'repo');
    fs.mkdirSync(clone);
    execFileSync('tar', ['-x', '-C', clone], { input: execFileSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }) });
    git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'feat: the last release');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('before the first release tag, it compares nothing and passes', async () => {
    await expect(checkBehaviour(clone, clone, '1.0.0')).resolves.toContain('compared nothing: no earlier release');
  });

  test('a tightened and a loosened default fail a patch, each stack and address named, and nothing else differs', async () => {
    git('tag', 'v1.0.0');
    const file = path.join(clone, 'src', 'private', 'bucket-settings.ts');
    const source = fs.readFileSync(file, 'utf8');
    const changed = source
      .replace('props.minimumTlsVersion ?? 1.2', 'props.minimumTlsVersion ?? 1.3')
      .replace('publicAccess.blockPublicPolicy ?? true', 'publicAccess.blockPublicPolicy ?? false');
    expect(changed.split('\n').filter((line, i) => line !== source.split('\n')[i])).toHaveLength(2);
    fs.writeFileSync(file, changed);
    git('commit', '--quiet', '-am', 'fix: new defaults');

    const TLS = /^ {2}- \[behaviour\] (\S+) aws_s3_bucket_policy\.\S+: policy: statement "DenyOutdatedTls" \(Deny\): Condition NumericLessThan s3:TlsVersion: \["1\.2"\] -> \["1\.3"\]$/;
    const PUBLIC = /^ {2}- \[loosening\] (\S+) aws_s3_bucket_public_access_block\.\S+: block_public_policy: true -> false$/;
    const message = await checkBehaviour(clone, clone, '1.0.1').then(() => '', (error: Error) => error.message);
    const [major, notes] = message.split(/^(?=1\.0\.1 renders the examples of 1\.0\.0 differently, and its changelog section does not say so:$)/m);
    expect(major).toMatch(/^1\.0\.1 loosens a policy or protection/);
    expect(major).not.toMatch(TLS);
    expect(notes).toBeDefined();
    // The notes problem lists every change: the two defaults, in every stack with a
    // bucket, and nothing else (not the state path, which names another directory on each side).
    const listed = notes.split('\n').filter((line) => line.startsWith('  - '));
    expect(listed.filter((line) => !TLS.test(line) && !PUBLIC.test(line))).toEqual([]);
    const stacks = (pattern: RegExp) => [...new Set(listed.filter((line) => pattern.test(line)).map((line) => pattern.exec(line)![1]))].sort();
    // The adoption example's second deploy (LAB_TIGHTEN) renders its stack differently: compared too.
    const withBuckets = [
      'access-logs', 'adopt-console-lab', 'adopt-console-lab[LAB_TIGHTEN=true]', 'backup-vault', 'default-encryption', 'pinned-cmk', 'replication',
      'require-sse-kms', 'sse-s3-https-only',
    ];
    expect(stacks(TLS)).toEqual(withBuckets);
    expect(stacks(PUBLIC)).toEqual(withBuckets);
  }, 120_000);

  test('a shallow clone fails, unless allowed, and then compares nothing', async () => {
    const shallow = path.join(tmp, 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${clone}`, shallow], { stdio: ['ignore', 'ignore', 'pipe'] });
    await expect(checkBehaviour(shallow, shallow, '1.0.1')).rejects.toThrow(/shallow clone: fetch the full history and tags/);
    await expect(checkBehaviour(shallow, shallow, '1.0.1', { allowShallow: true })).resolves.toContain('compared nothing for 1.0.1: this is a shallow clone');
  });
});
