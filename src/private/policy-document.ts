import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Fn, Token } from 'cdktf';

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
 * Renders a policy document with Terraform's `jsonencode`, so references such as a
 * key ARN are filled in by Terraform itself (and plans show the real document).
 */
export function renderPolicy(statements: PolicyStatementJson[]): string {
  return Fn.jsonencode({ Version: '2012-10-17', Statement: statements });
}

/**
 * Converts a statement in the provider's `aws_iam_policy_document` block shape, which
 * cdktf users already write, into policy JSON. `fail` reports a bad field.
 */
export function toPolicyJson(
  statement: DataAwsIamPolicyDocumentStatement,
  fail: (requirement: string, value?: unknown) => never,
): PolicyStatementJson {
  const effect = (statement.effect ?? 'Allow') as PolicyStatementJson['Effect'];
  if (!Token.isUnresolved(effect) && effect !== 'Allow' && effect !== 'Deny') {
    fail('effect must be "Allow" or "Deny"', effect);
  }
  const json: PolicyStatementJson = {
    Sid: statement.sid,
    Effect: effect,
    Principal: principalJson(statement.principals, 'principals', fail),
    NotPrincipal: principalJson(statement.notPrincipals, 'notPrincipals', fail) as Record<string, string[]> | undefined,
    Action: statement.actions,
    NotAction: statement.notActions,
    Resource: statement.resources,
    NotResource: statement.notResources,
    Condition: conditionJson(statement.condition, fail),
  };
  if (isPublicAllow(json)) {
    fail('must not Allow the "*" principal (or use NotPrincipal) unless a condition limits the caller\'s account, organization or source, such as aws:PrincipalOrgID or kms:CallerAccount: that makes the resource public');
  }
  const unrenderable = stringsIn(json).find((value) => UNRENDERABLE.test(value));
  if (unrenderable !== undefined) {
    fail('must not contain \'"\', \'\\\' or \'%{\' in any value: Terraform\'s jsonencode would change their meaning', unrenderable);
  }
  return withoutUndefined(json);
}

/**
 * Characters that cdktf writes into the `jsonencode(...)` expression without escaping,
 * so Terraform would read them as syntax (quotes, escapes, template directives).
 */
const UNRENDERABLE = /["\\]|%\{/;

/** Sids that occur more than once: IAM requires them to be unique within a policy. */
export function duplicateSids(statements: PolicyStatementJson[]): string[] {
  const sids = statements.map((statement) => statement.Sid).filter((sid): sid is string => sid !== undefined);
  return [...new Set(sids.filter((sid, i) => sids.indexOf(sid) !== i))];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * True for an Allow to everyone: a `*` principal, or a `NotPrincipal` (everyone but the
 * principals it lists), that no condition limits to known callers.
 */
export function isPublicAllow(statement: PolicyStatementJson): boolean {
  if (statement.Effect !== 'Allow') return false;
  const principal = statement.Principal;
  const everyone = principal === '*' || (principal?.AWS ?? []).includes('*') || statement.NotPrincipal !== undefined;
  return everyone && !limitsCaller(statement.Condition);
}

/**
 * Condition keys that tie a request to an account, organization, principal or source.
 * Other conditions (TLS, a service, a time) still let anyone in.
 */
const CALLER_KEYS = [
  'aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn',
  'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:sourcevpc', 'aws:sourcevpce', 'kms:calleraccount',
];
const POSITIVE_OPERATOR = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/;

/** Whether a condition limits the caller with a positive test on a caller key, without `*`. */
export function limitsCaller(condition: Record<string, Record<string, string[]>> | undefined): boolean {
  return Object.entries(condition ?? {}).some(([operator, keys]) =>
    POSITIVE_OPERATOR.test(operator) && Object.entries(keys).some(([key, values]) =>
      CALLER_KEYS.includes(key.toLowerCase()) && values.length > 0 && !values.includes('*')));
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
    merged[type] = [...(merged[type] ?? []), ...identifiers];
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
