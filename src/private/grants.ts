import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { PolicyStatementJson, renderPolicy } from './policy-document';

/**
 * Attaches an inline policy to `role`, as a child of `scope` named after the grant and
 * the role, so granting the same thing twice is reported by constructs as a duplicate.
 */
export function attachRolePolicy(
  scope: Construct,
  grant: string,
  role: IamRole,
  statements: PolicyStatementJson[],
): IamRolePolicy {
  return new IamRolePolicy(scope, `${grant}${role.node.addr.slice(0, 12)}`, {
    role: role.name,
    namePrefix: `${grant}-`,
    policy: renderPolicy(statements),
  });
}
