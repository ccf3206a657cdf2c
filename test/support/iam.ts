/**
 * Test support: evaluate IAM policies with @cloud-copilot/iam-simulate (AGPL; tests only).
 *
 * The simulator is async (`runSimulation` returns a Promise), so this API is async too.
 *
 * Semantics worth knowing (verified against iam-simulate 0.1.x):
 *  - Same account (principal account == resourceAccount): an identity-policy Allow OR a
 *    resource-policy Allow naming the principal is enough; any explicit Deny wins.
 *  - Cross account: both the identity policy and the resource policy must allow.
 *  - A resource-policy statement whose principal is an account (`arn:aws:iam::<acct>:root`
 *    or `<acct>`) is an "account-level" match: it delegates to the identity policies of
 *    that account, it does not grant by itself.
 *  - KMS keys (`arn:aws:kms:...:key/...`): identity policies only count if the key policy
 *    trusts the account (an account-level statement such as the root statement); otherwise
 *    only key-policy statements naming the principal directly grant.
 *  - Service principals (`logging.s3.amazonaws.com`) are allowed only by resource-policy
 *    statements naming that service (or `*`); identity policies are irrelevant to them.
 *    `aws:SourceAccount` / `aws:SourceArn` are NOT filled in: pass them in `context`.
 *  - The account root user (`arn:aws:iam::<acct>:root`) is modelled here by adding an
 *    implicit allow-all identity policy (AWS gives root all identity permissions); resource
 *    policies, and KMS key policies in particular, still apply.
 *  - Condition keys that do not apply to the action are dropped by the simulator (reported
 *    in `SimResult.ignoredContextKeys`). A missing key makes `StringNotEquals`/`*IfExists`
 *    true and every other operator false (so `Bool aws:SecureTransport=false` does not
 *    match when the key is absent).
 *  - iam-simulate drops `kms:EncryptionContext:<key>` context keys (its variable-key matching
 *    only understands `prefix/<var>` keys). `simulate` detects that and re-evaluates with the
 *    simulator's unvalidated engine, so such conditions are honoured.
 */
import {
  allowedContextKeysForRequest,
  runSimulation,
  runUnsafeSimulation,
  type RunSimulationResults,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import { globMatches } from '../../src/private/iam';

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

/** The account used when nothing else says which account owns a resource. */
export const DEFAULT_ACCOUNT = '111122223333';

export interface SimRequest {
  /** IAM principal ARN (`arn:aws:iam::111122223333:user/alice`, `...:root`, assumed-role ARN) or a service principal (`logging.s3.amazonaws.com`). */
  readonly principal: string;
  /** e.g. `s3:PutObject`. */
  readonly action: string;
  /** e.g. `arn:aws:s3:::bucket/key.txt`. */
  readonly resource: string;
  /** Policy documents attached to the principal (objects or JSON strings). */
  readonly identityPolicies?: ReadonlyArray<unknown>;
  /** Bucket policy / key policy (object or JSON string). */
  readonly resourcePolicy?: unknown;
  /**
   * Request context keys. They are merged over the defaults (see `defaultContext`);
   * set a key to `undefined` to remove a default, e.g. `{ 'aws:SecureTransport': undefined }`.
   */
  readonly context?: Readonly<Record<string, string | string[] | undefined>>;
  /** Account owning the resource; default: the account in the resource ARN, else 111122223333. */
  readonly resourceAccount?: string;
}

export interface SimResult {
  readonly decision: Decision;
  /** Context actually sent (defaults merged, removals applied). */
  readonly context: Record<string, string | string[]>;
  /** Context keys the simulator ignored because they do not apply to the action/resource. */
  readonly ignoredContextKeys: string[];
  /** Raw simulator output, for debugging (`raw.result.analysis` has per-statement explains). */
  readonly raw: RunSimulationResults;
}

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const ROOT_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

const isServicePrincipal = (p: string) => SERVICE_PRINCIPAL.test(p);

/** Account id of an ARN (5th field) if it is a 12-digit account. */
function arnAccount(arn: string): string | undefined {
  const acct = arn.split(':')[4];
  return acct && /^\d{12}$/.test(acct) ? acct : undefined;
}

/** aws:PrincipalArn / aws:PrincipalType for an IAM principal ARN (assumed-role sessions map to their role). */
function principalArnAndType(principal: string): { arn: string; type: string } {
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/(.+)\/[^/]+$/.exec(principal);
  if (session) return { arn: `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`, type: 'AssumedRole' };
  if (ROOT_ARN.test(principal)) return { arn: principal, type: 'Account' };
  if (principal.includes(':federated-user/')) return { arn: principal, type: 'FederatedUser' };
  return { arn: principal, type: 'User' };
}

/**
 * Default request context:
 *  - always: `aws:SecureTransport`='true' (HTTPS)
 *  - s3:* actions: `s3:TlsVersion`='1.2'
 *  - IAM principals: `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`,
 *    `aws:PrincipalIsAWSService`='false'; for kms:* also `kms:CallerAccount`
 *  - service principals: `aws:PrincipalServiceName`, `aws:PrincipalIsAWSService`='true'
 */
export function defaultContext(principal: string, action: string): Record<string, string> {
  const ctx: Record<string, string> = { 'aws:SecureTransport': 'true' };
  const service = action.split(':')[0].toLowerCase();
  if (service === 's3') ctx['s3:TlsVersion'] = '1.2';
  if (isServicePrincipal(principal)) {
    ctx['aws:PrincipalServiceName'] = principal;
    ctx['aws:PrincipalIsAWSService'] = 'true';
    return ctx;
  }
  const account = arnAccount(principal);
  const { arn, type } = principalArnAndType(principal);
  ctx['aws:PrincipalArn'] = arn;
  ctx['aws:PrincipalType'] = type;
  ctx['aws:PrincipalIsAWSService'] = 'false';
  if (account) {
    ctx['aws:PrincipalAccount'] = account;
    if (service === 'kms') ctx['kms:CallerAccount'] = account;
  }
  return ctx;
}

function mergeContext(req: SimRequest): Record<string, string | string[]> {
  const merged: Record<string, string | string[] | undefined> = { ...defaultContext(req.principal, req.action), ...req.context };
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, string | string[]] => e[1] !== undefined));
}

