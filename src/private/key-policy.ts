import { PolicyStatementJson } from './policy-document';

/**
 * What key administrators may do: manage the key's life cycle, policy, aliases,
 * tags and rotation. Listed one by one rather than with the console's `kms:Create*`
 * wildcard, which would include `kms:CreateGrant` and so let an administrator grant
 * themselves use of the key.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CreateAlias',
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
  'kms:UpdatePrimaryRegion',
  'kms:ReplicateKey',
  'kms:RevokeGrant',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:DeleteAlias',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/**
 * What key users may do, and what writing through S3 needs: data keys for uploads,
 * Decrypt because multipart uploads read the data key back, Encrypt and ReEncrypt as
 * AWS's key-user set has them.
 */
export const KEY_USER_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];

/** Grant management that AWS services (S3 among them) use on a key user's behalf. */
const KEY_USER_GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'];

/** The Sids of the statements this module writes; user statements may not reuse them. */
export const KEY_POLICY_SIDS = {
  iamPolicies: 'EnableIamPolicies',
  administration: 'AllowKeyAdministration',
  use: 'AllowKeyUse',
  grants: 'AllowGrantsForAwsResources',
};

export interface KeyPolicySettings {
  /** The account root principal; present when IAM policies may grant use of the key. */
  readonly accountRootArn?: string;
  readonly administratorArns: string[];
  readonly userArns: string[];
  /** `kms:ViaService` value that key users are restricted to, if any. */
  readonly userViaService?: string;
  readonly additionalStatements: PolicyStatementJson[];
}

/** The key policy's statements, in the order a reader expects: root, admins, users, extras. */
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
  return [...statements, ...settings.additionalStatements];
}
