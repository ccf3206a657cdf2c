// `npm run bench [-- --runs N] [--quick] [--no-tests] [--profile]`: load, synth and unit-test
// cost of the library against hand-written cdktf. Writes bench/results.json.
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir, totalmem, type as osType, release } from 'os';
import { join } from 'path';
import { HAS_GNU_TIME, measureGroup, Result, runOnce, summarize } from './measure';
import { formatProfile, profile, ProfileSummary } from './profile';

/**
 * Unit tests are the jest tests whose path does not match this: the Terraform tier
 * (`*.terraform.test.ts`) and the package tier (npm pack + install, in test/package/).
 */
const SLOW_TIER_PATTERN = '(terraform|/test/package/)';
const JEST = ['node', 'node_modules/jest/bin/jest.js', '--ci', '--testPathIgnorePatterns', '/node_modules/', SLOW_TIER_PATTERN];

const TARGETS = {
  loadVsProviderRoot: 50, // library load at least 50x faster than require('@cdktf/provider-aws')
  loadVsDeepImports: 1.5, // ...and at most 1.5x the deep imports it is made of
  synthWall: 1.25, // synth of the largest N at most 1.25x hand-written, in wall time
  synthRss: 1.25, // ...and in peak RSS
  linearity: 1.5, // time per bucket at the largest N at most 1.5x that at the middle N
  unitTestsMs: 60_000,
};