const asPolicy = (p: unknown): any => (typeof p === 'string' ? JSON.parse(p) : p);

const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** Build the iam-simulate input for a request. */
export function toSimulation(req: SimRequest, context = mergeContext(req)): Simulation {
  const identity = (req.identityPolicies ?? []).map((p, i) => ({ name: `identity-${i}`, policy: asPolicy(p) }));
  if (ROOT_ARN.test(req.principal)) identity.push({ name: 'implicit-root-user-permissions', policy: ALLOW_ALL });
  return {
    request: {
      principal: req.principal,
      action: req.action,
      resource: { resource: req.resource, accountId: req.resourceAccount ?? arnAccount(req.resource) ?? DEFAULT_ACCOUNT },
      contextVariables: context,
    },
    identityPolicies: identity,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: req.resourcePolicy === undefined || req.resourcePolicy === null ? undefined : asPolicy(req.resourcePolicy),
  };
}

/**
 * Ignored keys that the action does support through a `prefix:${Var}` key pattern
 * (e.g. `kms:EncryptionContext:aws:s3:arn`), which iam-simulate fails to match.
 */
async function wronglyIgnoredKeys(req: SimRequest, ignored: string[]): Promise<string[]> {
  if (ignored.length === 0) return [];
  const [service, action] = req.action.split(':');
  const allowed = await allowedContextKeysForRequest(service, action, req.resource, false, undefined);
  const patterns = allowed.filter((k) => k.includes('${')).map((k) => {
    const [prefix] = k.split('${');
    return (key: string) => key.toLowerCase().startsWith(prefix) && key.length > prefix.length;
  });
  return ignored.filter((key) => patterns.some((matches) => matches(key)));
}

/** Run the simulation and return the decision plus debugging details. Throws on invalid input. */
export async function simulate(req: SimRequest): Promise<SimResult> {
  const context = mergeContext(req);
  const simulation = toSimulation(req, context);
  const raw = await runSimulation(simulation, {});
  if (raw.resultType === 'error') {
    throw new Error(`iam-simulate rejected the request: ${JSON.stringify(raw.errors, undefined, 2)}`);
  }
  if (raw.resultType === 'wildcard') {
    return { decision: raw.overallResult, context, ignoredContextKeys: [...new Set(raw.results.flatMap((r) => r.ignoredContextKeys ?? []))], raw };
  }
  const ignored = raw.result.ignoredContextKeys ?? [];
  const recover = await wronglyIgnoredKeys(req, ignored);
  if (recover.length === 0) return { decision: raw.overallResult, context, ignoredContextKeys: ignored, raw };
  // Input is validated by now; re-run without the context-key filter, dropping only the
  // keys that genuinely do not apply.
  const dropped = ignored.filter((k) => !recover.includes(k));
  const kept = Object.fromEntries(Object.entries(context).filter(([k]) => !dropped.includes(k)));
  const unsafe = toSimulation(req, kept);
  if (unsafe.resourcePolicy) {
    // runUnsafeSimulation loads the resource policy without metadata and then reads its
    // name; a pre-validated policy object (iam-policy's ValidatedPolicy shape) carries one.
    unsafe.resourcePolicy = { __validated: true, policyDocument: unsafe.resourcePolicy, metadata: { name: 'resource-policy' }, errors: [] };
  }
  const decision = runUnsafeSimulation(unsafe, {});
  return { decision, context, ignoredContextKeys: dropped, raw };
}

