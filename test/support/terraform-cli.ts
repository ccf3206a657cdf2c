/**
 * Test support: the Terraform CLI, offline. Finds a provider mirror, writes the CLI
 * config, synthesizes stacks into temp dirs with a provider override, and runs
 * `terraform init`, `validate` and `test`.
 *
 * Every terraform child process gets TF_CLI_CONFIG_FILE, CHECKPOINT_DISABLE=1 and
 * TF_IN_AUTOMATION=1; the caller's environment is not modified.
 *
 * Environment knobs:
 *  - TF_PROVIDER_MIRROR   filesystem mirror dir (the parent of `registry.terraform.io`).
 *                         Unset: discovered automatically. Set to '' to disable (download normally).
 *  - KEEP_TF_TEST_DIRS=1  keep the temp dirs created by `synthStack` after the process exits.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { BINDING_AWS_PROVIDER } from './binding';

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

/** Name of the override file written into the stack dir. */
export const OVERRIDE_FILE = 'zz_test_override.tf.json';

const MIN_TERRAFORM = [1, 7]; // mock_provider / override_* in `terraform test` need >= 1.7
const INSTALL_HINT =
  `Terraform >= ${MIN_TERRAFORM.join('.')} must be on PATH to run these tests ` +
  '(terraform test with mock_provider/override blocks). Install it from ' +
  'https://developer.hashicorp.com/terraform/install and make sure `terraform version` works.';
const MAX_BUFFER = 1024 * 1024 * 1024; // -json -verbose output embeds the ~13 MB aws schema
const TIMEOUT_MS = 10 * 60 * 1000;

// ---------------------------------------------------------------------------
// Per-process setup: temp root, mirror discovery, CLI config, terraform check
// ---------------------------------------------------------------------------

let tempRoot: string | undefined;
/**
 * Temp root holding synthesized apps and the CLI config. Under jest, modules are
 * evaluated once per test file, so this (like the other caches here) is per test file.
 */
function processTempRoot(): string {
  if (!tempRoot) tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-tftest-'));
  return tempRoot;
}

/** Remove the temp root when the test file (jest) or the process is done, unless KEEP_TF_TEST_DIRS=1. */
function registerCleanup(): void {
  const cleanup = () => {
    if (tempRoot && process.env.KEEP_TF_TEST_DIRS !== '1') fs.rmSync(tempRoot, { recursive: true, force: true });
    tempRoot = undefined;
    cliConfigPath = undefined;
  };
  const jestAfterAll = (globalThis as any).afterAll;
  try {
    if (typeof jestAfterAll === 'function') return jestAfterAll(cleanup);
  } catch {
    // imported from inside a test or hook: fall through
  }
  process.on('exit', cleanup);
}
registerCleanup();

/** Machine-wide plugin cache, shared by processes (and jest workers) of the same user. */
export function pluginCacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = path.join(os.tmpdir(), `cdktf-tf-plugin-cache-${uid}`);
  fs.mkdirSync(dir, { recursive: true }); // terraform refuses a plugin_cache_dir that does not exist
  return dir;
}

/**
 * Terraform's own implied mirror directories on Unix (`terraform/plugins` under each XDG
 * data directory, and `~/.terraform.d/plugins`), checked before falling back to a
 * bounded `find`.
 */
