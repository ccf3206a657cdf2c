import { Token } from 'cdktf';

/**
 * What IAM policy text means, in the one place the construct guards and the compliance
 * rules read it: who "everyone" is, which conditions limit the caller, how wildcards
 * match, and which values are literals, references or policy variables.
 *
 * Values come in two spellings. The constructs see cdktf tokens (`${TfToken[...]}`) and
 * the compliance rules see Terraform references (`${aws_kms_key.k.arn}`); both are
 * references, known only at apply. An IAM policy variable (`${aws:username}`) is none:
 * the constructs get it as `${aws:username}`, `$${aws:username}` (Terraform's escape) or
 * `&{aws:username}` (the `aws_iam_policy_document` spelling); the compliance rules read
 * it as `$${aws:username}`. Any other `${...}` counts as a policy variable too: it is
 * rendered as text, for IAM to read.
 */

/** Operator to condition key to values, as IAM's JSON has them. */
export type Conditions = Record<string, Record<string, string[]>>;

/** The parts of a statement that decide whether it lets everyone in. */
export interface StatementReach {
  readonly effect: string;
  /** `"*"`, or principal type to identifiers (a `"*"` type counts as everyone too). */
  readonly principal?: '*' | Record<string, string[]>;
  /** Whether the statement uses NotPrincipal, which reaches everyone it does not name. */
  readonly notPrincipal: boolean;
  readonly condition?: Conditions;
}

/** True for a principal that includes everyone: `"*"`, `{ "*": [...] }` or `{ "AWS": [..., "*"] }`. */
export function isPublicPrincipal(principal: StatementReach['principal']): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  return principal['*'] !== undefined || (principal.AWS ?? []).includes('*');
}

/**
 * True for an Allow to everyone: a public principal, or NotPrincipal, that no condition
 * limits to known callers.
 */
export function isPublicAllow(statement: StatementReach): boolean {
  // Only a literal Deny is safe: an effect known only at apply may be Allow.
  if (statement.effect === 'Deny') return false;
  const everyone = isPublicPrincipal(statement.principal) || statement.notPrincipal;
  return everyone && !limitsCaller(statement.condition);
}

/** How each caller key's values must look to name one account, organization, VPC or source. */
type ValueShape = 'id' | 'arn' | 'orgPath';

/**
 * Condition keys that tie a request to an account, organization, principal, network or
 * source. Other conditions (TLS, a service, a time) still let anyone in.
 */
const CALLER_KEYS: Record<string, ValueShape> = {
  'aws:principalaccount': 'id',
  'aws:principalorgid': 'id',
  'aws:principalorgpaths': 'orgPath',
  'aws:principalarn': 'arn',
  'aws:sourceaccount': 'id',
  'aws:sourcearn': 'arn',
  'aws:sourceorgid': 'id',
  'aws:sourceorgpaths': 'orgPath',
  'aws:sourcevpc': 'id',
  'aws:sourcevpce': 'id',
  'kms:calleraccount': 'id',
};

/**
 * Operators that are false when the key is absent and true only for a listed value.
 * `ForAllValues:` is left out (true when the key is absent), and so are `...IfExists`
 * and the negated operators.
 */
const POSITIVE_OPERATOR = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/;

/**
 * Whether a condition limits the caller: a positive operator on a caller key whose
 * values each name one account, organization, principal, network or source. A value
 * limits only when the part that names the account (or organization) is fixed: no
 * wildcard and no policy variable there. References count as fixed: they are one
 * value at apply.
 */
export function limitsCaller(condition: Conditions | undefined): boolean {
  return Object.entries(condition ?? {}).some(([operator, keys]) =>
    POSITIVE_OPERATOR.test(operator) && Object.entries(keys).some(([key, values]) => {
      const shape = CALLER_KEYS[key.toLowerCase()];
      return shape !== undefined && values.length > 0 && values.every((value) => pinsCaller(value, shape));
    }));
}

/** Whether one condition value names one caller (see `limitsCaller`). */
function pinsCaller(value: string, shape: ValueShape): boolean {
  if (isWholeReference(value)) return true;
  const text = withoutReferences(value);
  switch (shape) {
    case 'id':
      return isFixed(text);
    case 'orgPath': {
      // o-<org>/r-<root>/ou-.../: the organization is the first segment.
      const slash = text.indexOf('/');
      return slash > 0 && isFixed(text.slice(0, slash));
    }
    case 'arn': {
      const fields = text.split(':');
      if (fields[0] !== 'arn' || fields.length < 6) return false;
      const account = fields[4];
      // ARNs without an account (S3 buckets) are global names: fixed in full, or nothing.
      if (account === '') return isFixed(text);
      return isFixed(fields.slice(0, 5).join(':')) && (/^\d{12}$/.test(account) || account === REFERENCE);
    }
  }
}

