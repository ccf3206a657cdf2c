import { KEY_ADMIN_ACTIONS, KEY_USER_ACTIONS, KEY_USER_GRANT_ACTIONS } from './perms';
import { PolicyStatementJson } from './policy-document';

/** The Sids of the statements this module writes; user statements may not reuse them. */
export const KEY_POLICY_SIDS = {
  iamPolicies: 'EnableIamPolicies',
  administration: 'AllowKeyAdministration',
  use: 'AllowKeyUse',
  grants: 'AllowGrantsForAwsResources',
  keepKey: 'DenyKeyDeletion',
};

export interface KeyPolicySettings {
  /** The account root principal; present when IAM policies may grant use of the key. */
  readonly accountRootArn?: string;
  readonly administratorArns: string[];
  readonly userArns: string[];
  /** `kms:ViaService` value that key users are restricted to, if any. */
  readonly userViaService?: string;
  /**
   * Whether nobody may schedule the key's deletion. Terraform's `prevent_destroy` stops
   * `destroy` and replacement, but not a plan whose configuration no longer has the key
   * (a renamed construct, a bucket given another key): this stops those at apply.
   */
  readonly denyDeletion: boolean;
}

/** The key policy's own statements, in the order a reader expects: root, admins, users. */
export function keyPolicyStatements(settings: KeyPolicySettings): PolicyStatementJson[] {
  const statements: PolicyStatementJson[] = [];
  const { accountRootArn, administratorArns, userArns, userViaService } = settings;

  if (accountRootArn) {
    statements.push({
      Sid: KEY_POLICY_SIDS.iamPolicies,
      Effect: 'Allow',
      Principal: { AWS: [accountRootArn] },
      Action: ['kms:*'],
      Resource: ['*'],
    });
  }
  if (administratorArns.length > 0) {
    statements.push({
      Sid: KEY_POLICY_SIDS.administration,
      Effect: 'Allow',
      Principal: { AWS: administratorArns },
      Action: KEY_ADMIN_ACTIONS,
      Resource: ['*'],
    });
  }
  if (userArns.length > 0) {
    const viaService = userViaService ? { StringEquals: { 'kms:ViaService': [userViaService] } } : undefined;
    statements.push({
      Sid: KEY_POLICY_SIDS.use,
      Effect: 'Allow',
      Principal: { AWS: userArns },
      Action: KEY_USER_ACTIONS,
      Resource: ['*'],
      ...(viaService && { Condition: viaService }),
    });
    statements.push({
      Sid: KEY_POLICY_SIDS.grants,
      Effect: 'Allow',
      Principal: { AWS: userArns },
      Action: KEY_USER_GRANT_ACTIONS,
      Resource: ['*'],
      Condition: {
        Bool: { 'kms:GrantIsForAWSResource': ['true'] },
        ...viaService,
      },
    });
  }
  if (settings.denyDeletion) {
    statements.push({
      Sid: KEY_POLICY_SIDS.keepKey,
      Effect: 'Deny',
      Principal: '*',
      Action: ['kms:ScheduleKeyDeletion'],
      Resource: ['*'],
    });
  }
  return statements;
}
