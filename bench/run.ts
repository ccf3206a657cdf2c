// `npm run bench [-- --runs N] [--quick] [--no-tests] [--profile]`: load, synth and unit-test
// cost of the library against hand-written cdktf (two baselines: Fn.jsonencode policies, and
// data.aws_iam_policy_document policies as cdktf's docs write them). Writes bench/results.json.
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
  loadOverDeepImports: 1.1, // library load adds under 10% over cdktf + constructs + the deep imports it is made of
  synthWall: 1.1, // synth of the largest N at most 1.1x each hand-written baseline, in wall time
  synthRss: 1.1, // ...and in peak RSS
  linearity: 1.2, // library time per bucket at the largest N at most 1.2x that at the middle N
  unitTestsMs: 60_000,
};

/** The synth cases, each run for every N; the library is compared with each baseline. */
const SYNTH_CASES = [
  { key: 'library', label: 'library', script: 'synth-library.js' },
  { key: 'jsonencode', label: 'hand-written, Fn.jsonencode', script: 'synth-handwritten.js' },
  { key: 'docs', label: 'hand-written, policy documents', script: 'synth-handwritten-docs.js' },
] as const;
type SynthKey = typeof SYNTH_CASES[number]['key'];
type Baseline = Exclude<SynthKey, 'library'>;
const BASELINES: Array<{ key: Baseline; label: string }> = [
  { key: 'jsonencode', label: 'hand-written jsonencode' },
  { key: 'docs', label: 'hand-written docs' },
];

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
  const warnings = [...checkDeepImportList(), ...checkBaselines()];

  log('load:');
  const load = measureGroup([
    { name: 'load: node startup only', command: node('noop.js') },
    { name: 'load: cdktf + constructs only', command: node('load-cdktf.js') },
    { name: 'load: lib/index.js', command: node('load-library.js') },
    { name: 'load: cdktf + constructs + deep imports', command: node('load-deep-imports.js') },
    { name: 'load: @cdktf/provider-aws (root)', command: node('load-provider-root.js') },
  ], runs);

  const synth: Record<number, Record<SynthKey, Result>> = {};
  for (const n of sizes) {
    log(`synth N=${n}:`);
    const results = measureGroup(SYNTH_CASES.map((c) => ({ name: `synth N=${n}: ${c.label}`, command: node(c.script, n) })), runs);
    synth[n] = Object.fromEntries(SYNTH_CASES.map((c, i) => [c.key, results[i]])) as Record<SynthKey, Result>;
  }

  const tests = unitTests();
  const all = [...load, ...sizes.flatMap((n) => SYNTH_CASES.map((c) => synth[n][c.key])), ...(tests.result ? [tests.result] : [])];
  printTable(all);

  const [, cdktf, lib, deep, root] = load.map((r) => r.median);
  const bigN = sizes[sizes.length - 1];
  const midN = sizes[sizes.length - 2];
  const big = synth[bigN];
  const mid = synth[midN];
  /** library / baseline at every N: process wall, peak RSS, CPU time of the process. */
  const synthRatios = Object.fromEntries(BASELINES.map(({ key }) => [key, Object.fromEntries(sizes.map((n) => [n, {
    wall: synth[n].library.median.wallMs / synth[n][key].median.wallMs,
    rss: ratio(synth[n].library.median.rssMb, synth[n][key].median.rssMb),
    cpu: synth[n].library.median.child.cpuMs / synth[n][key].median.child.cpuMs,
  }]))])) as Record<Baseline, Record<number, { wall: number; rss: number | null; cpu: number }>>;
  const perBucketGrowth = Object.fromEntries(SYNTH_CASES.map((c) =>
    [c.key, big[c.key].median.child.perBucketMs / mid[c.key].median.child.perBucketMs])) as Record<SynthKey, number>;
  const ratios = {
    loadLibraryOverDeepImports: lib.child.loadMs / deep.child.loadMs,
    loadLibraryOverDeepImportsProcessWall: lib.wallMs / deep.wallMs,
    loadLibraryOverDeepImportsRss: ratio(lib.rssMb, deep.rssMb),
    loadProviderRootOverLibrary: root.child.loadMs / lib.child.loadMs,
    loadProviderRootOverLibraryProcessWall: root.wallMs / lib.wallMs,
    // Both sides load cdktf; what each adds on top of it (informational, noisy: small numbers).
    loadProviderRootOverLibraryBeyondCdktf: (root.child.loadMs - cdktf.child.loadMs) / (lib.child.loadMs - cdktf.child.loadMs),
    loadCdktfShareOfLibrary: cdktf.child.loadMs / lib.child.loadMs,
    synthLibraryOver: synthRatios,
    perBucketGrowth,
  };
  printSynthRatios(synthRatios);

  const verdicts = [
    verdict(`library load adds < ${pct(TARGETS.loadOverDeepImports)} over cdktf + constructs + deep imports`,
      ratios.loadLibraryOverDeepImports <= TARGETS.loadOverDeepImports,
      `${x(ratios.loadLibraryOverDeepImports)} require time (${x(ratios.loadLibraryOverDeepImportsProcessWall)} process wall, ` +
      `${x(ratios.loadLibraryOverDeepImportsRss)} RSS)`),
    ...BASELINES.flatMap(({ key, label }) => {
      const r = synthRatios[key][bigN];
      return [
        verdict(`synth N=${bigN} wall <= ${TARGETS.synthWall}x ${label}`, r.wall <= TARGETS.synthWall, `${x(r.wall)} (CPU time ${x(r.cpu)})`),
        verdict(`synth N=${bigN} peak RSS <= ${TARGETS.synthRss}x ${label}`, (r.rss ?? Infinity) <= TARGETS.synthRss, x(r.rss)),
      ];
    }),
    verdict(`synth linear: library per-bucket ms at N=${bigN} <= ${TARGETS.linearity}x N=${midN}`, perBucketGrowth.library <= TARGETS.linearity,
      SYNTH_CASES.map((c) => `${c.key} ${perBucket(mid[c.key])} -> ${perBucket(big[c.key])} ms (${x(perBucketGrowth[c.key])})`).join('; ')),
    tests.result
      ? verdict(`unit tests < ${TARGETS.unitTestsMs / 1000} s`, tests.slowestMs! < TARGETS.unitTestsMs,
        `slowest of ${tests.result.samples.length} run(s): ${(tests.slowestMs! / 1000).toFixed(1)} s, ${tests.files} test files` +
        `${tests.failed ? ' (SOME TESTS FAILED)' : ''}\n        slowest files (last run): ` +
        tests.slowestFiles!.map(([f, t]) => `${f} ${(t / 1000).toFixed(1)} s`).join(', '))
      : `SKIP  unit tests < ${TARGETS.unitTestsMs / 1000} s: ${tests.skipped}`,
  ];
  console.log(`\nTargets${quick ? ` (--quick: largest N is ${bigN}, not 1000)` : ''}:`);
  verdicts.forEach((v) => console.log(`  ${v}`));
  console.log(`  INFO  provider root import vs library load (not a target): provider root takes ${x(ratios.loadProviderRootOverLibrary)} ` +
    `the library's require time (${x(ratios.loadProviderRootOverLibraryProcessWall)} process wall); cdktf + constructs alone are ` +
    `${(100 * ratios.loadCdktfShareOfLibrary).toFixed(0)}% of the library's load, beyond them ${x(ratios.loadProviderRootOverLibraryBeyondCdktf)}`);
  warnings.forEach((w) => console.log(`WARNING: ${w}`));

  let profiles: ProfileSummary[] = [];
  if (args.includes('--profile')) {
    profiles = [
      profile('library load', join(CASES, 'load-library.js'), []),
      ...SYNTH_CASES.map((c) => profile(`${c.label} synth N=${bigN}`, join(CASES, c.script), [String(bigN)])),
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

/**
 * The baselines are only fair if they do the library's work. Synthesizes all three cases at
 * N=3: the jsonencode baseline must emit the same cdk.tf.json, policies compared by their
 * parsed statements (the library writes JSON text, the baseline jsonencode); the docs baseline
 * (policies as data.aws_iam_policy_document) must have the same managed resources with the
 * same attributes apart from `policy`, the same other data sources, and policies with the
 * same statements. Returns warnings.
 */
function checkBaselines(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
  try {
    const [library, jsonencode, docs] = SYNTH_CASES.map(({ script }) => {
      runOnce(node(script, 3, join(dir, script)));
      return readFileSync(join(dir, script, 'stacks', 'bench', 'cdk.tf.json'), 'utf8');
    });
    const warnings: string[] = [];
    // The library writes policies as JSON text; the baseline with Fn.jsonencode, as cdktf users do.
    const same = JSON.stringify(withPolicyStatements(JSON.parse(library))) === JSON.stringify(withPolicyStatements(JSON.parse(jsonencode)));
    log(`hand-written (jsonencode) cdk.tf.json ${same ? 'matches' : 'DIFFERS from'} the library's, policies compared by statement (N=3)`);
    if (!same) {
      warnings.push('the hand-written jsonencode baseline no longer emits the same resources and policy statements as the library ' +
        '(compare with `node bench/cases/synth-*.js 3 <outdir>`); synth ratios compare different work');
    }
    const { problems, summary } = compareWithPolicyDocuments(JSON.parse(library), JSON.parse(docs));
    log(`hand-written (docs) cdk.tf.json ${problems.length ? 'DIFFERS from' : 'matches'} the library's (N=3): ${summary}`);
    if (problems.length) {
      warnings.push('the hand-written docs baseline no longer does the library\'s work (compare with `node bench/cases/synth-*.js 3 <outdir>`):\n  ' +
        problems.slice(0, 10).join('\n  ') + (problems.length > 10 ? `\n  ...and ${problems.length - 10} more` : ''));
    }
    return warnings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stack with every `policy` attribute replaced by its parsed document, whichever way it was written. */
function withPolicyStatements(json: TfJson): TfJson {
  const resource: Blocks = {};
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    resource[type] = Object.fromEntries(Object.entries(byName).map(([name, body]) => {
      const policy = body.policy;
      if (typeof policy !== 'string') return [name, body];
      return [name, { ...body, policy: policy.startsWith('${jsonencode(') ? jsonencodeArgument(policy) : JSON.parse(policy) }];
    }));
  }
  return { ...json, resource };
}

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
interface TfJson { resource?: Blocks; data?: Blocks }
const POLICY_DOCUMENT = 'aws_iam_policy_document';

/** Differences between the library's output and one whose policies are aws_iam_policy_document data sources. */
function compareWithPolicyDocuments(library: TfJson, docs: TfJson): { problems: string[]; summary: string } {
  const problems: string[] = [];
  const flat = (blocks: Blocks = {}, skipType?: string) => new Map(Object.entries(blocks)
    .filter(([type]) => type !== skipType)
    .flatMap(([type, byName]) => Object.entries(byName).map(([name, body]): [string, Record<string, unknown>] => [`${type}.${name}`, body])));
  const libResources = flat(library.resource);
  const docResources = flat(docs.resource);
  const libData = flat(library.data);
  const docData = flat(docs.data, POLICY_DOCUMENT);
  const documents = flat(docs.data);
  for (const [what, ours, theirs] of [['resource', libResources, docResources], ['data source', libData, docData]] as const) {
    for (const k of ours.keys()) if (!theirs.has(k)) problems.push(`${what} ${k} is missing`);
    for (const k of theirs.keys()) if (!ours.has(k)) problems.push(`${what} ${k} is extra`);
  }

  let policies = 0;
  let statements = 0;
  for (const [address, ours] of libResources) {
    const theirs = docResources.get(address);
    if (!theirs) continue;
    const { policy: ourPolicy, ...ourRest } = ours;
    const { policy: theirPolicy, ...theirRest } = theirs;
    if (JSON.stringify(ourRest) !== JSON.stringify(theirRest)) problems.push(`${address}: attributes other than policy differ`);
    if (ourPolicy === undefined && theirPolicy === undefined) continue;
    const ref = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.json\}$/.exec(String(theirPolicy));
    const document = ref && documents.get(`${POLICY_DOCUMENT}.${ref[1]}`);
    if (typeof ourPolicy !== 'string' || !document) {
      problems.push(`${address}: policy is not a jsonencode() in the library's and a policy document's json in the baseline's`);
      continue;
    }
    const ourDocument = ourPolicy.startsWith('${jsonencode(') ? jsonencodeArgument(ourPolicy) : JSON.parse(ourPolicy);
    const expected = (ourDocument as { Statement: IamStatement[] }).Statement.map(fromIamJson).sort();
    const actual = ((document.statement ?? []) as DocumentStatement[]).map(fromPolicyDocument).sort();
    policies++;
    statements += expected.length;
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      const missing = expected.filter((st) => !actual.includes(st));
      const extra = actual.filter((st) => !expected.includes(st));
      problems.push(`${address}: statements differ; library only: ${missing.join(' ') || '-'}; baseline only: ${extra.join(' ') || '-'}`);
    }
  }
  const unused = documents.size - docData.size - policies;
  if (unused > 0) problems.push(`${unused} aws_iam_policy_document data source(s) not used as a resource policy`);
  return { problems, summary: `${libResources.size} resources, ${policies} policies with ${statements} statements compared` };
}

type Strings = string | string[];
interface IamStatement {
  Sid?: string;
  Effect: string;
  Principal?: '*' | Record<string, Strings>;
  Action?: Strings;
  NotAction?: Strings;
  Resource?: Strings;
  NotResource?: Strings;
  Condition?: Record<string, Record<string, Strings>>;
}
interface DocumentStatement {
  sid?: string;
  effect?: string;
  principals?: Array<{ type: string; identifiers: string[] }>;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  not_resources?: string[];
  condition?: Array<{ test: string; variable: string; values: string[] }>;
}
/** A statement reduced to what the comparison looks at. */
interface Comparable {
  sid?: string;
  effect: string;
  principals: string[];
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  conditions: string[];
}
const list = (v: Strings | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const sorted = (v: string[]): string[] => [...v].sort();

/** A statement as one comparable string: Sid, effect, principals, actions, resources, conditions (order-free). */
function canonical(s: Comparable): string {
  return JSON.stringify(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.isArray(v) ? sorted(v) : v])));
}
function fromIamJson(s: IamStatement): string {
  const principals = s.Principal === undefined ? [] : s.Principal === '*' ? ['*:*']
    : Object.entries(s.Principal).flatMap(([type, ids]) => list(ids).map((id) => `${type}:${id}`));
  const conditions = Object.entries(s.Condition ?? {}).flatMap(([test, byKey]) =>
    Object.entries(byKey).map(([variable, values]) => JSON.stringify([test, variable, sorted(list(values))])));
  return canonical({
    sid: s.Sid,
    effect: s.Effect,
    principals,
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    conditions,
  });
}
function fromPolicyDocument(s: DocumentStatement): string {
  const principals = (s.principals ?? []).flatMap(({ type, identifiers }) => identifiers.map((id) => `${type}:${id}`));
  const conditions = (s.condition ?? []).map(({ test, variable, values }) => JSON.stringify([test, variable, sorted(values)]));
  return canonical({
    sid: s.sid,
    effect: s.effect ?? 'Allow',
    principals,
    actions: s.actions ?? [],
    notActions: s.not_actions ?? [],
    resources: s.resources ?? [],
    notResources: s.not_resources ?? [],
    conditions,
  });
}

