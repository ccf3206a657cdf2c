/**
 * Test support: run real Terraform, offline, against a synthesized cdktf stack.
 *
 * Tiers offered:
 *  - `synthStack`        synthesize a stack into a fresh temp dir (and make it offline-ready)
 *  - `terraformInit`     `terraform init -backend=false` using a provider mirror + plugin cache
 *  - `terraformValidate` `terraform validate -json`, throws with the diagnostics when invalid
 *  - `terraformPlan`     a real-provider plan, run through `terraform test` so that
 *                        `data.aws_caller_identity` can be overridden (it would call STS)
 *  - `renderedState`     a `mock_provider` apply through `terraform test` with deterministic
 *                        ARNs, returning the state as Terraform renders it (concrete policies)
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
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

/** Account and region used for every faked/overridden value. */
export const TEST_ACCOUNT_ID = '111122223333';
export const TEST_REGION = 'us-east-1';

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

/** Likely mirror roots, checked before falling back to a bounded `find`. */
function candidateMirrorRoots(): string[] {
  const home = os.homedir();
  const xdg = process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
  return [
    '/opt/tf-plugins',
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
    path.join(xdg, 'terraform', 'plugins'),
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
// Synthesis and the provider override file
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
  writeProviderOverride(dir);
  return { dir, stackName: entry.name, json: readStackJson(dir) };
}

/** Parsed cdk.tf.json of a stack dir. */
export function readStackJson(dir: string): any {
  return JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
}

/** Aliases of `provider "<name>"` blocks in cdk.tf.json (undefined = the default configuration). */
function providerAliases(json: any, name: string): Array<string | undefined> {
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
  };
  const aliases = providerAliases(readStackJson(dir), 'aws');
  const doc = aliases.length === 0 ? {} : {
    provider: { aws: aliases.map((alias) => (alias === undefined ? { ...fake } : { alias, ...fake })) },
  };
  fs.writeFileSync(path.join(dir, OVERRIDE_FILE), JSON.stringify(doc, undefined, 2));
  return doc;
}

// ---------------------------------------------------------------------------
// init / validate
// ---------------------------------------------------------------------------

/** Sleep synchronously (used while waiting for the cross-process init lock). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Run `fn` while holding a lock file in the shared plugin cache, so parallel jest
 * workers do not populate the cache concurrently. Stale locks (> 5 min) are broken.
 */
function withCacheLock<T>(fn: () => T): T {
  const lock = path.join(pluginCacheDir(), '.init.lock');
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60 * 1000) fs.rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      sleepSync(100);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
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
// `terraform test` plumbing
// ---------------------------------------------------------------------------

/**
 * An override for `terraform test`. `target` is a resource address such as
 * `aws_kms_key.key` or `data.aws_caller_identity.current` (the `data.` prefix
 * selects `override_data`). Note Terraform only applies override values to
 * attributes the configuration leaves unset (computed ones).
 */
export interface TestOverride {
  readonly target: string;
  readonly values: Record<string, unknown>;
}

