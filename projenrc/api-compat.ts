/**
 * The API compatibility gate: the jsii assembly of the version being released against
 * that of the last release, the newest `v<semver>` tag reachable from HEAD, rebuilt from
 * git (its sources, compiled with today's toolchain). jsii-diff lists the breaking
 * changes; any fails the release unless it is a new major version.
 *
 * One gate covers both packages: cdktn-encrypted-s3 is compiled from the same src/, with
 * only its imports renamed.
 *
 * Peer dependency ranges and the Node.js engine are part of the promise too: jsii-diff does
 * not read package.json, so the gate compares those itself, for both packages, and a
 * narrowed range is breaking like a removed method. The cdktn package.json is derived by
 * projenrc/cdktn-flavour.ts, so the gate derives it with that file at the tag and at HEAD.
 *
 * Usage: ts-node projenrc/api-compat.ts [version]   (default: dist/version.txt, as bump writes it)
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/** The newest release tag reachable from HEAD in `repo`, or undefined before the first release. */
export function latestReleaseTag(repo: string): string | undefined {
  const tags = execFileSync('git', ['tag', '--merged', 'HEAD', '--list', 'v*'], { cwd: repo, encoding: 'utf8' })
    .split('\n').map((tag) => tag.trim()).filter((tag) => semver.valid(tag.slice(1)) !== null && semver.prerelease(tag.slice(1)) === null);
  return tags.sort((a, b) => semver.rcompare(a.slice(1), b.slice(1)))[0];
}

/**
 * Compiles `tag` of `repo` into `dir` (its sources from `git archive`, this checkout's
 * node_modules) and returns the directory holding its `.jsii` and package.json.
 */
export function assemblyAt(repo: string, tag: string, dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', tag], { cwd: repo, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync(path.join(BIN, 'jsii'), ['--silence-warnings=reserved-word'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

/** The breaking changes jsii-diff finds from the package in `baselineDir` to the one in `currentDir`. */
export function breakingChanges(baselineDir: string, currentDir: string): string[] {
  const result = spawnSync(path.join(BIN, 'jsii-diff'), [baselineDir, currentDir], { encoding: 'utf8' });
  // 0: compatible; 1: breaking changes listed; anything else: jsii-diff itself failed.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`jsii-diff failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  const breaking = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.startsWith('err ')).map((line) => line.replace(/^err\s+-\s+/, ''));
  if (result.status === 1 && breaking.length === 0) throw new Error(`jsii-diff reported a failure without a breaking change:\n${result.stdout}${result.stderr}`);
  return breaking;
}

/** Whether `next` may break the API of `previous`: a new major (or, before 1.0, a new minor). */
export function mayBreak(previous: string, next: string): boolean {
  if (semver.major(next) > semver.major(previous)) return true;
  return semver.major(previous) === 0 && semver.minor(next) > semver.minor(previous);
}

/** The gate's verdict: undefined when `next` may be released, else why not. */
export function compatProblem(previous: string, next: string, breaking: string[]): string | undefined {
  if (breaking.length === 0 || mayBreak(previous, next)) return undefined;
  return [
    `${next} breaks the API of ${previous}, and is not a new major version:`,
    ...breaking.map((change) => `  - ${change}`),
    'Make the change compatible (an optional prop, a new method, a deprecation), or release a new major version:',
    'raise majorVersion in .projenrc.ts and mark the commit with a BREAKING CHANGE footer.',
  ].join('\n');
}

/** The package.json fields a release may widen but never narrow. */
export interface PackageRanges {
  readonly name?: string;
  readonly peerDependencies?: Record<string, string>;
  readonly engines?: Record<string, string>;
}

/**
 * Where `current` accepts less than `previous`: a peer dependency narrowed or new
 * (consumers must install it), or a narrower Node.js engine. Empty when it widens.
 */
export function rangeProblems(previous: PackageRanges, current: PackageRanges): string[] {
  const problems: string[] = [];
  const before = previous.peerDependencies ?? {};
  const after = current.peerDependencies ?? {};
  // A peer no longer needed asks nothing of consumers: only narrowed and new ones break.
  for (const [name, range] of Object.entries(before)) {
    if (after[name] !== undefined && !semver.subset(range, after[name])) problems.push(`PEER ${name}: ${range} has been narrowed to ${after[name]}`);
  }
  for (const [name, range] of Object.entries(after)) {
    if (before[name] === undefined) problems.push(`PEER ${name}: ${range} has been added (consumers must install it)`);
  }
  // No engine means any Node.js.
  const nodeBefore = previous.engines?.node ?? '*';
  const nodeAfter = current.engines?.node ?? '*';
  if (!semver.subset(nodeBefore, nodeAfter)) problems.push(`ENGINE node: ${nodeBefore} has been narrowed to ${nodeAfter}`);
  return problems;
}

/**
 * The cdktn flavour's peer ranges and engine as the checkout in `dir` derives them: its
 * projenrc/cdktn-flavour.ts evaluated (in a child process, with ts-node) on its own
 * package.json. The same derivation runs at the tag and at HEAD. Undefined when `dir` has
 * no flavour (no cdktn package was released from it).
 */
export function cdktnRangesAt(dir: string): PackageRanges | undefined {
  if (!fs.existsSync(path.join(dir, 'projenrc', 'cdktn-flavour.ts'))) return undefined;
  // A tag from before cdktnPackageJson was exported lists the ranges in CDKTN_PACKAGE.
  const script = [
    "const flavour = require('./projenrc/cdktn-flavour.ts');",
    "const root = JSON.parse(require('fs').readFileSync('package.json', 'utf8'));",
    'const pkg = flavour.cdktnPackageJson ? flavour.cdktnPackageJson(root) : flavour.CDKTN_PACKAGE;',
    'process.stdout.write(JSON.stringify({ name: pkg.name, peerDependencies: pkg.peerDependencies, engines: pkg.engines }));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), '-e', script], {
    cwd: dir,
    encoding: 'utf8',
    // The checkout's own tsconfig may be of another age: compile each file alone, as CommonJS.
    env: { ...process.env, TS_NODE_SKIP_PROJECT: 'true', TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: 'commonjs', target: 'es2020', esModuleInterop: true }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(output);
}

/** Range problems of each package, each line naming its package. */
function packageRangeProblems(name: string, previous: PackageRanges | undefined, current: PackageRanges | undefined): string[] {
  if (previous === undefined || current === undefined) return [];
  return rangeProblems(previous, current).map((problem) => `${name}: ${problem}`);
}

/** Whether `repo` is a shallow clone, whose history, and so tags, may be cut short. */
function isShallow(repo: string): boolean {
  return execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: repo, encoding: 'utf8' }).trim() === 'true';
}

