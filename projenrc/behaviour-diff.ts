/**
 * What a release changes in the Terraform configuration the library renders: two
 * synthesized apps (stack name to its cdk.tf.json) compared per stack and address, each
 * difference classified. Pure functions; behaviour-gate.ts synthesizes the apps and
 * decides what a release needs.
 *
 * - `behaviour`: rendered differently (an attribute, a tightened policy, a resource added).
 * - `loosening`: a policy allows more or denies less (policy-diff.ts), or a protection is
 *   weakened: public access blocks, encryption, versioning, ownership, replication, key
 *   rotation and deletion window, prevent_destroy, force_destroy, lifecycle expirations.
 *   For the settings resources, any change not known to strengthen counts as loosening;
 *   so does a data source read differently (policies name its results by reference).
 * - `destroy-or-replace`: a managed resource gone without a `moved` block to its new
 *   address, an attribute Terraform cannot change in place (REPLACED_BY), or a resource
 *   moved to another provider configuration or region.
 * - `no-synth`: the earlier release's examples do not synthesize any more.
 *
 * Ignored, as they differ by machine or toolchain and not by behaviour: `//` metadata
 * (construct paths, cdktf's version) and the local backend's state path.
 */
import { isPolicy, policyChanges } from './policy-diff';

export type ChangeKind = 'behaviour' | 'loosening' | 'destroy-or-replace' | 'no-synth';

/** One difference in one stack. */
export interface BehaviourChange {
  readonly stack: string;
  /** A resource or data source address, `provider.<name>[.<alias>]`, or a block: `import`, `output`, `terraform`. */
  readonly address: string;
  readonly what: string;
  readonly kind: ChangeKind;
}

/** Stack name to its synthesized cdk.tf.json. */
export type SynthesizedApp = Record<string, any>;

/**
 * Attributes whose change makes Terraform replace the resource (destroy, then create),
 * for the resource types the library writes, with AWS provider 5.100.0. Found by planning
 * (`terraform plan -refresh=false` against a hand-written state, fake credentials) a
 * change of every attribute the library sets and reading `replace_paths`: the provider's
 * schema (`terraform providers schema -json`) does not say which attributes force
 * replacement. Checked against the provider by
 * test/release/replaced-attributes.terraform.test.ts.
 */
export const REPLACED_BY: Record<string, readonly string[]> = {
  aws_s3_bucket: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
  aws_kms_key: ['customer_master_key_spec', 'key_usage', 'multi_region'],
  aws_kms_alias: ['name', 'name_prefix'],
  aws_iam_role: ['name', 'name_prefix', 'path'],
  aws_iam_role_policy: ['name', 'name_prefix', 'role'],
  aws_s3_bucket_policy: ['bucket'],
  aws_s3_bucket_public_access_block: ['bucket'],
  aws_s3_bucket_ownership_controls: ['bucket'],
  aws_s3_bucket_server_side_encryption_configuration: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_versioning: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_lifecycle_configuration: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_logging: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_replication_configuration: ['bucket'],
};

/** A leaf that differs: its path in the resource, and its values (undefined when absent). */
interface Leaf { readonly path: string; readonly before: unknown; readonly after: unknown }

/** Strength order of default encryption. */
const SSE_STRENGTH: Record<string, number> = { 'AES256': 1, 'aws:kms': 2, 'aws:kms:dsse': 3 };

/** Whether a changed leaf strengthens a protection; undefined when that is not known. */
type Judge = (leaf: Leaf) => boolean | undefined;

const toTrue: Judge = ({ after }) => after === true;
/**
 * The resources that hold a bucket's or key's protections. A change to one of these is
 * loosening unless its judge says it strengthens.
 */
