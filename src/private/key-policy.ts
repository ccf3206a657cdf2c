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

/** A principal's use of the key for one bucket's objects, through S3 only. */
export interface ViaS3Grant {
  readonly sid: string;
  /** An account or a role, in this account or another. */
  readonly principalArn: string;
  readonly actions: string[];
  /** `s3.<region>.<DNS suffix>`: S3 in the key's region. */
  readonly viaService: string;
  /** The encryption context S3 sends for the bucket's objects (see `bucketArnPatterns`), if known. */
  readonly bucketArnPatterns?: string[];
}

/**
 * Lets a principal use the key only in requests S3 makes for it (`kms:ViaService`) and,
 * where the bucket's name is known, only for that bucket's objects (S3 sends the
 * object's ARN as encryption context, or the bucket's with an S3 Bucket Key).
 */
export function viaS3GrantStatement(grant: ViaS3Grant): PolicyStatementJson {
  const patterns = grant.bucketArnPatterns;
  return {
    Sid: grant.sid,
    Effect: 'Allow',
    Principal: { AWS: [grant.principalArn] },
    Action: grant.actions,
    Resource: ['*'],
    Condition: {
      StringEquals: { 'kms:ViaService': [grant.viaService] },
      ...(patterns && { StringLike: { [S3_ENCRYPTION_CONTEXT]: patterns } }),
    },
  };
}

/** The encryption context key S3 sets on every KMS request it makes for an object. */
export const S3_ENCRYPTION_CONTEXT = 'kms:EncryptionContext:aws:s3:arn';
