/**
 * What a release must hold, checked on the tarballs it would publish: each has the
 * compiled library, its jsii assembly, its docs, its licence and its changelog, at the
 * version being released, and nothing else (ALLOWED_FILES and lib/**): no sources,
 * tests, examples, benchmarks, build files, Terraform state or `.env` files, no source
 * map pointing at a file it does not ship, no path of the machine that built it.
 * CHANGELOG.md has a section for the version.
 *
 * Usage: ts-node projenrc/release-check.ts [version] [dist dir]
 *        (defaults: dist/version.txt, as bump writes it; dist)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as semver from 'semver';
import { CDKTN_PACKAGE } from './cdktn-flavour';

// The one definition of "a changelog section for a version", shared with the release
// workflow's script, which is plain JavaScript so that the workflow needs no install.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const releaseChangelog: { hasSection(changelog: string, version: string): boolean } = require('../tools/release-changelog.js');

/** The packages a release publishes: where each tarball is packed, under dist/, and its name. */
export const PACKAGES = [
  { dir: 'js', name: JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).name as string },
  { dir: 'cdktn', name: CDKTN_PACKAGE.name },
];

/** Files every tarball must have, relative to the package root. */
export const REQUIRED_FILES = ['package.json', 'lib/index.js', 'lib/index.d.ts', '.jsii', 'API.md', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/**
 * Everything a tarball may hold: the required files, the changelog and docs, and the
 * compiled library under lib/ (where FORBIDDEN still applies). Anything else is refused,
 * so a stray file in the working copy (state of a local `cdktf deploy`, a `.env`, notes)
 * fails the release even if npm would pack it.
 */
export const ALLOWED_FILES: readonly string[] = REQUIRED_FILES;

/** Paths no tarball may hold: sources, tests, examples, benchmarks, build and CI files, Terraform state, secrets. */
const FORBIDDEN: Array<[RegExp, string]> = [
  [/(^|\/)[^/]*\.tfstate(\.[^/]*)?$/, 'Terraform state (it holds resource attributes, secrets among them)'],
  [/(^|\/)\.terraform\//, 'a Terraform working directory'],
  [/(^|\/)\.env(\.[^/]*)?$/, 'an environment file (secrets)'],
  [/^(src|test|tests|examples|bench|tools|projenrc|build|coverage|test-reports|cdktf\.out|dist|node_modules|\.ci|\.github|\.projen|\.terraform)\//, 'a source, test, example, benchmark, build or CI directory'],
  [/(^|\/)(__tests__|__mocks__|test|tests|examples)\//, 'a test or example directory'],
  [/\.(test|spec)\.(js|d\.ts|ts)$/, 'a test'],
  [/(?<!\.d)\.ts$/, 'TypeScript source (only .d.ts declarations ship)'],
  [/\.tgz$/, 'a packed tarball'],
  [/(^|\/)(\.projenrc\.ts|tsconfig\.dev\.json|cdktf\.json|CONTRIBUTING\.md|junit\.xml)$/, 'a contributor or build file'],
  [/\.tsbuildinfo$/, 'a build cache'],
];

/**
 * Home directories of any machine (Linux, macOS, root, Windows): a published file never
 * needs one, whoever built it.
 */
const HOME_PATH = /(?:\/home\/[\w.-]+\/|\/Users\/[\w.-]+\/|(?<![\w:.-])\/root\/|[A-Za-z]:\\{1,2}Users\\{1,2})/;

/** A file of an unpacked tarball: its path from the package root, and its bytes. */
export type PackageFiles = Map<string, Buffer>;

/** What one tarball must be: its package name and the version being released. */
export interface PackageExpectation {
  readonly name: string;
  readonly version: string;
  /** Absolute paths of this machine (checkout, home, temp) that must not appear in any file. */
  readonly machinePaths: string[];
}

/** Everything wrong with one unpacked tarball; empty when it can be published. */
export function packageProblems(files: PackageFiles, expected: PackageExpectation): string[] {
  const problems: string[] = [];
  for (const required of REQUIRED_FILES) {
    if (!files.has(required)) problems.push(`${required} is missing`);
  }
  for (const file of files.keys()) {
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (forbidden) {
      problems.push(`${file} must not be published: ${forbidden[1]}`);
    } else if (!ALLOWED_FILES.includes(file) && !file.startsWith('lib/')) {
      problems.push(`${file} must not be published: only ${ALLOWED_FILES.filter((f) => !f.startsWith('lib/')).join(', ')} and lib/** ship`);
    }
  }
  problems.push(...metadataProblems(files, expected));
  for (const [file, content] of files) {
    const code = content.toString('utf8');
    if (file.endsWith('.js') || file.endsWith('.d.ts')) problems.push(...sourceMapProblems(file, code, files));
    if (isText(content)) {
      // An inline source map is base64: read what it says too.
      const text = [code, inlineSourceMap(code) ?? ''].join('\n');
      for (const machinePath of expected.machinePaths) {
        if (text.includes(machinePath)) problems.push(`${file} names a path of the machine that built it (${machinePath})`);
      }
      const home = HOME_PATH.exec(text)?.[0];
      if (home !== undefined) problems.push(`${file} names a home directory (${home})`);
    }
  }
  return problems;
}

/** package.json and .jsii name the package and the version being released. */
function metadataProblems(files: PackageFiles, expected: PackageExpectation): string[] {
  const problems: string[] = [];
  for (const file of ['package.json', '.jsii']) {
    const content = files.get(file);
    if (!content) continue;
    const json = JSON.parse(content.toString('utf8'));
    if (json.name !== expected.name) problems.push(`${file} names the package ${json.name}, not ${expected.name}`);
    if (json.version !== expected.version) problems.push(`${file} has version ${json.version}, not ${expected.version}`);
  }
  return problems;
}

/**
 * A compiled file's source map (inline or a file beside it) must be shipped, and each of
 * its sources either embedded (`sourcesContent`) or shipped: otherwise debuggers and
 * stack-trace tools point users at files they do not have.
 */
function sourceMapProblems(file: string, code: string, files: PackageFiles): string[] {
  const url = sourceMapUrl(code);
  if (url === undefined) return [];
  let map: any;
  let mapFile = file;
  if (url.startsWith('data:')) {
    map = JSON.parse(inlineSourceMap(code)!);
  } else {
    mapFile = path.posix.join(path.posix.dirname(file), url);
    const content = files.get(mapFile);
    if (!content) return [`${file} refers to the source map ${mapFile}, which is not published`];
    map = JSON.parse(content.toString('utf8'));
  }
  const root = path.posix.join(path.posix.dirname(mapFile), map.sourceRoot ?? '');
  return (map.sources as string[]).flatMap((source, i) => {
    if (typeof map.sourcesContent?.[i] === 'string') return [];
    const shipped = path.posix.normalize(path.posix.join(root, source));
    return files.has(shipped) ? [] : [`${file}'s source map refers to ${source}, which is neither published nor embedded`];
  });
}

function sourceMapUrl(code: string): string | undefined {
  return /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
}

/** The JSON of a file's inline (`data:` URL) source map, if it has one. */
function inlineSourceMap(code: string): string | undefined {
  const url = sourceMapUrl(code);
  if (url === undefined || !url.startsWith('data:')) return undefined;
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
}

function isText(content: Buffer): boolean {
  return !content.subarray(0, 8000).includes(0);
}

/** Problems of CHANGELOG.md for `version`: it must have the version's section. */
export function changelogProblems(changelog: string | undefined, version: string): string[] {
  if (changelog === undefined) return ['CHANGELOG.md is missing'];
  return releaseChangelog.hasSection(changelog, version) ? [] : [`CHANGELOG.md has no section for ${version}`];
}

/**
 * This machine's absolute paths that a published file must not contain: the checkout,
 * the directories the build ran in, and the home directory when it is distinctive
 * (two segments or more; a one-segment home is too short to tell from ordinary text).
 */
export function machinePaths(...buildDirs: string[]): string[] {
  const home = os.homedir();
  const candidates = [path.resolve(__dirname, '..'), ...buildDirs, ...(home.split(path.sep).filter(Boolean).length >= 2 ? [home] : [])];
  return [...new Set(candidates.flatMap((p) => [p, fs.existsSync(p) ? fs.realpathSync(p) : p]).map((p) => `${p}/`))];
}

/** Unpacks a tarball (npm's layout: everything under `package/`) into a map of files. */
export function readTarball(tarball: string): PackageFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-check-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    const files: PackageFiles = new Map();
    const walk = (relative: string) => {
      for (const entry of fs.readdirSync(path.join(dir, 'package', relative), { withFileTypes: true })) {
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(child);
        else files.set(child, fs.readFileSync(path.join(dir, 'package', child)));
      }
    };
    walk('');
    return files;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The tarball of each package in `distDir`: exactly one per package directory. */
export function releaseTarballs(distDir: string): Array<{ tarball: string; name: string }> {
  return PACKAGES.map(({ dir, name }) => {
    const found = fs.existsSync(path.join(distDir, dir)) ? fs.readdirSync(path.join(distDir, dir)).filter((f) => f.endsWith('.tgz')) : [];
    if (found.length !== 1) throw new Error(`expected one tarball of ${name} in ${path.join(distDir, dir)}, found ${found.join(', ') || 'none'}`);
    return { tarball: path.join(distDir, dir, found[0]), name };
  });
}

/** Every problem of the release: each tarball is its package at `version`, complete and clean; the changelog has the version. */
export function releaseProblems(version: string, packages: Array<{ tarball: string; name: string }>, buildDirs: string[] = []): string[] {
  const problems: string[] = [];
  // 0.0.0 is the version the repository holds between releases: never a release.
  if (semver.valid(version) === null || version === '0.0.0') problems.push(`${version} is not a version to release (bump first)`);
  const paths = machinePaths(...buildDirs);
  for (const { tarball, name } of packages) {
    const expected = `${name}-${version}.tgz`;
    if (path.basename(tarball) !== expected) problems.push(`${path.basename(tarball)}: expected ${expected}`);
    const files = readTarball(tarball);
    problems.push(...packageProblems(files, { name, version, machinePaths: paths }).map((p) => `${name}: ${p}`));
    problems.push(...changelogProblems(files.get('CHANGELOG.md')?.toString('utf8'), version).map((p) => `${name}: ${p}`));
  }
  return problems;
}

if (require.main === module) {
  const distDir = path.resolve(process.argv[3] ?? 'dist');
  const versionFile = path.join(distDir, 'version.txt');
  const version = process.argv[2] ?? (fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : undefined);
  if (version === undefined) {
    console.log(`release-check: no ${path.relative(process.cwd(), versionFile)} (bump found nothing to release): nothing to check`);
    process.exit(0);
  }
  const packages = releaseTarballs(distDir);
  const problems = releaseProblems(version, packages);
  if (problems.length > 0) {
    console.error(`release ${version} cannot be published:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`release ${version}: ${packages.map((p) => path.basename(p.tarball)).join(', ')} hold what they must, and nothing else`);
}