function candidateMirrorRoots(): string[] {
  const home = os.homedir();
  const dataHome = process.env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  // The XDG Base Directory default when XDG_DATA_DIRS is unset.
  const dataDirs = (process.env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(path.delimiter).filter(Boolean);
  return [
    ...[...dataDirs, dataHome].map((dir) => path.join(dir, 'terraform', 'plugins')),
    path.join(home, '.terraform.d', 'plugins'),
  ];
}

function isMirror(dir: string): boolean {
  try {
    return fs.readdirSync(path.join(dir, 'registry.terraform.io')).length > 0;
  } catch {
    return false;
  }
}

/** `find / -maxdepth 4 -type d -name registry.terraform.io`, minus plugin caches and .terraform dirs. */
function findMirrorOnDisk(): string | undefined {
  const res = spawnSync('find', ['/', '-maxdepth', '4', '-type', 'd', '-name', 'registry.terraform.io'], {
    encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'],
  });
  const tmp = fs.realpathSync(os.tmpdir());
  const hits = (res.stdout ?? '').split('\n').filter(Boolean)
    .map((p) => path.dirname(p))
    .filter((p) => !p.startsWith(tmp) && !p.split(path.sep).includes('.terraform'))
    .filter(isMirror);
  // Prefer a mirror that actually holds the aws provider.
  return hits.find((p) => fs.existsSync(path.join(p, 'registry.terraform.io', 'hashicorp', 'aws'))) ?? hits[0];
}

let mirrorCache: { value: string | undefined } | undefined;
/**
 * The provider filesystem mirror in use, or undefined (=> Terraform downloads normally).
 * Resolved once per process: TF_PROVIDER_MIRROR if set, else discovery.
 */
export function providerMirror(): string | undefined {
  if (!mirrorCache) {
    const fromEnv = process.env.TF_PROVIDER_MIRROR;
    let value: string | undefined;
    if (fromEnv !== undefined) {
      if (fromEnv !== '' && !isMirror(fromEnv)) {
        throw new Error(`TF_PROVIDER_MIRROR=${fromEnv} is not a provider mirror (no non-empty registry.terraform.io/ inside)`);
      }
      value = fromEnv === '' ? undefined : path.resolve(fromEnv);
    } else {
      value = candidateMirrorRoots().find(isMirror) ?? findMirrorOnDisk();
    }
    mirrorCache = { value };
  }
  return mirrorCache.value;
}

/** Text of the Terraform CLI config file (exported for inspection/tests). */
export function cliConfigText(mirror: string | undefined, cacheDir: string): string {
  const lines: string[] = [];
  if (mirror) {
    lines.push(
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(mirror)}`,
      '    include = ["registry.terraform.io/*/*"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/*/*"]',
      '  }',
      '}',
    );
  }
  lines.push(
    `plugin_cache_dir = ${JSON.stringify(cacheDir)}`,
    // Fresh stack dirs have no .terraform.lock.hcl; without this flag Terraform >= 1.4
    // ignores the cache for them and re-installs the provider every time.
    'plugin_cache_may_break_dependency_lock_file = true',
    'disable_checkpoint = true',
    '',
  );
  return lines.join('\n');
}

let cliConfigPath: string | undefined;
/** Path of this process's CLI config file (written on first use). */
export function cliConfigFile(): string {
  if (!cliConfigPath) {
    const file = path.join(processTempRoot(), 'terraform.rc');
    fs.writeFileSync(file, cliConfigText(providerMirror(), pluginCacheDir()));
    cliConfigPath = file;
  }
  return cliConfigPath;
}

/** Environment for terraform child processes (a copy; process.env is not touched). */
export function terraformEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfigFile(),
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
  };
}

let versionCache: string | undefined;
/** Installed terraform version ("1.11.4"); throws with install instructions if missing/too old. */
export function terraformVersion(): string {
  if (versionCache) return versionCache;
  const res = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: terraformEnv(), timeout: 60_000 });
  if (res.error || res.status !== 0) {
    const why = res.error ? res.error.message : tail(res.stdout + res.stderr);
    throw new Error(`Could not run \`terraform\` (${why}). ${INSTALL_HINT}`);
  }
  const version = String(JSON.parse(res.stdout).terraform_version);
  const [major, minor] = version.split('.').map(Number);
  if (major < MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor < MIN_TERRAFORM[1])) {
    throw new Error(`Found terraform ${version}. ${INSTALL_HINT}`);
  }
  versionCache = version;
  return version;
}

// ---------------------------------------------------------------------------
// Running terraform
// ---------------------------------------------------------------------------

export interface TerraformRunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function tail(text: string, lines = 60): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Run `terraform <args>` in `dir`. Throws (with the output tail) on a non-zero exit
 * unless `allowFailure` is set.
 */
