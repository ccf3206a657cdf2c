/**
 * The upgrade gate: no release replaces a bucket or key that users already have. The deploy
 * tier (test/deploy/examples.deploy.test.ts) deploys every example with the library at a
 * baseline, then plans the same examples with this checkout's library, on moto's server:
 * no `aws_kms_key`, `aws_kms_replica_key` or `aws_s3_bucket` may be destroyed or replaced,
 * and an address that changes must ship a `moved` block.
 *
 * The baseline is the last release tag; before the first release, UPGRADE_BASELINE_COMMIT.
 * Both sides run the baseline's examples, so the plan shows what a user sees who upgrades
 * the library without touching their code (as the behaviour gate does).
 *
 * `npm test` runs the gate and records a pass for the exact tree it ran on; the release
 * rehearsal (release-rehearsal.ts) accepts that record, or runs the gate itself.
 *
 * Usage: ts-node projenrc/upgrade-gate.ts     (the rehearsal's step, alone)
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { latestReleaseTag } from './api-compat';

const ROOT = path.resolve(__dirname, '..');

/**
 * Before the first release tag, the commit users are assumed to have deployed: main once
 * every example deployed side by side (require-sse-kms given an alias of its own).
 */
export const UPGRADE_BASELINE_COMMIT = '823e40fc15144bce55b688cde170b4f6e0c97d3f';

/** What the gate guards: never destroyed or replaced by an upgrade. */
export const KEPT_TYPES: readonly string[] = ['aws_kms_key', 'aws_kms_replica_key', 'aws_s3_bucket'];

/** A managed resource's change in a plan (`terraform show -json`'s resource_changes). */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  /** The id Terraform imports, for a change that imports. */
  readonly importing?: string;
}

/**
 * What the gate refuses in one stack's upgrade plan: a kept type (key, replica key,
 * bucket) destroyed, replaced, forgotten, created or imported; and a resource deleted at
 * one address while one of its type is created or imported at another, which is an
 * address that changed without a `moved` block (a moved resource has no delete).
 */
export function upgradeProblems(stack: string, changes: readonly PlannedChange[]): string[] {
  const problems: string[] = [];
  for (const c of changes) {
    if (!KEPT_TYPES.includes(c.type)) continue;
    if (c.actions.includes('delete')) problems.push(`${stack}: ${c.address} would be ${c.actions.includes('create') ? 'replaced' : 'destroyed'}`);
    else if (c.actions.includes('forget')) problems.push(`${stack}: ${c.address} would be forgotten (left out of the state)`);
    else if (c.actions.includes('create') || c.importing) problems.push(`${stack}: ${c.address} would be ${c.importing ? 'imported' : 'created'} by the upgrade`);
  }
  const created = new Set(changes.filter((c) => (c.actions.includes('create') || c.importing) && !c.actions.includes('delete')).map((c) => c.type));
  for (const c of changes) {
    if (c.actions.join() === 'delete' && created.has(c.type)) problems.push(`${stack}: ${c.address} changed address without a moved block`);
  }
  return problems;
}

/** The test file that is the gate, and the name of its gate test. */
export const GATE_TEST_FILE = 'test/deploy/examples.deploy.test.ts';
export const GATE_TEST_NAME = 'upgrade gate';

/** The baseline ref of `repo`: its last release tag, or UPGRADE_BASELINE_COMMIT. */
export function upgradeBaseline(repo: string = ROOT): { ref: string; commit: string } {
  const ref = latestReleaseTag(repo) ?? UPGRADE_BASELINE_COMMIT;
  let commit: string;
  try {
    commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new Error(`upgrade gate: the baseline ${ref} is not in this clone: fetch the full history and tags (git fetch --unshallow --tags)`);
  }
  return { ref, commit };
}

export interface BaselineApps {
  /** The baseline's examples/main.ts with the baseline's src/. */
  readonly baselineMain: string;
  /** The baseline's examples/main.ts with this checkout's src/ (a symlink). */
  readonly upgradedMain: string;
}

/**
 * The baseline's examples, twice, under node_modules/.cache (so that they resolve this
 * checkout's node_modules): with the baseline's library, and with this checkout's.
 */