/** Options of `checkCompatibility`. */
export interface CompatOptions {
  /** Pass a shallow clone, comparing nothing, instead of failing (a rehearsal may; the release must not). Default: false. */
  readonly allowShallow?: boolean;
}

/** Runs the gate for `version` of the package in `packageDir` (a checkout of `repo`); throws when it fails. */
export function checkCompatibility(repo: string, packageDir: string, version: string, options: CompatOptions = {}): string {
  // A shallow clone may lack the last release's tag, and would pass as a first release.
  if (isShallow(repo)) {
    if (!options.allowShallow) {
      throw new Error('API compatibility: shallow clone: fetch the full history and tags (git fetch --unshallow --tags) and run it again; without them the last release may be missing');
    }
    return `API compatibility: compared nothing for ${version}: this is a shallow clone, whose tags may be missing`;
  }
  const tag = latestReleaseTag(repo);
  if (tag === undefined) return `API compatibility: no earlier release (no v<version> tag reachable from HEAD), nothing to compare ${version} with`;
  const previous = tag.slice(1);
  const baseline = assemblyAt(repo, tag, path.join(packageDir, 'build', 'compat', tag));
  // Both packages' ranges: cdktf-encrypted-s3's package.json as committed, and the cdktn
  // flavour's as projenrc/cdktn-flavour.ts derives it, at the tag (the baseline holds its
  // tree) and here.
  const previousPackage = JSON.parse(execFileSync('git', ['show', `${tag}:package.json`], { cwd: repo, encoding: 'utf8' }));
  const currentPackage = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const previousCdktn = cdktnRangesAt(baseline);
  const currentCdktn = cdktnRangesAt(packageDir);
  if (currentCdktn === undefined) throw new Error(`API compatibility: ${path.join(packageDir, 'projenrc', 'cdktn-flavour.ts')} is missing: the cdktn package's ranges cannot be derived`);
  const breaking = [
    ...breakingChanges(baseline, packageDir),
    ...packageRangeProblems(currentPackage.name, previousPackage, currentPackage),
    ...packageRangeProblems(currentCdktn.name as string, previousCdktn, currentCdktn),
  ];
  const problem = compatProblem(previous, version, breaking);
  if (problem) throw new Error(problem);
  const packages = `${currentPackage.name} and ${currentCdktn.name}`;
  if (breaking.length === 0) return `API compatibility: ${version} keeps the API and peer ranges of ${previous} for ${packages} (jsii-diff and package.json against ${tag})`;
  return [`API compatibility: ${version} is a new major version; its breaking changes since ${previous}:`, ...breaking.map((c) => `  - ${c}`)].join('\n');
}

/**
 * The version a release step checks: its first argument, else dist/version.txt as bump
 * writes it; undefined when bump found nothing to release.
 */
export function releaseVersion(argv: string[] = process.argv): string | undefined {
  const versionFile = path.join(process.cwd(), 'dist', 'version.txt');
  return argv[2] ?? (fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : undefined);
}

if (require.main === module) {
  const version = releaseVersion();
  if (version === undefined) {
    console.log('API compatibility: no dist/version.txt (bump found nothing to release): nothing to compare');
    process.exit(0);
  }
  try {
    console.log(checkCompatibility(process.cwd(), process.cwd(), version));
  } catch (error: any) {
    console.error(error.message);
    process.exit(1);
  }
}