const PROTECTIONS: Record<string, Judge> = {
  aws_s3_bucket_public_access_block: toTrue,
  aws_s3_bucket_server_side_encryption_configuration: ({ path, before, after }) => {
    if (path.endsWith('sse_algorithm')) return (SSE_STRENGTH[String(after)] ?? 0) > (SSE_STRENGTH[String(before)] ?? 0);
    // Another key is not known to be as safe; the Bucket Key changes cost, not protection.
    if (path.endsWith('bucket_key_enabled')) return true;
    if (path.endsWith('blocked_encryption_types')) return Array.isArray(before) && Array.isArray(after) && before.every((t) => after.includes(t));
    return undefined;
  },
  aws_s3_bucket_versioning: ({ path, after }) => (/(status|mfa_delete)$/.test(path) ? after === 'Enabled' : undefined),
  aws_s3_bucket_ownership_controls: ({ path, after }) => (path.endsWith('object_ownership') ? after === 'BucketOwnerEnforced' : undefined),
  // Replication keeps a second copy: any change to it may lose that copy.
  aws_s3_bucket_replication_configuration: () => undefined,
};

/** Settings of other resources that protect data: true when the change strengthens, false when it weakens. */
const GUARDS: Record<string, Record<string, Judge>> = {
  aws_kms_key: {
    enable_key_rotation: toTrue,
    deletion_window_in_days: ({ before, after }) => Number(after) >= Number(before),
    rotation_period_in_days: ({ before, after }) => Number(after) <= Number(before),
    bypass_policy_lockout_safety_check: ({ after }) => after !== true,
    // A disabled key cannot decrypt: every object under it becomes unreadable.
    is_enabled: ({ after }) => after !== false,
  },
  aws_s3_bucket: {
    // force_destroy lets `terraform destroy` delete every object with the bucket.
    force_destroy: ({ after }) => after !== true,
  },
};

/** Lifecycle rules that delete objects (expirations), enabled, in a canonical form. */
function expirations(rules: unknown): string[] {
  const list = Array.isArray(rules) ? rules : rules === undefined ? [] : [rules];
  return list.filter((r: any) => r?.status !== 'Disabled').map((r: any) => JSON.stringify({
    id: r.id, filter: r.filter, prefix: r.prefix, expiration: r.expiration, noncurrent: r.noncurrent_version_expiration,
  })).filter((json) => /"(expiration|noncurrent)"/.test(json)).sort();
}

/** Deep copy without `//` metadata keys. */
function withoutMetadata(value: any): any {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, withoutMetadata(v)]));
}

/** A stack as compared: no metadata, no local state path (it names the synthesizing directory). */
export function normalizeStack(stack: any): any {
  const copy = withoutMetadata(stack ?? {});
  const local = copy.terraform?.backend?.local;
  if (local) delete local.path;
  return copy;
}

/** The leaves that differ between two values; arrays of different lengths are one leaf. */
function leaves(before: unknown, after: unknown, path: string, out: Leaf[] = []): Leaf[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const [b, a] = [before as Record<string, unknown>, after as Record<string, unknown>];
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) leaves(b[key], a[key], path ? `${path}.${key}` : key, out);
  } else if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, i) => leaves(item, after[i], `${path}[${i}]`, out));
  } else {
    out.push({ path, before, after });
  }
  return out;
}

const show = (value: unknown) => (value === undefined ? '(unset)' : JSON.stringify(value));
const describe = (leaf: Leaf) => `${leaf.path}: ${show(leaf.before)} -> ${show(leaf.after)}`;