/** 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied' for the request. */
export async function evaluate(req: SimRequest): Promise<Decision> {
  return (await simulate(req)).decision;
}

/** True iff the request is allowed. */
export async function isAllowed(req: SimRequest): Promise<boolean> {
  return (await evaluate(req)) === 'Allowed';
}

// ---------------------------------------------------------------------------
// Encryption-context conditions, evaluated here
// ---------------------------------------------------------------------------

/** The encryption-context key S3 sends KMS for every object: the object's (or, with a bucket key, the bucket's) ARN. */
export const S3_ARN_CONTEXT_KEY = 'kms:EncryptionContext:aws:s3:arn';

/** Where a key's encryption-context condition keys start (`kms:EncryptionContext:aws:s3:arn`). */
const ENCRYPTION_CONTEXT = 'kms:encryptioncontext:';

/** String operators on the encryption context, as IAM evaluates them (undefined: the request has no such value). */
const CONTEXT_OPERATORS: Record<string, (patterns: string[], value: string | undefined) => boolean> = {
  StringEquals: (patterns, value) => value !== undefined && patterns.includes(value),
  StringLike: (patterns, value) => value !== undefined && patterns.some((p) => globMatches(p, value)),
  StringNotEquals: (patterns, value) => value === undefined || !patterns.includes(value),
  StringNotLike: (patterns, value) => value === undefined || !patterns.some((p) => globMatches(p, value)),
};

/**
 * A policy with its `kms:EncryptionContext:<key>` conditions decided here, for a request
 * that carries `encryptionContext`: iam-simulate does not match these keys (see
 * s3-kms-facts.md, "Tooling limits"). A statement whose encryption-context conditions
 * hold is kept without them, for the simulator to decide the rest (conditions are
 * ANDed); one whose conditions fail cannot apply, and is left out. An operator not in
 * CONTEXT_OPERATORS throws, rather than guess.
 */
export function resolveEncryptionContext(policy: unknown, encryptionContext: Readonly<Record<string, string>>): any {
  const document = asPolicy(policy);
  const statements = [document.Statement].flat().flatMap((statement: any) => {
    const kept: Record<string, Record<string, unknown>> = {};
    let holds = true;
    for (const [operator, keys] of Object.entries<Record<string, unknown>>(statement.Condition ?? {})) {
      for (const [key, values] of Object.entries(keys)) {
        if (!key.toLowerCase().startsWith(ENCRYPTION_CONTEXT)) {
          kept[operator] = { ...kept[operator], [key]: values };
          continue;
        }
        const operatorHolds = CONTEXT_OPERATORS[operator];
        if (!operatorHolds) throw new Error(`resolveEncryptionContext does not evaluate ${operator} on an encryption-context key (${key})`);
        holds &&= operatorHolds([values].flat() as string[], contextValue(encryptionContext, key.slice(ENCRYPTION_CONTEXT.length)));
      }
    }
    if (!holds) return [];
    const { Condition: _condition, ...rest } = statement;
    return [Object.keys(kept).length > 0 ? { ...rest, Condition: kept } : rest];
  });
  return { ...document, Statement: statements };
}

/** The request's value for one encryption-context key (KMS matches the key case-insensitively). */
function contextValue(encryptionContext: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.entries(encryptionContext).find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
}

/** resolveEncryptionContext for a request S3 makes with `aws:s3:arn = s3Arn` (undefined: no context). */
export function withEncryptionContext(policy: unknown, s3Arn: string | undefined): any {
  return resolveEncryptionContext(policy, s3Arn === undefined ? {} : { 'aws:s3:arn': s3Arn });
}

/**
 * Evaluates a KMS request that S3 makes with encryption context `aws:s3:arn = s3Arn`:
 * the encryption-context conditions are decided by `withEncryptionContext`, the rest by
 * the simulator, which must report no ignored context keys (or the decision would rest
 * on a condition it skipped).
 */
export async function evaluateWithS3Context(req: SimRequest, s3Arn: string | undefined): Promise<Decision> {
  const result = await simulate({
    ...req,
    identityPolicies: (req.identityPolicies ?? []).map((p) => withEncryptionContext(p, s3Arn)),
    resourcePolicy: req.resourcePolicy === undefined ? undefined : withEncryptionContext(req.resourcePolicy, s3Arn),
  });
  if (result.ignoredContextKeys.length > 0) {
    throw new Error(`the simulator ignored context keys ${result.ignoredContextKeys.join(', ')} for ${req.action}`);
  }
  return result.decision;
}
