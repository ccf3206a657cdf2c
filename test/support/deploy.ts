/**
 * Test support for the deploy tier: Terraform plans and applies against moto
 * (test/support/moto.ts), with the real AWS provider from the offline mirror.
 *
 * A stack is synthesized as in the Terraform tier (synthStack), then its override file is
 * rewritten: every `provider "aws"` block talks to the emulator only, and the local
 * backend keeps its state in a file the test names, so that different stacks (the example,
 * then the same resources under other construct paths) plan against one state.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { emulatorEnv, EMULATOR_REGION, run, tail } from './moto';
import {
  cacheLockFile, cliConfigFile, OVERRIDE_FILE, providerAliases, readStackJson, SynthResult, synthStack, terraformEnv,
  terraformVersion, tryCacheLock, writeProviderOverride,
} from './terraform-cli';

const TERRAFORM_TIMEOUT_MS = 5 * 60_000;

/** A synthesized stack that plans and applies against the emulator. */
export interface DeployableStack extends SynthResult {
  readonly endpoint: string;
  readonly statePath: string;
  readonly region: string;
}

export interface EmulatorTarget {
  /** The emulator's endpoint, `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The local backend's state file: every stack given the same file plans against one state. */
  readonly statePath: string;
  /** The provider's region (scenarios in different regions share one emulator). */
  readonly region?: string;
}

/**
 * Synthesizes the stack and points it at the emulator: endpoints for every service the
 * library's stacks call, path-style S3 (no `<bucket>.127.0.0.1` host names), fake
 * credentials, no metadata or region checks, a few retries (moto's server drops a
 * connection now and then under load; an emulator error that persists still fails within
 * seconds), and the target's state file as the local backend's state.
 */
export function deployableStack(build: (app: App) => TerraformStack, target: EmulatorTarget): DeployableStack {
  const region = target.region ?? EMULATOR_REGION;
  // The examples' providers take their region from AWS_REGION at synth; so do the test's stacks.
  const synth = synthStack((app) => withAwsRegion(region, () => build(app)));
  // The Terraform tier's override: keeps its version pin and dropped 6.x arguments, if any.
  const doc = writeProviderOverride(synth.dir);
  const { endpoint } = target;
  // Each provider keeps the region it was synthesized with (a replica provider's differs).
  const emulator = {
    access_key: 'AKIAIOSFODNN7EXAMPLE',
    secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    endpoints: [{ iam: endpoint, kms: endpoint, s3: endpoint, sts: endpoint }],
    s3_use_path_style: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    max_retries: 5,
  };
  doc.provider = { aws: providerAliases(readStackJson(synth.dir), 'aws').map((alias) => (alias === undefined ? emulator : { alias, ...emulator })) };
  // cdktf's local backend writes to the working directory of the synthesizing process.
  doc.terraform = { ...doc.terraform, backend: { local: { path: target.statePath } } };
  fs.writeFileSync(path.join(synth.dir, OVERRIDE_FILE), JSON.stringify(doc, undefined, 2));
  return { ...synth, endpoint, statePath: target.statePath, region };
}

function withAwsRegion<T>(region: string, fn: () => T): T {
  const before = process.env.AWS_REGION;
  process.env.AWS_REGION = region;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = before;
  }
}

/** Runs terraform in the stack's dir with the emulator's environment. */
export async function terraform(stack: DeployableStack, args: string[], opts: { allowFailure?: boolean } = {}) {
  terraformVersion();
  return run('terraform', args, {
    cwd: stack.dir,
    env: emulatorEnv(stack.endpoint, terraformEnv(), stack.region),
    timeoutMs: TERRAFORM_TIMEOUT_MS,
    allowFailure: opts.allowFailure,
  });
}

/**
 * `terraform init` with the backend (unlike the Terraform tier's `-backend=false`), under
 * the Terraform tier's lock on the shared plugin cache.
 */
export async function init(stack: DeployableStack): Promise<void> {
  cliConfigFile();
  await withCacheLock(() => terraform(stack, ['init', '-input=false', '-no-color']));
}