/**
 * A value with no wildcard, no policy variable and nothing else in `${...}` or `&{...}`
 * once references are set aside: such text is rendered literally, for IAM to read.
 */
function isFixed(text: string): boolean {
  return text !== '' && !/[*?]/.test(text) && !hasPolicyVariable(text);
}

/** Stands for a reference once `withoutReferences` has replaced it. */
const REFERENCE = '\u0000ref';
/** `${...}` (not escaped as `$${`) or cdktf's list-token spelling `#{...}`. */
const INTERPOLATION = /(?<!\$)[$#]\{([^}]*)\}/g;
/**
 * What a reference holds: a cdktf token, or a Terraform reference such as
 * `aws_kms_key.k.arn`, `data.aws_caller_identity.c.account_id` or `var.x[0]`. Anything
 * else in `${...}` (`aws:username`, `aws:PrincipalAccount, '0'`) is no reference: it
 * reaches IAM as a policy variable.
 */
const REFERENCE_BODY = /^(?:TfToken\[[^\]]*\]|[A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])+)$/;
/**
 * An IAM policy variable: `${aws:username}`, `${s3:prefix}`, with a default value
 * (`${aws:username, 'none'}`), or the special `${*}`, `${?}`, `${$}`.
 */
const POLICY_VARIABLE_BODY = String.raw`(?:[\w.-]+:[^{}]*|\*|\?|\$)`;

/** The value with each reference replaced by a placeholder (a splat's `[*]` is no wildcard). */
function withoutReferences(value: string): string {
  return value.replace(INTERPOLATION, (match, body: string) => (REFERENCE_BODY.test(body) ? REFERENCE : match));
}

/** A value that is one reference, nothing else. */
function isWholeReference(value: string): boolean {
  return withoutReferences(value) === REFERENCE;
}

/** Whether any part of the value is a reference, known only at apply. */
export function isReference(value: unknown): boolean {
  return typeof value === 'string' ? withoutReferences(value) !== value : Token.isUnresolved(value);
}

/** A value fully known at synth time. */
export function isLiteral(value: unknown): boolean {
  return !isReference(value);
}

/**
 * Whether the value holds something IAM may substitute: a policy variable in any
 * spelling, or any other `${...}` that is no reference (it reaches IAM as text).
 */
export function hasPolicyVariable(value: string): boolean {
  return /[$&]\{/.test(withoutReferences(value));
}

/**
 * The value with each policy variable in one spelling, `${aws:username}`, whichever of
 * `$${aws:username}` (Terraform's escape) or `&{aws:username}` (`aws_iam_policy_document`'s)
 * it was written in. Rendering escapes that spelling for Terraform once.
 */
export function normalizePolicyVariables(value: string): string {
  return value.replace(new RegExp(String.raw`(?:\$\$|&)\{(${POLICY_VARIABLE_BODY})\}`, 'g'), (_match, body: string) => `\${${body}}`);
}

/** IAM's wildcard matching: `*` any run of characters, `?` exactly one; case-sensitive. */
export function globMatches(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}

/** What a principal given to a grant names; `public` and `other` are refused. */
export type GrantPrincipalKind = 'accountId' | 'accountRoot' | 'role' | 'reference' | 'public' | 'other';

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT_ARN = /^arn:aws[a-z-]*:iam::\d{12}:root$/;
// IAM role names are 1-64 characters of A-Za-z0-9+=,.@_-, after an optional path.
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/**
 * Reads a principal given to a grant: an account (its 12-digit id, or its root ARN) or
 * an IAM role, by ARN. `public` for `"*"` or any wildcard: IAM takes no wildcard in a
 * principal but `"*"`, which is everyone. Users, role sessions (which end with the
 * session), groups (never principals) and services are `other`. A value known only at
 * apply is a `reference`.
 */
export function grantPrincipalKind(value: string): GrantPrincipalKind {
  // Checked first: a wildcard beside a reference (`arn:aws:iam::${account}:role/*`) is one too.
  if (/[*?]/.test(withoutReferences(value))) return 'public';
  if (isReference(value)) return 'reference';
  if (ACCOUNT_ID.test(value)) return 'accountId';
  if (ACCOUNT_ROOT_ARN.test(value)) return 'accountRoot';
  if (ROLE_ARN.test(value)) return 'role';
  return 'other';
}