export function runTerraform(dir: string, args: string[], opts: { allowFailure?: boolean } = {}): TerraformRunResult {
  terraformVersion();
  const res = spawnSync('terraform', args, {
    cwd: dir,
    env: terraformEnv(),
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    timeout: TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (res.error) throw new Error(`terraform ${args.join(' ')} failed to run in ${dir}: ${res.error.message}`);
  const result = { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
  if (result.status !== 0 && !opts.allowFailure) {
    throw new Error(`terraform ${args.join(' ')} exited ${result.status} in ${dir}\n` +
      `--- stdout (tail) ---\n${tail(humanize(result.stdout))}\n--- stderr (tail) ---\n${tail(result.stderr)}`);
  }
  return result;
}

/** Replace JSON-lines output (from -json) with just its messages, to keep error text readable. */
function humanize(stdout: string): string {
  const lines = stdout.split('\n');
  if (!lines[0]?.startsWith('{"@level"')) return stdout;
  return lines.filter(Boolean).map((l) => {
    try {
      const m = JSON.parse(l);
      if (m.type === 'test_plan' || m.type === 'test_state') return `[${m.type} omitted]`;
      return m.diagnostic ? formatDiagnostic(m.diagnostic) : m['@message'];
    } catch {
      return l;
    }
  }).join('\n');
}

// ---------------------------------------------------------------------------
// Synthesis, the provider override file, reading cdk.tf.json
// ---------------------------------------------------------------------------

export interface SynthResult {
  /** Stack working directory: `<outdir>/stacks/<stackName>`. */
  readonly dir: string;
  readonly stackName: string;
  /** Parsed cdk.tf.json. */
  readonly json: any;
}

/**
 * Synthesize the stack built by `build` into a fresh temp dir and write the
 * provider override file so Terraform can run offline.
 */
export function synthStack(build: (app: App) => TerraformStack): SynthResult {
  const outdir = fs.mkdtempSync(path.join(processTempRoot(), 'app-'));
  const app = new App({ outdir, stackTraces: false });
  const stack = build(app);
  app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const entry = Object.values<any>(manifest.stacks).find((s) => s.constructPath === stack.node.path);
  if (!entry) throw new Error(`stack ${stack.node.path} not found in ${outdir}/manifest.json`);
  const dir = path.join(outdir, entry.workingDirectory);
  // As synthesized: writeProviderOverride may fit the file to an older mirrored provider.
  const json = readStackJson(dir);
  writeProviderOverride(dir);
  return { dir, stackName: entry.name, json };
}

/** Parsed cdk.tf.json of a stack dir. */
export function readStackJson(dir: string): any {
  return JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
}

/** Aliases of `provider "<name>"` blocks in cdk.tf.json (undefined = the default configuration). */
export function providerAliases(json: any, name: string): Array<string | undefined> {
  const blocks = json.provider?.[name];
  if (!blocks) return [];
  return (Array.isArray(blocks) ? blocks : [blocks]).map((b: any) => b.alias);
}

/**
 * Write `zz_test_override.tf.json`: Terraform merges it into every `provider "aws"`
 * block (matched by alias) adding fake credentials and disabling every startup API call.
 * (cdktf refuses to synthesize resources without a provider construct, so there always is one.)
 * Idempotent. Returns the override document.
 */
export function writeProviderOverride(dir: string): any {
  const fake = {
    access_key: 'AKIAIOSFODNN7EXAMPLE',
    secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    // The provider checks allowed_account_ids against an account it is not asked for.
    allowed_account_ids: null,
  };
  const aliases = providerAliases(readStackJson(dir), 'aws');
  const doc: any = aliases.length === 0 ? {} : {
    provider: { aws: aliases.map((alias) => (alias === undefined ? { ...fake } : { alias, ...fake })) },
  };
  const planned = plannedAwsProvider();
  if (planned) {
    doc.terraform = { required_providers: { aws: { source: 'hashicorp/aws', version: planned } } };
    dropNewerProviderArguments(dir);
  }
  fs.writeFileSync(path.join(dir, OVERRIDE_FILE), JSON.stringify(doc, undefined, 2));
  return doc;
}

// ---------------------------------------------------------------------------
// Output of a newer AWS provider binding, planned with the mirror's provider
// ---------------------------------------------------------------------------

/** hashicorp/aws versions in a mirror, in its unpacked (`<version>/`) or packed (`.zip`) layout. */
export function mirroredAwsVersions(mirror: string): string[] {
  const dir = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const versions = entries.map((e) => /^(?:terraform-provider-aws_)?(\d+\.\d+\.\d+)(?:_[a-z0-9]+_[a-z0-9]+\.zip)?$/.exec(e)?.[1]);
  return [...new Set(versions.filter((v): v is string => v !== undefined))];
}

/**
 * The mirrored AWS provider that plans replace the binding's, when the mirror has no
 * release of the binding's major (the offline mirror holds 5.x; cdktn output asks for
 * 6.x); undefined otherwise, and without a mirror (Terraform then downloads the real one).
 * Test files of the Terraform tier name it in their titles through terraformTierNote().
 */
export function plannedAwsProvider(): string | undefined {
  const mirror = providerMirror();
  if (!mirror) return undefined;
  const major = BINDING_AWS_PROVIDER.split('.')[0];
  const versions = mirroredAwsVersions(mirror);
  if (versions.length === 0 || versions.some((v) => v.split('.')[0] === major)) return undefined;
  return versions.sort((a, b) => compareVersions(b, a))[0];
}

/** For Terraform-tier test titles: says when plans use another provider than the output asks for. */
export function terraformTierNote(): string {
  const planned = plannedAwsProvider();
  return planned === undefined ? ''
    : ` [AWS provider ${BINDING_AWS_PROVIDER} output planned with the mirror's ${planned}: version constraint overridden, 6.x-only arguments dropped]`;
}

/**
 * Arguments that AWS provider 6.x has and 5.x rejects, as [resource type, block, argument].
 * The synth tier asserts them (test/encrypted-bucket.test.ts); only plans go without them.
 */
export const NEWER_PROVIDER_ARGUMENTS: ReadonlyArray<readonly [string, string, string]> = [
  ['aws_s3_bucket_server_side_encryption_configuration', 'rule', 'blocked_encryption_types'],
];

/** Removes NEWER_PROVIDER_ARGUMENTS from the stack dir's cdk.tf.json, for a 5.x plan. */
function dropNewerProviderArguments(dir: string): void {
  const json = readStackJson(dir);
  for (const [type, block, argument] of NEWER_PROVIDER_ARGUMENTS) {
    for (const resource of Object.values<any>(json.resource?.[type] ?? {})) {
      const blocks = resource[block];
      for (const b of Array.isArray(blocks) ? blocks : blocks ? [blocks] : []) delete b[argument];
    }
  }
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json, undefined, 2));
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Addresses (`type.name`) of every resource (mode 'resource') or data source (mode 'data') in cdk.tf.json. */
export function addressesIn(json: any, mode: 'resource' | 'data', type?: string): string[] {
  const section = json[mode] ?? {};
  const prefix = mode === 'data' ? 'data.' : '';
  return Object.entries<Record<string, unknown>>(section)
    .filter(([t]) => type === undefined || t === type)
    .flatMap(([t, byName]) => Object.keys(byName).map((n) => `${prefix}${t}.${n}`));
}

/** Config block of an address (`aws_s3_bucket.b` / `data.aws_region.r`) in cdk.tf.json. */
export function configOf(json: any, address: string): Record<string, any> {
  const [mode, type, name] = address.startsWith('data.') ? address.split('.') : ['resource', ...address.split('.')];
  return json[mode]?.[type]?.[name] ?? {};
}

// ---------------------------------------------------------------------------
// init / validate
// ---------------------------------------------------------------------------

/** Sleep synchronously (used while waiting for the cross-process init lock). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The lock file that keeps one writer of the shared plugin cache at a time. */
export function cacheLockFile(): string {
  return path.join(pluginCacheDir(), '.init.lock');
}

/**
 * One attempt at the cache lock: true when taken. A lock older than 5 minutes is stale
 * (its holder died) and is broken; past `deadline`, waiting fails.
 */
export function tryCacheLock(deadline: number): boolean {
  const lock = cacheLockFile();
  try {
    fs.closeSync(fs.openSync(lock, 'wx'));
    return true;
  } catch (e: any) {
    if (e.code !== 'EEXIST') throw e;
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 5 * 60 * 1000) fs.rmSync(lock, { force: true });
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
    return false;
  }
}

/**
 * Run `fn` while holding a lock file in the shared plugin cache, so parallel jest
 * workers do not populate the cache concurrently.
 */
function withCacheLock<T>(fn: () => T): T {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!tryCacheLock(deadline)) sleepSync(100);
  try {
    return fn();
  } finally {
    fs.rmSync(cacheLockFile(), { force: true });
  }
}