/** The same lock file as the Terraform tier's init: one writer of the plugin cache at a time. */
async function withCacheLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + TERRAFORM_TIMEOUT_MS;
  while (!tryCacheLock(deadline)) await new Promise((r) => setTimeout(r, 100));
  try {
    return await fn();
  } finally {
    fs.rmSync(cacheLockFile(), { force: true });
  }
}

export interface ResourceChange {
  readonly address: string;
  readonly previousAddress?: string;
  readonly type: string;
  readonly actions: string[];
  /** The id Terraform imports, for a change that imports. */
  readonly importing?: string;
  readonly before: Record<string, any> | null;
  readonly after: Record<string, any> | null;
}

export interface Plan {
  /** Terraform's summary line: `Plan: 7 to import, ...` or `No changes. ...`. */
  readonly summary: string;
  readonly file: string;
  /** `terraform show -json` of the saved plan. */
  readonly json: any;
  /** Managed resources only. */
  readonly changes: ResourceChange[];
  /** `type id` of each managed resource in the state the plan started from. */
  readonly priorIds: string[];
}

/** `terraform plan -out`, then `terraform show -json` of the saved plan. Inits first when needed. */
export async function plan(stack: DeployableStack): Promise<Plan> {
  if (!fs.existsSync(path.join(stack.dir, '.terraform'))) await init(stack);
  const file = 'deploy.tfplan';
  const res = await terraform(stack, ['plan', '-input=false', '-no-color', '-lock-timeout=60s', `-out=${file}`]);
  const summary = res.stdout.split('\n').find((l) => /^(Plan: |No changes\.)/.test(l.trim()))?.trim();
  if (!summary) throw new Error(`terraform plan printed no summary in ${stack.dir}:\n${tail(res.stdout)}`);
  const json = JSON.parse((await terraform(stack, ['show', '-json', file])).stdout);
  const changes: ResourceChange[] = (json.resource_changes ?? [])
    .filter((rc: any) => rc.mode === 'managed')
    .map((rc: any) => ({
      address: rc.address,
      previousAddress: rc.previous_address,
      type: rc.type,
      actions: rc.change.actions,
      importing: rc.change.importing?.id,
      before: rc.change.before,
      after: rc.change.after,
    }));
  return { summary, file, json, changes, priorIds: stateIds(json.prior_state) };
}

/** Applies exactly the saved plan. */
export async function apply(stack: DeployableStack, saved: Plan): Promise<string> {
  const res = await terraform(stack, ['apply', '-input=false', '-no-color', '-auto-approve', saved.file]);
  return res.stdout;
}

/** `type id` of every managed resource in a `terraform show -json` state (or a plan's prior_state), sorted. */
export function stateIds(state: any): string[] {
  const ids: string[] = [];
  const visit = (module: any) => {
    for (const r of module?.resources ?? []) if (r.mode === 'managed') ids.push(`${r.type} ${r.values.id}`);
    for (const child of module?.child_modules ?? []) visit(child);
  };
  visit(state?.values?.root_module);
  return ids.sort();
}

/** `type id` of every managed resource once the plan is applied: what stays, is updated or is created. */
export function plannedIds(saved: Plan): string[] {
  return saved.changes
    .filter((c) => !c.actions.includes('delete'))
    .map((c) => `${c.type} ${c.after?.id ?? c.before?.id ?? c.importing ?? '(known after apply)'}`)
    .sort();
}

/** `address: actions` of each change that is not a no-op, for readable failures. */
export function describeChanges(saved: Plan): string[] {
  return saved.changes
    .filter((c) => c.actions.join() !== 'no-op')
    .map((c) => `${c.address}: ${c.actions.join('+')}${c.importing ? ' (import)' : ''}${c.previousAddress ? ` (moved from ${c.previousAddress})` : ''}`);
}

/** The attributes whose planned value differs from the prior one in an update. */
export function changedAttributes(change: ResourceChange): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => k in after && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

/** `terraform state mv`: the state as if an earlier configuration had put the resource at `from`. */
export async function stateMove(stack: DeployableStack, from: string, to: string): Promise<void> {
  if (!fs.existsSync(path.join(stack.dir, '.terraform'))) await init(stack);
  await terraform(stack, ['state', 'mv', '-lock-timeout=60s', from, to]);
}