export function baselineApps(commit: string, repo: string = ROOT): BaselineApps {
  const root = path.join(repo, 'node_modules', '.cache', 'upgrade-gate', commit);
  const baseline = path.join(root, 'baseline');
  const upgraded = path.join(root, 'upgraded');
  if (!fs.existsSync(path.join(baseline, 'examples', 'main.ts'))) {
    fs.rmSync(baseline, { recursive: true, force: true });
    fs.mkdirSync(baseline, { recursive: true });
    const archive = execFileSync('git', ['archive', '--format=tar', commit, 'src', 'examples'], { cwd: repo, maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', baseline], { input: archive });
  }
  fs.rmSync(upgraded, { recursive: true, force: true });
  fs.mkdirSync(upgraded, { recursive: true });
  fs.cpSync(path.join(baseline, 'examples'), path.join(upgraded, 'examples'), { recursive: true });
  fs.symlinkSync(path.join(repo, 'src'), path.join(upgraded, 'src'), 'dir');
  return { baselineMain: path.join(baseline, 'examples', 'main.ts'), upgradedMain: path.join(upgraded, 'examples', 'main.ts') };
}

// ---------------------------------------------------------------------------
// The record of a pass
// ---------------------------------------------------------------------------

/**
 * What the gate's outcome depends on: the baseline, the library, the examples, the harness,
 * the compiler settings ts-node runs them with, and the dependencies.
 */
const FINGERPRINTED = [
  'src', 'examples', 'test/deploy', 'test/support', 'projenrc/upgrade-gate.ts',
  'tsconfig.dev.json', 'cdktf.json', 'package.json', 'package-lock.json',
];

/** Terraform's version, or '' without Terraform. */
function toolchain(): string {
  try {
    return execFileSync('terraform', ['version', '-json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
  } catch {
    return '';
  }
}

/** A hash of the baseline commit, Terraform's version and every file the gate's outcome depends on, in `repo`'s working tree. */
export function gateFingerprint(repo: string, baselineCommit: string): string {
  const hash = crypto.createHash('sha256').update(baselineCommit).update(toolchain());
  const visit = (rel: string) => {
    const abs = path.join(repo, rel);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) visit(path.join(rel, name));
    } else if (stat.isFile()) {
      hash.update(`\0${rel}\0`).update(fs.readFileSync(abs));
    }
  };
  FINGERPRINTED.forEach(visit);
  return hash.digest('hex');
}

function recordFile(repo: string): string {
  return path.join(repo, 'node_modules', '.cache', 'upgrade-gate', 'passed.json');
}

/**
 * Called by the gate test once every check passed, with the fingerprint taken when it
 * started: a tree edited while the gate ran was not the tree it tested, and gets no record.
 */
export function recordPass(repo: string, baselineCommit: string, fingerprintAtStart: string): void {
  const fingerprint = gateFingerprint(repo, baselineCommit);
  if (fingerprint !== fingerprintAtStart) throw new Error('upgrade gate: the tree changed while the gate ran; no pass is recorded: run it again');
  fs.mkdirSync(path.dirname(recordFile(repo)), { recursive: true });
  const record = { fingerprint, baseline: baselineCommit, at: new Date().toISOString() };
  fs.writeFileSync(recordFile(repo), JSON.stringify(record));
}

/** The time of a recorded pass for exactly this tree and baseline, or undefined. */
export function recordedPass(repo: string, baselineCommit: string): string | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(recordFile(repo), 'utf8'));
    return record.fingerprint === gateFingerprint(repo, baselineCommit) ? record.at : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The rehearsal's step: passes on a record of this tree's pass (npm test ran the gate),
 * else runs the gate. Returns what it did.
 */
export function checkUpgrade(repo: string = ROOT): string {
  const { ref, commit } = upgradeBaseline(repo);
  const at = recordedPass(repo, commit);
  if (at) return `upgrade gate: passed for this tree against ${ref} (npm test, ${at})`;
  execFileSync(path.join(repo, 'node_modules', '.bin', 'jest'), ['--ci', '--coverage=false', GATE_TEST_FILE, '-t', GATE_TEST_NAME], {
    cwd: repo, stdio: 'inherit', timeout: 30 * 60_000,
  });
  if (!recordedPass(repo, commit)) throw new Error(`upgrade gate: ${GATE_TEST_FILE} passed but recorded no pass for this tree`);
  return `upgrade gate: passed against ${ref}`;
}

if (require.main === module) {
  try {
    console.log(checkUpgrade());
  } catch (error: any) {
    console.error(error.message);
    process.exitCode = 1;
  }
}