/** Render a JS value as an HCL expression (strings are JSON-quoted with `${`/`%{` escaped). */
export function hclValue(v: unknown, indent = ''): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) return `[${v.map((x) => hclValue(x, inner)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)} = ${hclValue(x, inner)}`).join('\n')}\n${indent}}`;
}

function overrideBlock(o: TestOverride): string {
  const kind = o.target.startsWith('data.') ? 'override_data' : 'override_resource';
  return `${kind} {\n  target = ${o.target}\n  values = ${hclValue(o.values, '  ')}\n}\n`;
}

/** Merge override lists; later entries win per target, values merged key by key. */
function mergeOverrides(...lists: Array<readonly TestOverride[] | undefined>): TestOverride[] {
  const byTarget = new Map<string, Record<string, unknown>>();
  for (const o of lists.flatMap((l) => l ?? [])) {
    byTarget.set(o.target, { ...byTarget.get(o.target), ...o.values });
  }
  return [...byTarget].map(([target, values]) => ({ target, values }));
}

interface TestRunOutput {
  readonly messages: any[];
  readonly plan?: any;
  readonly state?: any;
}

/**
 * Write `tests/<name>.tftest.hcl` and run it with `terraform test -json -verbose`.
 * Throws with the diagnostics if the run did not pass.
 */
function runTestFile(dir: string, name: string, hcl: string): TestRunOutput {
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
function runTestFileRaw(dir: string, name: string, hcl: string) {
  ensureInit(dir);
  const rel = path.join('tests', `${name}.tftest.hcl`);
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), hcl);
  const res = runTerraform(dir, ['test', '-no-color', '-json', '-verbose', `-filter=${rel}`], { allowFailure: true });
  const messages: any[] = res.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const summary = messages.find((m) => m.type === 'test_summary')?.test_summary;
  return { res, rel, messages, passed: res.status === 0 && summary?.status === 'pass' };
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
function configOf(json: any, address: string): Record<string, any> {
  const [mode, type, name] = address.startsWith('data.') ? address.split('.') : ['resource', ...address.split('.')];
  return json[mode]?.[type]?.[name] ?? {};
}

/** Values for `data.aws_caller_identity` (it would call STS). */
const callerIdentity = (accountId: string) =>
  ({ account_id: accountId, arn: `arn:aws:iam::${accountId}:user/deployer`, user_id: 'AIDAEXAMPLE', id: accountId });

/** Values for `data.aws_iam_session_context` (for a role session it would call IAM). */
const sessionContext = (accountId: string) => {
  const { arn } = callerIdentity(accountId);
  return { arn, id: arn, issuer_arn: arn, issuer_id: 'AIDAEXAMPLE', issuer_name: 'deployer', session_name: '' };
};

/** Overrides for the data sources that would reach AWS during a plan. */
function callerIdentityOverrides(json: any, accountId: string): TestOverride[] {
  return [
    ...addressesIn(json, 'data', 'aws_caller_identity').map((target) => ({ target, values: callerIdentity(accountId) })),
    ...addressesIn(json, 'data', 'aws_iam_session_context').map((target) => ({ target, values: sessionContext(accountId) })),
  ];
}

// ---------------------------------------------------------------------------
// Plan (real provider, offline)
// ---------------------------------------------------------------------------

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly actions: string[];
  /** Planned values known at plan time. */
  readonly after: Record<string, any> | null;
  /** Attributes that are "(known after apply)". */
  readonly afterUnknown: Record<string, any>;
}

export interface PlanResult {
  /** e.g. "Plan: 7 to add, 0 to change, 0 to destroy." (same wording as terraform's CLI) */
  readonly summary: string;
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly resourceChanges: ResourceChange[];
  /** The raw `test_plan` message (plan JSON incl. provider schemas). */
  readonly raw: any;
}

export interface PlanOptions {
  /** Extra override_data/override_resource blocks (merged over the defaults by target). */
  readonly overrides?: readonly TestOverride[];
  /** Account id used for `data.aws_caller_identity` (default 111122223333). */
  readonly accountId?: string;
}

/** Count add/change/destroy the way terraform's "Plan:" line does (a replace counts as add + destroy). */
function countActions(changes: ResourceChange[]): { add: number; change: number; destroy: number } {
  const c = { add: 0, change: 0, destroy: 0 };
  for (const rc of changes) {
    if (rc.actions.includes('create')) c.add++;
    if (rc.actions.includes('delete')) c.destroy++;
    if (rc.actions.includes('update')) c.change++;
  }
  return c;
}

/**
 * Plan with the real aws provider (fake credentials, no API calls) through
 * `terraform test`: every `data.aws_caller_identity.*` is overridden.
 */
export function terraformPlan(dir: string, opts: PlanOptions = {}): PlanResult {
  const json = readStackJson(dir);
  const overrides = mergeOverrides(callerIdentityOverrides(json, opts.accountId ?? TEST_ACCOUNT_ID), opts.overrides);
  const hcl = `${overrides.map(overrideBlock).join('\n')}\nrun "plan" {\n  command = plan\n}\n`;
  const { plan } = runTestFile(dir, 'zz_plan', hcl);
  if (!plan) throw new Error(`terraform test printed no plan in ${dir}`);
  const resourceChanges: ResourceChange[] = (plan.resource_changes ?? [])
    .filter((rc: any) => rc.mode === 'managed')
    .map((rc: any) => ({
      address: rc.address,
      type: rc.type,
      actions: rc.change.actions,
      after: rc.change.after,
      afterUnknown: rc.change.after_unknown ?? {},
    }));
  const { add, change, destroy } = countActions(resourceChanges);
  return {
    summary: `Plan: ${add} to add, ${change} to change, ${destroy} to destroy.`,
    add,
    change,
    destroy,
    resourceChanges,
    raw: plan,
  };
}

// ---------------------------------------------------------------------------
// Rendered state (mock provider, deterministic ARNs)
// ---------------------------------------------------------------------------

export interface StateResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, any>;
}

export interface RenderedState {
  readonly resources: StateResource[];
  /** Output name -> value. */
  readonly outputs: Record<string, any>;
  /** Values of every managed resource of `type`. */
  valuesOf(type: string): Array<Record<string, any>>;
  /** Values of exactly one managed resource of `type` (throws if there are 0 or several). */
  singleValuesOf(type: string): Record<string, any>;
  /** Resource by address (`aws_kms_key.k`, `data.aws_region.r`); throws if absent. */
  resource(address: string): StateResource;
  /** `JSON.parse` of a JSON-string attribute (e.g. a policy) of the resource at `address`. */
  jsonAttr(address: string, attribute: string): any;
}

export interface RenderedStateOptions extends PlanOptions {
  /** Region used in derived ARNs and `data.aws_region` (default us-east-1). */
  readonly region?: string;
}

interface DeriveContext {
  readonly address: string;
  readonly config: Record<string, any>;
  readonly accountId: string;
  readonly region: string;
  /** Name values learned from a first pass, for names given as expressions. */
  readonly learned?: Record<string, any>;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/** Deterministic UUID (v4 layout) derived from a string. */
export function uuidFor(s: string): string {
  const h = hash(s);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** True for a literal string (no un-escaped `${`), i.e. a value we can read from the JSON. */
function isLiteral(v: unknown): v is string {
  return typeof v === 'string' && !/(^|[^$])\$\{/.test(v) && !/(^|[^%])%\{/.test(v);
}

const unescapeLiteral = (s: string) => s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');

/**
 * Resolve a name-like attribute (`bucket`, `name`) of a resource:
 *  - literal value -> that value
 *  - literal `<attr>_prefix` -> prefix + deterministic suffix
 *  - expression -> the value learned in the first pass (undefined if not learned yet)
 *  - unset -> `derive(resource name)`
 */
function resolveName(ctx: DeriveContext, attr: string, derive: (name: string) => string): string | undefined {
  const v = ctx.config[attr];
  const prefix = ctx.config[`${attr}_prefix`];
  if (isLiteral(v)) return unescapeLiteral(v);
  if (v !== undefined || (prefix !== undefined && !isLiteral(prefix))) {
    return ctx.learned?.[attr] as string | undefined;
  }
  if (isLiteral(prefix)) return `${unescapeLiteral(prefix)}${hash(ctx.address).slice(0, 26)}`;
  return derive(ctx.address.split('.').pop()!);
}

/** Lower-case DNS-ish slug of a resource name, e.g. `logs_Bucket_ABC123` -> `logs-bucket-abc123`. */
function slug(name: string, max: number): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').replace(/-+/g, '-').slice(0, max) || 'x';
}

type Deriver = (ctx: DeriveContext) => Record<string, unknown> | undefined;

/**
 * Default deterministic values per resource type. A deriver returns undefined when the
 * name is an expression not learned yet (triggers a second pass).
 * `nameAttr` lists which attribute must be learned in that case.
 */
const DERIVERS: Record<string, { nameAttr?: string; derive: Deriver }> = {
  'aws_kms_key': {
    derive: ({ address, accountId, region }) => {
      const id = uuidFor(address);
      return { arn: `arn:aws:kms:${region}:${accountId}:key/${id}`, key_id: id, id };
    },
  },
  'aws_kms_alias': {
    nameAttr: 'name',
    derive: (ctx) => {
      const name = resolveName(ctx, 'name', (n) => `alias/${slug(n, 200)}`);
      return name === undefined ? undefined : { name, id: name, arn: `arn:aws:kms:${ctx.region}:${ctx.accountId}:${name}` };
    },
  },
  'aws_s3_bucket': {
    nameAttr: 'bucket',
    derive: (ctx) => {
      const bucket = resolveName(ctx, 'bucket', (n) => `${slug(n, 50)}-${hash(ctx.address).slice(0, 8)}`);
      if (bucket === undefined) return undefined;
      return {
        bucket,
        id: bucket,
        arn: `arn:aws:s3:::${bucket}`,
        region: ctx.region,
        bucket_domain_name: `${bucket}.s3.amazonaws.com`,
        bucket_regional_domain_name: `${bucket}.s3.${ctx.region}.amazonaws.com`,
      };
    },
  },
  'aws_iam_role': {
    nameAttr: 'name',
    derive: (ctx) => {
      const name = resolveName(ctx, 'name', (n) => `${n.replace(/[^\w+=,.@-]/g, '-').slice(0, 55)}-${hash(ctx.address).slice(0, 8)}`);
      if (name === undefined) return undefined;
      const p = isLiteral(ctx.config.path) ? ctx.config.path : '/';
      return {
        name,
        id: name,
        arn: `arn:aws:iam::${ctx.accountId}:role${p}${name}`,
        unique_id: `AROA${hash(ctx.address).slice(0, 17).toUpperCase()}`,
      };
    },
  },
  'data.aws_caller_identity': {
    derive: ({ accountId }) => callerIdentity(accountId),
  },
  'data.aws_iam_session_context': {
    derive: ({ accountId }) => sessionContext(accountId),
  },
  'data.aws_partition': {
    derive: () => ({ partition: 'aws', id: 'aws', dns_suffix: 'amazonaws.com', reverse_dns_prefix: 'com.amazonaws' }),
  },
  'data.aws_region': {
    derive: ({ region }) => ({ name: region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region }),
  },
};

interface DerivedOverrides {
  readonly overrides: TestOverride[];
  /** address -> attribute that must be learned from a first pass. */
  readonly unresolved: Map<string, string>;
}

function derivedOverrides(json: any, accountId: string, region: string, learned: Map<string, Record<string, any>>): DerivedOverrides {
  const overrides: TestOverride[] = [];
  const unresolved = new Map<string, string>();
  const addresses = [...addressesIn(json, 'resource'), ...addressesIn(json, 'data')];
  for (const address of addresses) {
    const key = address.startsWith('data.') ? address.split('.').slice(0, 2).join('.') : address.split('.')[0];
    const d = DERIVERS[key];
    if (!d) continue;
    const values = d.derive({ address, config: configOf(json, address), accountId, region, learned: learned.get(address) });
    if (values) overrides.push({ target: address, values });
    else unresolved.set(address, d.nameAttr!);
  }
  return { overrides, unresolved };
}

/** `mock_provider` blocks for every provider (and alias) the configuration uses. */
function mockProviderBlocks(json: any): string {
  const names = new Set<string>([...Object.keys(json.terraform?.required_providers ?? {}), ...Object.keys(json.provider ?? {})]);
  const blocks: string[] = [];
  for (const name of names) {
    const aliases = providerAliases(json, name);
    for (const alias of aliases.length ? aliases : [undefined]) {
      blocks.push(alias === undefined ? `mock_provider "${name}" {}\n` : `mock_provider "${name}" {\n  alias = ${JSON.stringify(alias)}\n}\n`);
    }
  }
  return blocks.join('\n');
}

/** Flatten a state JSON module tree into resources. */
function flattenState(mod: any): StateResource[] {
  if (!mod) return [];
  const own = (mod.resources ?? []).map((r: any) => ({ address: r.address, mode: r.mode, type: r.type, name: r.name, values: r.values ?? {} }));
  return [...own, ...(mod.child_modules ?? []).flatMap(flattenState)];
}

function makeRenderedState(resources: StateResource[], outputs: Record<string, any>): RenderedState {
  const managed = (type: string) => resources.filter((r) => r.mode === 'managed' && r.type === type);
  const resource = (address: string) => {
    const r = resources.find((x) => x.address === address);
    if (!r) throw new Error(`no ${address} in rendered state; have: ${resources.map((x) => x.address).join(', ')}`);
    return r;
  };
  return {
    resources,
    outputs,
    valuesOf: (type) => managed(type).map((r) => r.values),
    singleValuesOf: (type) => {
      const all = managed(type);
      if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}: ${all.map((r) => r.address).join(', ')}`);
      return all[0].values;
    },
    resource,
    jsonAttr: (address, attribute) => JSON.parse(resource(address).values[attribute]),
  };
}

