import { createHash } from 'crypto';
import type { DataAwsIamGroup } from '@cdktf/provider-aws/lib/data-aws-iam-group';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { DataAwsIamUser } from '@cdktf/provider-aws/lib/data-aws-iam-user';
import type { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicy } from '@cdktf/provider-aws/lib/iam-group-policy';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserPolicy } from '@cdktf/provider-aws/lib/iam-user-policy';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { globMatches, grantPrincipalKind } from './iam';
import { KEY_MANAGEMENT_ACTIONS } from './perms';
import { PolicyStatementJson, renderPolicy } from './policy-document';
import { PropValidator } from './validation';

// For the constructs' signatures, which spell the union out: one import there.
export type { DataAwsIamGroup, DataAwsIamRole, DataAwsIamUser, IamGroup, IamRole, IamUser };

/**
 * An IAM identity that grants attach an inline policy to: a role, user or group, one the
 * stack creates or one it reads. Public signatures spell this union out (jsii exports no
 * type aliases).
 */
export type GrantIdentity = IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup;

/**
 * Attaches an inline policy to `identity`, of its kind (`aws_iam_role_policy`,
 * `aws_iam_user_policy` or `aws_iam_group_policy`), as a child of `scope` named after the
 * grant and the identity. Granting the same thing to the same identity again returns that
 * policy: the identity already has what it asks for.
 */
export function attachIdentityPolicy(
  scope: Construct,
  grant: string,
  identity: GrantIdentity,
  statements: PolicyStatementJson[],
): TerraformResource {
  const id = `${grant}${identity.node.addr.slice(0, 12)}`;
  const existing = scope.node.tryFindChild(id);
  if (existing) return existing as TerraformResource;
  // IAM is global, but the identity belongs to its provider's account.
  const common = { provider: identity.provider, namePrefix: `${grant}-`, policy: renderPolicy(statements) };
  // By the Terraform type, not instanceof: a resource and its data source share it, and
  // an app may load another copy of the provider bindings.
  const type = identity.terraformResourceType;
  switch (type) {
    case 'aws_iam_role':
      return new IamRolePolicy(scope, id, { ...common, role: (identity as IamRole | DataAwsIamRole).name });
    case 'aws_iam_user':
      return new IamUserPolicy(scope, id, { ...common, user: 'userName' in identity ? identity.userName : (identity as IamUser).name });
    case 'aws_iam_group':
      return new IamGroupPolicy(scope, id, { ...common, group: 'groupName' in identity ? identity.groupName : (identity as IamGroup).name });
    default:
      throw new Error(`${scope.node.path}: ${grant} grants to an IAM role, user or group (aws_iam_role, aws_iam_user, aws_iam_group), not ${type}`);
  }
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
