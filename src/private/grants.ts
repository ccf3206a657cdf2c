import { createHash } from 'crypto';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { globMatches, grantPrincipalKind } from './iam';
import { KEY_MANAGEMENT_ACTIONS } from './perms';
import { PolicyStatementJson, renderPolicy } from './policy-document';
import { PropValidator } from './validation';

/** A role that grants attach an inline policy to: one the stack creates, or one it reads. */
export type GrantRole = IamRole | DataAwsIamRole;

/**
 * Attaches an inline policy to `role`, as a child of `scope` named after the grant and
 * the role. Granting the same thing to the same role again returns that policy: the
 * role already has what it asks for.
 */
export function attachRolePolicy(
  scope: Construct,
  grant: string,
  role: GrantRole,
  statements: PolicyStatementJson[],
): IamRolePolicy {
  const id = `${grant}${role.node.addr.slice(0, 12)}`;
  const existing = scope.node.tryFindChild(id);
  if (existing) return existing as IamRolePolicy;
  return new IamRolePolicy(scope, id, {
    // IAM is global, but the role belongs to its provider's account.
    provider: role.provider,
    role: role.name,
    namePrefix: `${grant}-`,
    policy: renderPolicy(statements),
  });
}

/** Allows `actions` on one key: what every key grant attaches. */
export function keyStatement(keyArn: string, actions: string[]): PolicyStatementJson {
  return { Effect: 'Allow', Action: actions, Resource: [keyArn] };
}

/** A short, stable name for a set of actions, so different grants get different policies. */
export function actionsDigest(actions: string[]): string {
  return createHash('sha256').update([...actions].sort().join(',')).digest('hex').slice(0, 8);
}

/** The first management action that one of `actions` (IAM patterns) would allow, if any. */
export function managementActionIn(actions: string[]): string | undefined {
  return actions.find((action) => KEY_MANAGEMENT_ACTIONS.some((managed) => globMatches(action.toLowerCase(), managed.toLowerCase())));
}

/**
 * A Sid for a grant to a principal, from what the grant names: the same grant again
 * gets the same Sid (and statement), another grant another one.
 */
export function grantSid(prefix: string, ...parts: string[]): string {
  return `${prefix}${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12)}`;
}

const PRINCIPAL_FORMS = 'an account id (123456789012), an account root ARN (arn:aws:iam::123456789012:root) or a role ARN (arn:aws:iam::123456789012:role/Name)';

/**
 * The principal that a grant to `value` names in a resource policy: an account (an id
 * becomes its root ARN, in `partition`) or a role. Anything else fails, for `method`.
 */
export function grantPrincipalArn(v: PropValidator, method: string, value: string, partition: () => string): string {
  switch (grantPrincipalKind(value)) {
    case 'accountId':
      return `arn:${partition()}:iam::${value}:root`;
    case 'accountRoot':
    case 'role':
    case 'reference':
      return value;
    case 'public':
      return v.fail('principalArn', `of ${method} must not be "*" or hold a wildcard: "*" is everyone and would make the bucket public, and IAM takes no other wildcard in a principal; name ${PRINCIPAL_FORMS}`, value);
    case 'other':
      return v.fail('principalArn', `of ${method} must be ${PRINCIPAL_FORMS}; IAM users, role sessions, groups and services are refused: grant a role, or write the statement with addToResourcePolicy`, value);
  }
}