/** Override file that lifts `prevent_destroy` while `terraform test` cleans up a mock apply. */
const LIFECYCLE_OVERRIDE_FILE = 'zz_test_lifecycle_override.tf.json';

/**
 * `terraform test` destroys what a run applied; `prevent_destroy` (ManagedCmk's keys)
 * would fail that clean-up. Terraform merges an override file's `lifecycle` block
 * argument by argument, so this lifts only that one setting, for the run only.
 */
function withoutPreventDestroy<T>(dir: string, json: any, run: () => T): T {
  const lifted: Record<string, Record<string, unknown>> = {};
  for (const [type, byName] of Object.entries<Record<string, any>>(json.resource ?? {})) {
    for (const [name, config] of Object.entries<any>(byName)) {
      if (config.lifecycle?.prevent_destroy) (lifted[type] ??= {})[name] = { lifecycle: { prevent_destroy: false } };
    }
  }
  const file = path.join(dir, LIFECYCLE_OVERRIDE_FILE);
  if (Object.keys(lifted).length === 0) return run();
  fs.writeFileSync(file, JSON.stringify({ resource: lifted }, undefined, 2));
  try {
    return run();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export interface DestroyPlanResult {
  /** Whether Terraform accepted the plan that destroys the resources. */
  readonly passed: boolean;
  /** Terraform's error diagnostics, as `summary: detail`. */
  readonly errors: string[];
}

/**
 * Applies the stack against mock providers, then plans replacing `addresses` (what a
 * rename, or a change that replaces a resource, plans); `terraform test` then destroys
 * everything, as `cdktf destroy` would. Reports whether Terraform accepted both, with
 * its error diagnostics. `prevent_destroy` is kept, so this is how it is tested.
 */
export function planDestroying(dir: string, addresses: string[], opts: RenderedStateOptions = {}): DestroyPlanResult {
  const json = readStackJson(dir);
  const { overrides } = derivedOverrides(json, opts.accountId ?? TEST_ACCOUNT_ID, opts.region ?? TEST_REGION, new Map());
  const hcl = [
    mockProviderBlocks(json),
    mergeOverrides(overrides, opts.overrides).map(overrideBlock).join('\n'),
    'run "create" {\n  command = apply\n}\n',
    `run "replace" {\n  command = plan\n  plan_options {\n    replace = [${addresses.join(', ')}]\n  }\n}\n`,
  ].join('\n');
  const { messages, passed } = runTestFileRaw(dir, 'zz_destroy', hcl);
  const errors = messages
    .filter((m) => m.diagnostic?.severity === 'error')
    .map((m) => `${m.diagnostic.summary}: ${m.diagnostic.detail ?? ''}`);
  return { passed, errors };
}

function applyWithMocks(dir: string, json: any, overrides: TestOverride[]): { resources: StateResource[]; outputs: Record<string, any> } {
  const hcl = `${mockProviderBlocks(json)}\n${overrides.map(overrideBlock).join('\n')}\nrun "state" {\n  command = apply\n}\n`;
  const { state } = withoutPreventDestroy(dir, json, () => runTestFile(dir, 'zz_state', hcl));
  if (!state) throw new Error(`terraform test printed no state in ${dir}`);
  const outputs = Object.fromEntries(Object.entries<any>(state.outputs ?? state.values?.outputs ?? {}).map(([k, o]) => [k, o.value]));
  return { resources: flattenState(state.root_module ?? state.values?.root_module), outputs };
}

/**
 * Apply the stack against `mock_provider`s (no provider calls at all) and return the
 * resulting state, so Terraform-core-computed attributes such as `jsonencode(...)`
 * policies come out concrete with deterministic ARNs:
 *  - aws_kms_key:   arn `arn:aws:kms:<region>:<account>:key/<uuid from address>`, key_id/id = uuid
 *  - aws_kms_alias: arn `arn:aws:kms:<region>:<account>:<name>`
 *  - aws_s3_bucket: bucket = literal `bucket` (or `bucket_prefix`+hash, or derived from the address), arn, id
 *  - aws_iam_role:  arn `arn:aws:iam::<account>:role<path><name>`
 *  - data aws_caller_identity / aws_partition / aws_region: fixed test values
 * Names given as expressions (e.g. `"logs-${data.aws_caller_identity.x.account_id}"`) are
 * learned with a first apply, then a second apply uses them (Terraform never overrides
 * configured attributes, so arn and name must agree).
 * Other computed attributes are random mock strings — don't assert on them.
 */
export function renderedState(dir: string, opts: RenderedStateOptions = {}): RenderedState {
  const json = readStackJson(dir);
  const accountId = opts.accountId ?? TEST_ACCOUNT_ID;
  const region = opts.region ?? TEST_REGION;
  const learned = new Map<string, Record<string, any>>();
  const valuesAt = (resources: StateResource[], address: string) => resources.find((r) => r.address === address)?.values ?? {};
  const first = derivedOverrides(json, accountId, region, learned);
  let result = applyWithMocks(dir, json, mergeOverrides(first.overrides, opts.overrides));
  if (first.unresolved.size > 0) {
    // Second pass: names given as expressions are now known; derive ARNs from them.
    for (const address of first.unresolved.keys()) learned.set(address, valuesAt(result.resources, address));
    const second = derivedOverrides(json, accountId, region, learned);
    result = applyWithMocks(dir, json, mergeOverrides(second.overrides, opts.overrides));
    for (const [address, attr] of first.unresolved) {
      const before = learned.get(address)?.[attr];
      const after = valuesAt(result.resources, address)[attr];
      if (before !== after) {
        throw new Error(`${address}: ${attr} is not stable between mock applies (${before} vs ${after}); ` +
          'it depends on a mock-computed value — pass an explicit override for it');
      }
    }
  }
  return makeRenderedState(result.resources, result.outputs);
}