const ROOT = join(__dirname, '..');
const CASES = join(__dirname, 'cases');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runs = Number(argValue('--runs') ?? (quick ? 3 : 5));
const sizes = quick ? [10, 100] : [10, 100, 1000];
const jestRuns = quick ? 1 : 2;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${argValue('--runs')}`);
process.chdir(ROOT);

const node = (script: string, ...rest: (string | number)[]): string[] => ['node', join(CASES, script), ...rest.map(String)];

function main(): void {
  const loadAverageAtStart = loadavg();
  log(`node ${process.version}, ${cpus().length} CPUs, ${gb(totalmem())} GB, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`peak RSS from ${HAS_GNU_TIME ? '/usr/bin/time -f %M' : "the child's process.resourceUsage().maxRSS"}; ${runs} runs after 1 warm-up`);
  const warnings = [...checkDeepImportList(), checkSameOutput()].filter((w): w is string => !!w);

  log('load:');
  const load = measureGroup([
    { name: 'load: node startup only', command: node('noop.js') },
    { name: 'load: cdktf + constructs only', command: node('load-cdktf.js') },
    { name: 'load: lib/index.js', command: node('load-library.js') },
    { name: 'load: cdktf + constructs + deep imports', command: node('load-deep-imports.js') },
    { name: 'load: @cdktf/provider-aws (root)', command: node('load-provider-root.js') },
  ], runs);

  const synth: Record<number, { library: Result; handwritten: Result }> = {};
  for (const n of sizes) {
    log(`synth N=${n}:`);
    const [library, handwritten] = measureGroup([
      { name: `synth N=${n}: library`, command: node('synth-library.js', n) },
      { name: `synth N=${n}: hand-written`, command: node('synth-handwritten.js', n) },
    ], runs);
    synth[n] = { library, handwritten };
  }

  const tests = unitTests();
  const all = [...load, ...sizes.flatMap((n) => [synth[n].library, synth[n].handwritten]), ...(tests.result ? [tests.result] : [])];
  printTable(all);

  const [, cdktf, lib, deep, root] = load.map((r) => r.median);
  const big = synth[sizes[sizes.length - 1]];
  const mid = synth[sizes[sizes.length - 2]];
  const ratios = {
    loadProviderRootOverLibrary: root.child.loadMs / lib.child.loadMs,
    loadProviderRootOverLibraryProcessWall: root.wallMs / lib.wallMs,
    // Both sides load cdktf; what each adds on top of it (informational, noisy: small numbers).
    loadProviderRootOverLibraryBeyondCdktf: (root.child.loadMs - cdktf.child.loadMs) / (lib.child.loadMs - cdktf.child.loadMs),
    loadCdktfShareOfLibrary: cdktf.child.loadMs / lib.child.loadMs,
    loadLibraryOverDeepImports: lib.child.loadMs / deep.child.loadMs,
    loadLibraryOverDeepImportsProcessWall: lib.wallMs / deep.wallMs,
    loadLibraryOverDeepImportsRss: ratio(lib.rssMb, deep.rssMb),
    synthLibraryOverHandwrittenWall: big.library.median.wallMs / big.handwritten.median.wallMs,
    synthLibraryOverHandwrittenCpu: big.library.median.child.cpuMs / big.handwritten.median.child.cpuMs,
    synthLibraryOverHandwrittenRss: ratio(big.library.median.rssMb, big.handwritten.median.rssMb),
    perBucketGrowthLibrary: big.library.median.child.perBucketMs / mid.library.median.child.perBucketMs,
    perBucketGrowthHandwritten: big.handwritten.median.child.perBucketMs / mid.handwritten.median.child.perBucketMs,
  };
  const bigN = big.library.median.child.n;
  const midN = mid.library.median.child.n;
  const verdicts = [
    verdict(`library load >= ${TARGETS.loadVsProviderRoot}x faster than provider root import`,
      ratios.loadProviderRootOverLibrary >= TARGETS.loadVsProviderRoot,
      `${x(ratios.loadProviderRootOverLibrary)} in-process require time (${x(ratios.loadProviderRootOverLibraryProcessWall)} process wall); ` +
      `cdktf + constructs alone are ${(100 * ratios.loadCdktfShareOfLibrary).toFixed(0)}% of the library's load, ` +
      `beyond them ${x(ratios.loadProviderRootOverLibraryBeyondCdktf)}`),
    verdict(`library load <= ${TARGETS.loadVsDeepImports}x deep imports`,
      ratios.loadLibraryOverDeepImports <= TARGETS.loadVsDeepImports,
      `${x(ratios.loadLibraryOverDeepImports)} require time (${x(ratios.loadLibraryOverDeepImportsProcessWall)} process wall, ${x(ratios.loadLibraryOverDeepImportsRss)} RSS)`),
    verdict(`synth N=${bigN} wall <= ${TARGETS.synthWall}x hand-written`, ratios.synthLibraryOverHandwrittenWall <= TARGETS.synthWall,
      `${x(ratios.synthLibraryOverHandwrittenWall)} (CPU time ${x(ratios.synthLibraryOverHandwrittenCpu)})`),
    verdict(`synth N=${bigN} peak RSS <= ${TARGETS.synthRss}x hand-written`, (ratios.synthLibraryOverHandwrittenRss ?? Infinity) <= TARGETS.synthRss,
      x(ratios.synthLibraryOverHandwrittenRss)),
    verdict(`synth linear: per-bucket ms at N=${bigN} <= ${TARGETS.linearity}x N=${midN}`, ratios.perBucketGrowthLibrary <= TARGETS.linearity,
      `library ${perBucket(mid.library)} -> ${perBucket(big.library)} ms per bucket (${x(ratios.perBucketGrowthLibrary)}); ` +
      `hand-written ${perBucket(mid.handwritten)} -> ${perBucket(big.handwritten)} (${x(ratios.perBucketGrowthHandwritten)})`),
    tests.result
      ? verdict(`unit tests < ${TARGETS.unitTestsMs / 1000} s`, tests.slowestMs! < TARGETS.unitTestsMs,
        `slowest of ${tests.result.samples.length} run(s): ${(tests.slowestMs! / 1000).toFixed(1)} s, ${tests.files} test files` +
        `${tests.failed ? ' (SOME TESTS FAILED)' : ''}\n        slowest files (last run): ` +
        tests.slowestFiles!.map(([f, t]) => `${f} ${(t / 1000).toFixed(1)} s`).join(', '))
      : `SKIP  unit tests < ${TARGETS.unitTestsMs / 1000} s: ${tests.skipped}`,
  ];
  console.log(`\nTargets${quick ? ` (--quick: largest N is ${bigN}, not 1000)` : ''}:`);
  verdicts.forEach((v) => console.log(`  ${v}`));
  warnings.forEach((w) => console.log(`WARNING: ${w}`));

  let profiles: ProfileSummary[] = [];
  if (args.includes('--profile')) {
    profiles = [
      profile('library load', join(CASES, 'load-library.js'), []),
      profile(`library synth N=${bigN}`, join(CASES, 'synth-library.js'), [String(bigN)]),
      profile(`hand-written synth N=${bigN}`, join(CASES, 'synth-handwritten.js'), [String(bigN)]),
    ];
    profiles.forEach((p) => console.log(`\n${formatProfile(p)}`));
  } else if (verdicts.some((v) => v.startsWith('MISS'))) {
    console.log('\nRe-run with --profile to see where load and synth time go (node --cpu-prof, top file:function).');
  }

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { os: `${osType()} ${release()}`, cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemoryGb: gb(totalmem()), loadAverageAtStart, loadAverageAtEnd: loadavg() },
    options: { runs, warmup: 1, quick, sizes, jestRuns, gnuTime: HAS_GNU_TIME, slowTierPattern: SLOW_TIER_PATTERN },
    targets: TARGETS,
    results: all,
    unitTests: { skipped: tests.skipped, files: tests.files, failed: tests.failed, slowestFilesLastRun: tests.slowestFiles },
    ratios,
    verdicts,
    warnings,
    profiles,
  };
  writeFileSync(join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('\nRaw samples, medians and ratios: bench/results.json');
}

interface UnitTests {
  result?: Result;
  slowestMs?: number;
  files?: number;
  failed?: boolean;
  slowestFiles?: Array<[string, number]>;
  skipped?: string;
}

/**
 * The non-Terraform jest tier, run once or twice (it is slow) rather than `runs` times.
 * jest-junit writes per-file times to a temp dir (env options override package.json's).
 */
