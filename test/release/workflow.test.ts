/**
 * The release workflow, as projen generates it from .projenrc.ts: every action at a full
 * commit SHA (a tag can be moved to other code, and these jobs hold the npm token and push
 * to main), nothing at `@latest`, and the changelog job's push from the released commit
 * fast-forwards the branch or fails saying why.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'release.yml');

/** Each job's text in a workflow as projen writes it (two-space indents, jobs at the second level). */
function jobsOf(text: string): Map<string, string> {
  const jobs = new Map<string, string>();
  const body = text.slice(text.search(/^jobs:$/m));
  for (const match of body.matchAll(/^ {2}([\w-]+):\n((?: {4}.*\n?|\s*\n)*)/gm)) jobs.set(match[1], match[2]);
  return jobs;
}

/** Each step's `uses:` in a workflow, with the job that has it. */
function actionsOf(text: string): Array<{ job: string; uses: string }> {
  return [...jobsOf(text)].flatMap(([job, body]) => [...body.matchAll(/^\s+(?:- )?uses: (\S+)$/gm)].map((m) => ({ job, uses: m[1] })));
}

/** A job's step named `name`, or using `action`: its text. */
function stepOf(job: string, find: RegExp): string {
  const step = job.split(/^ {6}- /m).find((s) => find.test(s));
  if (step === undefined) throw new Error(`no step matches ${find}`);
  return step;
}

/** A step's `run: |-` block, unindented. */
function runOf(step: string): string {
  const block = /^ {8}run: \|-\n((?: {10}.*\n?)*)/m.exec(step);
  if (!block) throw new Error(`no run block in ${step}`);
  return block[1].split('\n').map((line) => line.slice(10)).join('\n');
}

/** What is wrong with a workflow's pins: an action not at a 40-hex commit SHA, anything at `@latest`. */
function pinProblems(text: string): string[] {
  const unpinned = actionsOf(text)
    .filter(({ uses }) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses))
    .map(({ job, uses }) => `job ${job}: ${uses} is not pinned to a full commit SHA`);
  const latest = text.split('\n').flatMap((line, i) => (/@latest\b/.test(line) ? [`line ${i + 1}: ${line.trim()} runs whatever is latest`] : []));
  return [...unpinned, ...latest];
}

test('every action in the release workflow is pinned to a commit SHA, and nothing runs @latest', () => {
  const text = fs.readFileSync(WORKFLOW, 'utf8');
  expect(actionsOf(text).length).toBeGreaterThan(5);
  expect(pinProblems(text)).toEqual([]);
});

test('a tag, a short SHA or @latest is refused', () => {
  const workflow = (uses: string, run = 'true') => `jobs:\n  a:\n    steps:\n      - uses: ${uses}\n      - run: ${run}\n`;
  expect(pinProblems(workflow('actions/checkout@v4'))).toEqual(['job a: actions/checkout@v4 is not pinned to a full commit SHA']);
  expect(pinProblems(workflow('actions/checkout@3d3c42e'))).toHaveLength(1);
  expect(pinProblems(workflow(`actions/checkout@${'a'.repeat(40)}`, 'npx -p publib@latest publib-npm'))).toEqual([
    'line 5: - run: npx -p publib@latest publib-npm runs whatever is latest',
  ]);
  expect(pinProblems(workflow(`actions/checkout@${'a'.repeat(40)}`))).toEqual([]);
});

describe('the changelog job', () => {
  const job = () => jobsOf(fs.readFileSync(WORKFLOW, 'utf8')).get('release_changelog')!;

  test('checks out the released commit, not the branch', () => {
    expect(stepOf(job(), /uses: actions\/checkout@/)).toMatch(/^ {10}ref: \$\{\{ github\.sha \}\}$/m);
  });

  /**
   * Runs the job's commit step as the workflow would, in a detached checkout of
   * `released` from `origin`, and returns its exit code and output.
   */
  function commitStep(origin: string, released: string, work: string): { status: number | null; output: string } {
    const script = runOf(stepOf(job(), /name: Commit CHANGELOG\.md/)).replace(/\$\{\{ github\.ref_name \}\}/g, 'main');
    execFileSync('git', ['clone', '--quiet', origin, work]);
    execFileSync('git', ['checkout', '--quiet', '--detach', released], { cwd: work });
    fs.mkdirSync(path.join(work, 'dist'));
    fs.writeFileSync(path.join(work, 'dist', 'version.txt'), '1.0.1');
    fs.writeFileSync(path.join(work, 'dist', 'releasetag.txt'), 'v1.0.1');
    fs.writeFileSync(path.join(work, 'dist', 'changelog.md'), '## [1.0.1](https://example.com) (2026-12-07)\n\n### Bug Fixes\n\n* a fix\n');
    const result = spawnSync('bash', ['-e', '-c', script], {
      cwd: work, encoding: 'utf8', env: { ...process.env, GITHUB_SHA: released },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  function withOrigin(body: (origin: string, seed: string, tmp: string) => void): void {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'release-changelog-push-'));
    try {
      const seed = path.join(tmp, 'seed');
      const origin = path.join(tmp, 'origin.git');
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], { cwd: seed, stdio: ['ignore', 'pipe', 'pipe'] });
      fs.mkdirSync(path.join(seed, 'tools'), { recursive: true });
      git('init', '--quiet', '-b', 'main');
      fs.copyFileSync(path.join(ROOT, 'tools', 'release-changelog.js'), path.join(seed, 'tools', 'release-changelog.js'));
      fs.writeFileSync(path.join(seed, 'CHANGELOG.md'), '# Changelog\n\n## 1.0.0 (2026-12-01)\n\n* first\n');
      git('add', '--all');
      git('commit', '--quiet', '-m', 'fix: released');
      execFileSync('git', ['clone', '--quiet', '--bare', seed, origin]);
      body(origin, seed, tmp);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  const head = (repo: string, ref = 'main') => execFileSync('git', ['rev-parse', ref], { cwd: repo, encoding: 'utf8' }).trim();

  test('from the detached released commit, its push fast-forwards the branch', () => {
    withOrigin((origin, seed, tmp) => {
      const released = head(seed);
      const { status, output } = commitStep(origin, released, path.join(tmp, 'work'));
      expect({ status, output }).toEqual({ status: 0, output: expect.anything() });
      expect(execFileSync('git', ['log', '-1', '--format=%s%n%P', 'main'], { cwd: origin, encoding: 'utf8' }))
        .toBe(`docs(changelog): v1.0.1 [skip ci]\n${released}\n`);
    });
  });

  test('when the branch moved past the released commit, the push fails and says so, and the branch keeps its commit', () => {
    withOrigin((origin, seed, tmp) => {
      const released = head(seed);
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '--quiet', '--allow-empty', '-m', 'fix: later'], { cwd: seed });
      execFileSync('git', ['push', '--quiet', origin, 'main'], { cwd: seed, stdio: ['ignore', 'pipe', 'pipe'] });
      const moved = head(origin);
      const { status, output } = commitStep(origin, released, path.join(tmp, 'work'));
      expect(status).not.toBe(0);
      expect(output).toContain(`main moved past ${released}, so the changelog commit was not pushed`);
      expect(head(origin)).toBe(moved);
    });
  });
});
