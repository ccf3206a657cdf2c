/**
 * Test support: plan with the real AWS provider, offline, through `terraform test`, so
 * that the data sources that would call AWS (`aws_caller_identity`,
 * `aws_iam_session_context`) can be overridden.
 */
import { addressesIn, readStackJson, runTestFile } from './terraform-cli';

/** Account and region used for every faked/overridden value. */
export const TEST_ACCOUNT_ID = '111122223333';
export const TEST_REGION = 'us-east-1';

// ---------------------------------------------------------------------------
// Overrides
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

export function overrideBlock(o: TestOverride): string {
  const kind = o.target.startsWith('data.') ? 'override_data' : 'override_resource';
  return `${kind} {\n  target = ${o.target}\n  values = ${hclValue(o.values, '  ')}\n}\n`;
}

/** Merge override lists; later entries win per target, values merged key by key. */
export function mergeOverrides(...lists: Array<readonly TestOverride[] | undefined>): TestOverride[] {
  const byTarget = new Map<string, Record<string, unknown>>();
  for (const o of lists.flatMap((l) => l ?? [])) {
    byTarget.set(o.target, { ...byTarget.get(o.target), ...o.values });
  }
  return [...byTarget].map(([target, values]) => ({ target, values }));
}

/** Values for `data.aws_caller_identity` (it would call STS). */
export const callerIdentity = (accountId: string) =>
  ({ account_id: accountId, arn: `arn:aws:iam::${accountId}:user/deployer`, user_id: 'AIDAEXAMPLE', id: accountId });

/** Values for `data.aws_iam_session_context` (for a role session it would call IAM). */
export const sessionContext = (accountId: string) => {
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
