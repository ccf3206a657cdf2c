/**
 * The release, rehearsed without publishing: in a scratch clone of this checkout (its
 * commits and tags, with the working tree's uncommitted changes laid over), the steps
 * `npx projen release` runs, except the tests (`npm test` runs those): bump the version
 * from the conventional commits since the last release, write the changelog section,
 * build and pack both packages, run the API compatibility gate, the behaviour gate (the
 * examples of the last release tag synthesized with that release and with this checkout:
 * see behaviour-gate.ts), the upgrade gate (every example deployed with the last release on
 * a local AWS endpoint, then planned with this checkout: upgrade-gate.ts) and the tarball
 * checks; then `npm publish --dry-run` on both tarballs. Fails on the first step that fails.
 *
 * Usage: ts-node projenrc/release-rehearsal.ts [--keep]   (--keep: leave the scratch copy)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkCompatibility, latestReleaseTag } from './api-compat';
import { checkBehaviour } from './behaviour-gate';
import { releaseProblems, releaseTarballs } from './release-check';
import { checkUpgrade } from './upgrade-gate';

const ROOT = path.resolve(__dirname, '..');

/** Runs a step, its output captured; a failing step's output is in the error. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error: any) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.split('\n').filter((line) => !line.startsWith('npm notice')).slice(-40).join('\n');
    throw new Error(`${[path.basename(command), ...args].join(' ')} failed in the scratch copy:\n${output}`);
  }
}

/** A clone of ROOT in `dir`, with ROOT's uncommitted changes (staged or not, and new files) copied over it. */
function scratchClone(dir: string): void {
  run('git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir], ROOT);
  const lines = (args: string[]) => run('git', args, ROOT).split('\0').filter(Boolean);
  // Against HEAD, not the index: a staged change is as uncommitted as any other.
  const changed = [...lines(['diff', '--name-only', '-z', '--diff-filter=d', 'HEAD']), ...lines(['ls-files', '-z', '--others', '--exclude-standard'])];
  for (const file of changed) {
    const source = path.join(ROOT, file);
    // Regular files only: not a node_modules symlink, say.
    if (!fs.existsSync(source) || !fs.lstatSync(source).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(source, path.join(dir, file));
  }
  for (const file of lines(['diff', '--name-only', '-z', '--diff-filter=D', 'HEAD'])) fs.rmSync(path.join(dir, file), { force: true });
  // Changelog links name the project's repository, not this machine's clone.
  const repository = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).repository.url;
  run('git', ['remote', 'set-url', 'origin', repository.replace(/^git\+/, '')], dir);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** `npm publish --dry-run` of `tarball`; returns the `name@version` npm would publish. */
function publishDryRun(tarball: string, cwd: string): string {
  const output = execFileSync('npm', ['publish', '--dry-run', '--ignore-scripts', tarball], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const published = /^\+ (\S+@\S+)$/m.exec(output)?.[1];
  if (!published) throw new Error(`npm publish --dry-run ${path.basename(tarball)} did not say what it would publish:\n${output}`);
  return published;
}

/** The section of `version` in a changelog: from its heading to the next version's. */
function changelogSection(changelog: string, version: string): string {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## ${version}`) || line.startsWith(`## [${version}]`));
  if (start === -1) return '(none)';
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines.slice(start, end === -1 ? undefined : end).join('\n').trim();
}

export async function rehearseRelease(keep = false): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'release-rehearsal-'));
  const repo = path.join(scratch, 'repo');
  const projen = path.join(ROOT, 'node_modules', '.bin', 'projen');
  try {
    scratchClone(repo);
    // projen's bump skips a HEAD that is a release commit; the rehearsal still rehearses.
    if (run('git', ['log', '-1', '--format=%s'], repo).includes('chore(release):')) {
      run('git', ['-c', 'user.name=rehearsal', '-c', 'user.email=rehearsal@localhost', 'commit', '--quiet', '--allow-empty', '-m', 'test: rehearse the release'], repo);
    }
    const previous = latestReleaseTag(repo);
    // Before bump touches the tree: a pass that npm test recorded for this very tree counts.
    console.log(checkUpgrade(repo));
    // The release task's environment (RELEASE, MAJOR from majorVersion) decides the bump.
    const releaseEnv = JSON.parse(fs.readFileSync(path.join(repo, '.projen', 'tasks.json'), 'utf8')).tasks.release.env ?? {};
    run(projen, ['bump'], repo, releaseEnv);
    const versionFile = path.join(repo, 'dist', 'version.txt');
    if (!fs.existsSync(versionFile)) throw new Error('projen bump wrote no dist/version.txt');
    const version = fs.readFileSync(versionFile, 'utf8').trim();
    const unreleased = previous !== undefined && previous === `v${version}`;
    console.log(unreleased
      ? `no releasable commits since ${previous}: a release now would publish nothing; rehearsing ${version} anyway`
      : `next release: ${version} (${previous ? `after ${previous}` : 'the first'})`);
    run(projen, ['release:changelog'], repo);
    // As in the release, right after the changelog step: the section it wrote (or the
    // hand-written one) is what must say so.
    console.log(await checkBehaviour(repo, repo, version, { allowShallow: true }));
    run(projen, ['package'], repo, releaseEnv);
    // The release's build regenerates API.md and then requires the tree as committed:
    // a stale API.md would fail it there, after the tests.
    const apiDoc = fs.readFileSync(path.join(repo, 'API.md'), 'utf8');
    run(projen, ['docgen'], repo);
    if (fs.readFileSync(path.join(repo, 'API.md'), 'utf8') !== apiDoc) {
      throw new Error('API.md is not what the build generates from src/: run `npx projen build` (or compile, then `npx projen docgen`) and commit it');
    }
    console.log(checkCompatibility(repo, repo, version, { allowShallow: true }));

    const packages = releaseTarballs(path.join(repo, 'dist'));
    const problems = releaseProblems(version, packages, [scratch, repo]);
    if (problems.length > 0) throw new Error(`release ${version} cannot be published:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    for (const { tarball, name } of packages) {
      const published = publishDryRun(tarball, repo);
      const expected = `${name}@${version}`;
      if (published !== expected) throw new Error(`npm publish --dry-run would publish ${published}, not ${expected}`);
      console.log(`npm publish --dry-run: ${published}`);
    }
    console.log(`\nrelease ${version} rehearsed: both tarballs checked, neither published. Its changelog section:\n`);
    console.log(changelogSection(fs.readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8'), version));
  } finally {
    if (keep) console.log(`scratch copy kept in ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  rehearseRelease(process.argv.includes('--keep')).catch((error: Error) => {
    console.error(`release rehearsal failed: ${error.message}`);
    process.exit(1);
  });
}