/** The differences of one resource present in both (or moved), its type's rules applied. */
function resourceChanges(stack: string, type: string, address: string, before: any, after: any): BehaviourChange[] {
  const changes: BehaviourChange[] = [];
  const add = (what: string, kind: ChangeKind) => changes.push({ stack, address, what, kind });
  for (const attribute of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, is] = [before[attribute], after[attribute]];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    if (isPolicy(attribute, was ?? is)) {
      for (const change of policyChanges(was, is)) add(`${attribute}: ${change.what}`, change.loosens ? 'loosening' : 'behaviour');
      continue;
    }
    if (REPLACED_BY[type]?.includes(attribute)) {
      add(`${describe({ path: attribute, before: was, after: is })} (Terraform replaces the resource)`, 'destroy-or-replace');
      continue;
    }
    if (attribute === 'depends_on') {
      // Ordering only: it protects nothing by itself.
      add(describe({ path: attribute, before: was, after: is }), 'behaviour');
      continue;
    }
    if (attribute === 'provider') {
      add(`${describe({ path: attribute, before: was, after: is })} (another provider configuration: created anew where it points)`, 'destroy-or-replace');
      continue;
    }
    if (type === 'aws_s3_bucket_lifecycle_configuration' && attribute === 'rule') {
      const expiring = JSON.stringify(expirations(was)) !== JSON.stringify(expirations(is));
      add(`${describe({ path: attribute, before: was, after: is })}${expiring ? ' (objects may be deleted sooner)' : ''}`, expiring ? 'loosening' : 'behaviour');
      continue;
    }
    // A lifecycle block added or dropped whole is compared setting by setting.
    const [from, to] = attribute === 'lifecycle' ? [was ?? {}, is ?? {}] : [was, is];
    for (const leaf of leaves(from, to, attribute)) {
      if (leaf.path.startsWith('lifecycle.')) {
        // prevent_destroy removed, or changes ignored: the protection or its drift correction is gone.
        const weakens = leaf.path === 'lifecycle.prevent_destroy' ? leaf.after !== true : leaf.path.startsWith('lifecycle.ignore_changes');
        add(describe(leaf), weakens ? 'loosening' : 'behaviour');
      } else if (PROTECTIONS[type]) {
        add(describe(leaf), PROTECTIONS[type](leaf) === true ? 'behaviour' : 'loosening');
      } else {
        const judge = GUARDS[type]?.[attribute];
        add(describe(leaf), judge && judge(leaf) === false ? 'loosening' : 'behaviour');
      }
    }
  }
  return changes;
}

/** `from` address to `to` address of a stack's `moved` blocks. */
function movedBlocks(stack: any): Map<string, string> {
  const moved = stack.moved === undefined ? [] : Array.isArray(stack.moved) ? stack.moved : [stack.moved];
  return new Map(moved.map((m: any) => [String(m.from), String(m.to)]));
}

/** Addresses a `removed` block forgets without destroying (`lifecycle.destroy = false`). */
function forgotten(stack: any): Set<string> {
  const removed = stack.removed === undefined ? [] : Array.isArray(stack.removed) ? stack.removed : [stack.removed];
  return new Set(removed.filter((r: any) => r.lifecycle?.destroy === false).map((r: any) => String(r.from)));
}

/** Resources (or data sources) of a stack's block by address `type.name`. */
function byAddress(block: any, prefix = ''): Map<string, { type: string; body: any }> {
  const out = new Map<string, { type: string; body: any }>();
  for (const [type, named] of Object.entries(block ?? {})) {
    for (const [name, body] of Object.entries(named as Record<string, any>)) out.set(`${prefix}${type}.${name}`, { type, body });
  }
  return out;
}