function unitTests(): UnitTests {
  if (args.includes('--no-tests')) return { skipped: '--no-tests' };
  const listed = execFileSync(JEST[0], [...JEST.slice(1), '--listTests'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (listed.length === 0) return { skipped: 'no unit test files yet' };
  log(`unit tests (${listed.length} files, ${jestRuns} run(s), no warm-up; the first run may find the ts-jest cache cold):`);
  const junitDir = mkdtempSync(join(tmpdir(), 'bench-junit-'));
  const env = { JEST_JUNIT_OUTPUT_DIR: junitDir, JEST_JUNIT_SUITE_NAME: '{filepath}' };
  try {
    const samples = Array.from({ length: jestRuns }, (_, i) => {
      const s = runOnce(JEST, { env, allowFailure: true });
      log(`run ${i + 1}/${jestRuns} jest: ${s.wallMs.toFixed(0)} ms${s.exitCode !== undefined ? ` (exit ${s.exitCode}: tests failed)` : ''}`);
      return s;
    });
    const junit = readFileSync(join(junitDir, 'junit.xml'), 'utf8');
    const slowestFiles = [...junit.matchAll(/<testsuite name="([^"]*)"[^>]* time="([\d.]+)"/g)]
      .map(([, file, sec]): [string, number] => [file, Number(sec) * 1000]).sort((a, b) => b[1] - a[1]).slice(0, 5);
    const result = summarize({ name: `unit tests: jest --ci (not /${SLOW_TIER_PATTERN}/)`, command: JEST }, samples, 0);
    const failed = samples.some((s) => s.exitCode !== undefined);
    return { result, slowestMs: Math.max(...samples.map((s) => s.wallMs)), files: listed.length, failed, slowestFiles };
  } finally {
    rmSync(junitDir, { recursive: true, force: true });
  }
}

/** Warns when bench/cases/provider-modules.json no longer lists what lib/ requires. */
function checkDeepImportList(): string[] {
  const listed: string[] = JSON.parse(readFileSync(join(CASES, 'provider-modules.json'), 'utf8'));
  const required = new Set<string>();
  const walk = (dir: string) => readdirSync(dir, { withFileTypes: true }).forEach((e) => {
    if (e.isDirectory()) {
      walk(join(dir, e.name));
    } else if (e.name.endsWith('.js')) {
      for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/require\("(@cdktf\/provider-aws[^"]*)"\)/g)) required.add(m[1]);
    }
  });
  walk(join(ROOT, 'lib'));
  const missing = [...required].filter((m) => !listed.includes(m));
  const extra = listed.filter((m) => !required.has(m));
  return missing.length || extra.length
    ? [`bench/cases/provider-modules.json is out of date with lib/: missing ${missing.join(', ') || '-'}; not required by lib/ ${extra.join(', ') || '-'}`]
    : [];
}

/** The hand-written baseline is only fair if it emits what the library emits. */
function checkSameOutput(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
  try {
    const outputs = ['synth-library.js', 'synth-handwritten.js'].map((script) => {
      runOnce(node(script, 3, join(dir, script)));
      return readFileSync(join(dir, script, 'stacks', 'bench', 'cdk.tf.json'), 'utf8');
    });
    log(`hand-written cdk.tf.json ${outputs[0] === outputs[1] ? 'is identical to' : 'DIFFERS from'} the library's (N=3)`);
    return outputs[0] === outputs[1] ? undefined
      : 'the hand-written baseline no longer emits the same cdk.tf.json as the library (compare with `node bench/cases/synth-*.js 3 <outdir>`); synth ratios compare different work';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printTable(results: Result[]): void {
  const header = ['case', 'wall ms', 'spread', 'peak RSS MB', 'runs', 'in-process (median ms)'];
  const rows = results.map((r) => {
    const walls = r.samples.map((s) => s.wallMs);
    const c = r.median.child;
    const detail = c.constructMs !== undefined
      ? `load ${ms(c.loadMs)}, construct ${ms(c.constructMs)}, synth ${ms(c.synthMs)}, ${perBucket(r)}/bucket, cpu ${ms(c.cpuMs)}`
      : c.loadMs !== undefined ? `require ${ms(c.loadMs)}` : '';
    return [r.name, ms(r.median.wallMs), `±${(50 * (Math.max(...walls) - Math.min(...walls)) / r.median.wallMs).toFixed(0)}%`,
      r.median.rssMb === null ? '-' : r.median.rssMb.toFixed(0), String(r.samples.length), detail];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
  console.log('(wall: median process wall time incl. node startup; spread: half the min-max range; unit tests: median of the runs shown)');
}

function verdict(target: string, pass: boolean, detail: string): string {
  return `${pass ? 'PASS' : 'MISS'}  ${target}: ${detail}`;
}

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a / b;
}
function x(r: number | null): string {
  return r === null ? 'n/a' : `${r.toFixed(2)}x`;
}
function perBucket(r: Result): string {
  return r.median.child.perBucketMs.toFixed(1);
}
function ms(v: number): string {
  return v.toFixed(0);
}
function gb(bytes: number): number {
  return Math.round(bytes / 2 ** 30 * 10) / 10;
}
function argValue(flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}
function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

main();
