import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Fn, Token } from 'cdktf';
import { normalizePolicyVariables, isPublicAllow } from './iam';

/** One statement as IAM reads it (the JSON shape, not the provider's block shape). */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Record<string, string[]>;
  readonly NotPrincipal?: Record<string, string[]>;
  readonly Action?: string[];
  readonly NotAction?: string[];
  readonly Resource?: string[];
  readonly NotResource?: string[];
  readonly Condition?: Record<string, Record<string, string[]>>;
}

/**
 * Renders a policy document as JSON text in which Terraform fills in references such
 * as a key ARN (`"${aws_kms_key.k.arn}"`), so plans show the real document. Literal
 * `${` (IAM policy variables) and `%{` are escaped for Terraform.
 *
 * JSON text costs cdktf a fraction of what `Fn.jsonencode` does (one string to resolve,
 * not an expression tree). A list token (`Token.asList`) cannot be spliced into JSON
 * text, so a document holding one is rendered with `jsonencode` instead.
 */
export function renderPolicy(statements: PolicyStatementJson[]): string {
  const document = { Version: '2012-10-17', Statement: statements };
  if (stringsIn(statements).some((value) => value.includes(LIST_TOKEN))) return Fn.jsonencode(document);
  return JSON.stringify(document).replace(/\$\{(?!TfToken\[)/g, '$$$${').replace(/%\{/g, '%%{');
}

/** How cdktf spells a list token inside a string array. */
const LIST_TOKEN = '#{TfToken[';

/** Which resource policy a statement is for: S3 and KMS require different elements. */
export type PolicyKind = 'bucket' | 'key';

/**
 * Converts a statement in the provider's `aws_iam_policy_document` block shape, which
 * cdktf users already write, into policy JSON. `fail` reports a bad field.
 *
 * Refuses what S3 or KMS would reject at apply (no principal; no action; a bucket
 * statement without resources) and what would make the resource public. A key-policy
 * statement without resources gets `*`, the only resource a key policy can name
 * besides the key's own ARN. Policy variables, written `${aws:username}`,
 * `$${aws:username}` or `&{aws:username}` (as in `aws_iam_policy_document`), all render
 * as `${aws:username}`.
 */
export function toPolicyJson(
  statement: DataAwsIamPolicyDocumentStatement,
  fail: (requirement: string, value?: unknown) => never,
  kind: PolicyKind = 'bucket',
): PolicyStatementJson {
  const effect = (statement.effect ?? 'Allow') as PolicyStatementJson['Effect'];
  if (!Token.isUnresolved(effect) && effect !== 'Allow' && effect !== 'Deny') {
    fail('effect must be "Allow" or "Deny"', effect);
  }
  const lists = {
    principals: statement.principals,
    notPrincipals: statement.notPrincipals,
    actions: statement.actions,
    notActions: statement.notActions,
    resources: statement.resources,
    notResources: statement.notResources,
  };
  const noIdentifiers = (item: unknown) => {
    const identifiers = (item as { identifiers?: unknown } | undefined)?.identifiers;
    return Array.isArray(identifiers) && identifiers.length === 0;
  };
  const empty = Object.entries(lists).find(([, list]) => Array.isArray(list) && (list.length === 0 || (list as unknown[]).some(noIdentifiers)));
  if (empty) fail(`must not give ${empty[0]} as an empty list (or a principal without identifiers): IAM rejects it at apply`);
  if (statement.principals === undefined && statement.notPrincipals === undefined) {
    fail(`must name principals (or notPrincipals): ${kind === 'bucket' ? 'S3 rejects a bucket' : 'KMS rejects a key'} policy statement without a Principal`);
  }
  if (statement.actions === undefined && statement.notActions === undefined) {
    fail('must name actions (or notActions): IAM rejects a statement without an Action');
  }
  const noResources = statement.resources === undefined && statement.notResources === undefined;
  if (noResources && kind === 'bucket') {
    fail('must name resources (or notResources), such as the bucket ARN or "<bucket ARN>/*": S3 rejects a bucket policy statement without a Resource');
  }
  const json: PolicyStatementJson = withPolicyVariables({
    Sid: statement.sid,
    Effect: effect,
    Principal: principalJson(statement.principals, 'principals', fail),
    NotPrincipal: principalJson(statement.notPrincipals, 'notPrincipals', fail) as Record<string, string[]> | undefined,
    Action: statement.actions,
    NotAction: statement.notActions,
    Resource: noResources ? ['*'] : statement.resources,
    NotResource: statement.notResources,
    Condition: conditionJson(statement.condition, fail),
  });
  const values = stringsIn(json);
  if (isPublicAllow({ effect: json.Effect, principal: json.Principal, notPrincipal: json.NotPrincipal !== undefined, condition: json.Condition })) {
    fail(PUBLIC_ALLOW);
  }
  const unrenderable = values.find((value) => UNRENDERABLE.test(value));
  if (unrenderable !== undefined) {
    fail('must not contain \'"\', \'\\\' or \'%{\' in any value: Terraform\'s jsonencode would change their meaning', unrenderable);
  }
  return withoutUndefined(json);
}

/** The statement with every policy variable spelled as `Fn.jsonencode` needs it. */
function withPolicyVariables<T>(value: T): T {
  if (typeof value === 'string') return normalizePolicyVariables(value) as T;
  if (Array.isArray(value)) return value.map(withPolicyVariables) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [normalizePolicyVariables(k), withPolicyVariables(v)])) as T;
  }
  return value;
}

/** What an Allow to everyone must have, for the error that refuses it. */
export const PUBLIC_ALLOW = 'must not Allow the "*" principal (or use NotPrincipal) unless a condition limits the caller\'s account, organization or source, such as aws:PrincipalOrgID or kms:CallerAccount with a value that has no wildcard in the account or organization: that makes the resource public';

/**
 * Characters that cdktf writes into the `jsonencode(...)` expression without escaping,
 * so Terraform would read them as syntax (quotes, escapes, template directives).
 */
const UNRENDERABLE = /["\\]|%\{/;

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

type Fail = (requirement: string, value?: unknown) => never;

function principalJson(
  principals: DataAwsIamPolicyDocumentStatement['principals'],
  field: string,
  fail: Fail,
): PolicyStatementJson['Principal'] {
  if (principals === undefined) return undefined;
  if (Token.isUnresolved(principals) || !Array.isArray(principals)) {
    return fail(`${field} must be a list of { type, identifiers }, not a token`);
  }
  if (principals.length === 1 && principals[0].type === '*' && principals[0].identifiers.join() === '*') {
    return '*';
  }
  const merged: Record<string, string[]> = {};
  for (const { type, identifiers } of principals) {
    // IAM writes everyone as "*" or { "AWS": "*" }; beside other types only the second is valid.
    const key = type === '*' ? 'AWS' : type;
    merged[key] = [...(merged[key] ?? []), ...identifiers];
  }
  return merged;
}

function conditionJson(
  conditions: DataAwsIamPolicyDocumentStatement['condition'],
  fail: Fail,
): PolicyStatementJson['Condition'] {
  if (conditions === undefined) return undefined;
  if (Token.isUnresolved(conditions) || !Array.isArray(conditions)) {
    return fail('condition must be a list of { test, variable, values }, not a token');
  }
  const merged: Record<string, Record<string, string[]>> = {};
  for (const { test, variable, values } of conditions) {
    merged[test] = { ...merged[test], [variable]: [...(merged[test]?.[variable] ?? []), ...values] };
  }
  return merged;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
