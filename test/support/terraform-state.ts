/**
 * Test support: apply a stack against `mock_provider`s (no provider calls at all) with
 * deterministic ARNs, and read the state as Terraform renders it; or plan destroying
 * resources of such a state.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { addressesIn, configOf, providerAliases, readStackJson, runTestFile, runTestFileRaw } from './terraform-cli';
import {
  callerIdentity, mergeOverrides, overrideBlock, PlanOptions, sessionContext, TEST_ACCOUNT_ID, TEST_REGION, TestOverride,
} from './terraform-plan';

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
  /**
   * Region and account per aliased provider (`aws.replica`), for resources and data
   * sources on it; others use `region` and `accountId`.
   */
  readonly providers?: Record<string, { readonly region?: string; readonly accountId?: string }>;
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

type Providers = RenderedStateOptions['providers'];

function derivedOverrides(
  json: any, accountId: string, region: string, learned: Map<string, Record<string, any>>, providers: Providers = {},
): DerivedOverrides {
  const overrides: TestOverride[] = [];
  const unresolved = new Map<string, string>();
  const addresses = [...addressesIn(json, 'resource'), ...addressesIn(json, 'data')];
  for (const address of addresses) {
    const key = address.startsWith('data.') ? address.split('.').slice(0, 2).join('.') : address.split('.')[0];
    const d = DERIVERS[key];
    if (!d) continue;
    const config = configOf(json, address);
    const onProvider = providers[config.provider] ?? {};
    const values = d.derive({
      address, config, accountId: onProvider.accountId ?? accountId, region: onProvider.region ?? region, learned: learned.get(address),
    });
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
  const first = derivedOverrides(json, accountId, region, learned, opts.providers);
  let result = applyWithMocks(dir, json, mergeOverrides(first.overrides, opts.overrides));
  if (first.unresolved.size > 0) {
    // Second pass: names given as expressions are now known; derive ARNs from them.
    for (const address of first.unresolved.keys()) learned.set(address, valuesAt(result.resources, address));
    const second = derivedOverrides(json, accountId, region, learned, opts.providers);
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