function stackChanges(stack: string, beforeStack: any, afterStack: any): BehaviourChange[] {
  const before = normalizeStack(beforeStack);
  const after = normalizeStack(afterStack);
  const changes: BehaviourChange[] = [];
  const add = (address: string, what: string, kind: ChangeKind) => changes.push({ stack, address, what, kind });

  const [was, is] = [byAddress(before.resource), byAddress(after.resource)];
  const moved = movedBlocks(after);
  const movedTo = new Set<string>();
  for (const [address, { type, body }] of was) {
    const target = is.has(address) ? address : moved.get(address);
    if (target !== undefined && is.has(target)) {
      movedTo.add(target);
      const label = target === address ? address : `${address} (moved to ${target})`;
      changes.push(...resourceChanges(stack, type, label, body, is.get(target)!.body));
    } else if (forgotten(after).has(address)) {
      add(address, 'no longer managed (a removed block keeps it in AWS): its settings are no longer enforced', 'loosening');
    } else {
      add(address, 'destroyed: gone from the configuration, and no moved block names its new address', 'destroy-or-replace');
    }
  }
  for (const [address, { body }] of is) {
    if (was.has(address) || movedTo.has(address)) continue;
    add(address, 'added', 'behaviour');
    // A new resource's policy is compared with none: each Allow in it is new access.
    for (const [attribute, value] of Object.entries(body)) {
      if (!isPolicy(attribute, value)) continue;
      for (const change of policyChanges(undefined, value)) add(address, `${attribute}: ${change.what}`, change.loosens ? 'loosening' : 'behaviour');
    }
  }

  const [dataWas, dataIs] = [byAddress(before.data, 'data.'), byAddress(after.data, 'data.')];
  for (const address of new Set([...dataWas.keys(), ...dataIs.keys()])) {
    const [b, a] = [dataWas.get(address)?.body, dataIs.get(address)?.body];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (b === undefined || a === undefined) {
      add(address, b === undefined ? 'added' : 'removed', 'behaviour');
      continue;
    }
    // Policies name a data source's results by reference: what it reads changes what they mean.
    for (const leaf of leaves(b, a, '')) add(address, `${describe(leaf)} (policies that reference it may allow more)`, 'loosening');
  }

  // Providers: a region changed moves every resource on that provider.
  const providers = (s: any) => new Map<string, any>(Object.entries(s.provider ?? {}).flatMap(([name, configs]) =>
    (Array.isArray(configs) ? configs : [configs]).map((c: any) => [c.alias ? `provider.${name}.${c.alias}` : `provider.${name}`, c] as [string, any])));
  const [providersWas, providersIs] = [providers(before), providers(after)];
  for (const address of new Set([...providersWas.keys(), ...providersIs.keys()])) {
    for (const leaf of leaves(providersWas.get(address), providersIs.get(address), '')) {
      const replaces = leaf.path === 'region' || leaf.path === '';
      add(address, `${describe(leaf)}${replaces ? ' (its resources are created anew where it points)' : ''}`, replaces ? 'destroy-or-replace' : 'behaviour');
    }
  }

  // Import blocks: which existing resources a first apply takes over.
  const imports = (s: any) => (s.import === undefined ? [] : Array.isArray(s.import) ? s.import : [s.import]).map((i: any) => JSON.stringify(i));
  const [importsWas, importsIs] = [imports(before), imports(after)];
  for (const i of importsWas.filter((x: string) => !importsIs.includes(x))) add('import', `removed: ${i}`, 'behaviour');
  for (const i of importsIs.filter((x: string) => !importsWas.includes(x))) add('import', `added: ${i}`, 'behaviour');

  // Everything else (outputs, required providers, variables, locals): rendered differently.
  const handled = new Set(['resource', 'data', 'provider', 'import', 'moved', 'removed']);
  for (const block of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (handled.has(block)) continue;
    for (const leaf of leaves(before[block], after[block], block)) add(block, describe(leaf), 'behaviour');
  }
  return changes;
}

/** Every difference between two synthesized apps, stack by stack. */
export function behaviourChanges(before: SynthesizedApp, after: SynthesizedApp): BehaviourChange[] {
  const stacks = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return stacks.flatMap((stack) => stackChanges(stack, before[stack], after[stack]));
}

/** Whether a change needs a new major version: all but a plain behaviour change. */
export function needsMajor(change: BehaviourChange): boolean {
  return change.kind !== 'behaviour';
}

/** One line per change: `[kind] stack address: what`. */
export function formatChange(change: BehaviourChange): string {
  return `[${change.kind}] ${change.stack} ${change.address}: ${change.what}`;
}