/**
 * The argument of a `${jsonencode(...)}` expression as cdktf renders it (HCL object syntax:
 * `"key" = value`, references bare), as JSON, with each bare reference written `${ref}` the
 * way cdktf writes a reference everywhere else.
 */
function jsonencodeArgument(expression: string): unknown {
  const m = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(expression);
  if (!m) throw new Error(`not a jsonencode() expression: ${expression.slice(0, 80)}`);
  const hcl = m[1];
  let json = '';
  for (let i = 0; i < hcl.length;) {
    const c = hcl[i];
    if (c === '"') {
      let j = i + 1;
      while (hcl[j] !== '"') j += hcl[j] === '\\' ? 2 : 1;
      json += hcl.slice(i, j + 1);
      i = j + 1;
    } else if (c === '=') {
      json += ':';
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][\w.-]*/.exec(hcl.slice(i))![0];
      json += ['true', 'false', 'null'].includes(word) ? word : JSON.stringify(`\${${word}}`);
      i += word.length;
    } else {
      json += c;
      i++;
    }
  }
  return JSON.parse(json);
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

/** library / each baseline at every N: one row per N, wall, RSS and CPU ratios per baseline. */
function printSynthRatios(r: Record<Baseline, Record<number, { wall: number; rss: number | null; cpu: number }>>): void {
  const header = ['library / baseline', ...BASELINES.flatMap(({ key }) => [`${key} wall`, `${key} RSS`, `${key} cpu`])];
  const rows = sizes.map((n) => [`synth N=${n}`, ...BASELINES.flatMap(({ key }) => [x(r[key][n].wall), x(r[key][n].rss), x(r[key][n].cpu)])]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
  console.log('(ratios of medians; jsonencode: synth-handwritten.js, docs: synth-handwritten-docs.js; wall includes node startup and load; ' +
    'cpu: CPU time of the process)');
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
function pct(r: number): string {
  return `${Math.round((r - 1) * 100)}%`;
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