/** `terraform init -backend=false` (backends are irrelevant: validate and test never use them). */
export function terraformInit(dir: string): void {
  if (!fs.existsSync(path.join(dir, OVERRIDE_FILE))) writeProviderOverride(dir);
  withCacheLock(() => runTerraform(dir, ['init', '-backend=false', '-input=false', '-no-color']));
}

function ensureInit(dir: string): void {
  if (!fs.existsSync(path.join(dir, '.terraform'))) terraformInit(dir);
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { filename: string; start: { line: number; column: number } };
  readonly address?: string;
}

function formatDiagnostic(d: Diagnostic): string {
  const where = d.range ? ` (${d.range.filename}:${d.range.start.line})` : '';
  const addr = d.address ? ` [${d.address}]` : '';
  return `${d.severity}: ${d.summary}${addr}${where}${d.detail ? `\n    ${d.detail.replace(/\n/g, '\n    ')}` : ''}`;
}

export interface ValidateResult {
  readonly valid: boolean;
  readonly warnings: Diagnostic[];
  readonly raw: any;
}

/** `terraform validate -json`; throws listing the diagnostics unless valid. Inits if needed. */
export function terraformValidate(dir: string): ValidateResult {
  ensureInit(dir);
  const res = runTerraform(dir, ['validate', '-json', '-no-color'], { allowFailure: true });
  let raw: any;
  try {
    raw = JSON.parse(res.stdout);
  } catch {
    throw new Error(`terraform validate produced no JSON in ${dir}:\n${tail(res.stdout + res.stderr)}`);
  }
  const diagnostics: Diagnostic[] = raw.diagnostics ?? [];
  if (!raw.valid) {
    throw new Error(`terraform validate failed in ${dir}:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  return { valid: true, warnings: diagnostics.filter((d) => d.severity === 'warning'), raw };
}

// ---------------------------------------------------------------------------
// `terraform test` runs
// ---------------------------------------------------------------------------

export interface TestRunOutput {
  readonly messages: any[];
  readonly plan?: any;
  readonly state?: any;
}

/**
 * Write `tests/<name>.tftest.hcl` and run it with `terraform test -json -verbose`.
 * Throws with the diagnostics if the run did not pass.
 */
export function runTestFile(dir: string, name: string, hcl: string): TestRunOutput {
  const { res, rel, messages, passed } = runTestFileRaw(dir, name, hcl);
  if (!passed) {
    const diags = messages.filter((m) => m.diagnostic).map((m) => formatDiagnostic(m.diagnostic));
    throw new Error(`terraform test (${rel}) failed in ${dir}:\n${diags.join('\n') || tail(humanize(res.stdout))}\n` +
      `--- stderr (tail) ---\n${tail(res.stderr)}\n--- ${rel} ---\n${hcl}`);
  }
  return {
    messages,
    plan: messages.find((m) => m.type === 'test_plan')?.test_plan,
    state: messages.find((m) => m.type === 'test_state')?.test_state,
  };
}

/** Runs a `terraform test` file and reports whether every run passed, without throwing. */
export function runTestFileRaw(dir: string, name: string, hcl: string) {
  ensureInit(dir);
  const rel = path.join('tests', `${name}.tftest.hcl`);
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), hcl);
  const res = runTerraform(dir, ['test', '-no-color', '-json', '-verbose', `-filter=${rel}`], { allowFailure: true });
  const messages: any[] = res.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const summary = messages.find((m) => m.type === 'test_summary')?.test_summary;
  return { res, rel, messages, passed: res.status === 0 && summary?.status === 'pass' };
}
