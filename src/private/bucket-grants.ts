import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Annotations } from 'cdktf';
import { bucketArnPatterns } from './bucket-name';
import { principalGrantStatement } from './bucket-policy';
import { attachRolePolicy, grantPrincipalArn, grantSid, keyStatement } from './grants';
import { isManagedKey } from './managed-key';
import { BUCKET_READ_ACTIONS, BUCKET_WRITE_ACTIONS, KEY_USER_ACTIONS, KMS_READ_ACTIONS, KMS_VIA_S3_ACTIONS } from './perms';
import type { PolicyBuilder } from './policy-builder';
import { PolicyStatementJson } from './policy-document';
import { StackContext } from './stack-context';
import { PropValidator } from './validation';
import type { IEncryptedBucket } from '../bucket-interface';

/** What each bucket grant allows: S3 actions on the bucket and its objects, KMS actions on its key. */
const GRANTS = {
  Read: { s3: BUCKET_READ_ACTIONS, kms: KMS_READ_ACTIONS },
  Write: { s3: BUCKET_WRITE_ACTIONS, kms: KEY_USER_ACTIONS },
  ReadWrite: { s3: [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS], kms: KEY_USER_ACTIONS },
};

/** A bucket grant: `Read`, `Write` or `ReadWrite`. */
export type BucketGrant = keyof typeof GRANTS;

/** The bucket a grant is on, with what only the bucket itself holds. */
export interface GrantingBucket {
  readonly bucket: IEncryptedBucket;
  readonly validator: PropValidator;
  readonly policy: PolicyBuilder;
}

/** `grant<Grant>(role)`: an inline policy on the role for the bucket, its objects and its key. */
export function grantToRole(on: GrantingBucket, grant: BucketGrant, role: IamRole | DataAwsIamRole): IamRolePolicy {
  const { bucket } = on;
  const key = bucket.encryptionKey;
  if (isManagedKey(key) && !key.iamPoliciesEnabled) {
    on.validator.fail(
      'encryptionKey',
      `must have enableIamPolicies true for grant${grant}, which works through an IAM policy; name the role in the key's keyUserArns instead`,
      key.node.path,
    );
  }
  const statements: PolicyStatementJson[] = [
    { Effect: 'Allow', Action: GRANTS[grant].s3, Resource: [bucket.bucketArn, `${bucket.bucketArn}/*`] },
  ];
  if (key) statements.push(keyStatement(key.keyArn, GRANTS[grant].kms));
  return attachRolePolicy(bucket, grant, role, statements);
}

/**
 * `grant<Grant>ToPrincipal(value)`: names the principal in the bucket policy and, for a
 * `ManagedCmk`, in the key policy: resource policies are what another account's
 * principals need.
 */
export function grantToPrincipal(on: GrantingBucket, grant: BucketGrant, value: string): void {
  const { bucket } = on;
  const method = `grant${grant}ToPrincipal`;
  const context = StackContext.of(bucket, bucket.provider);
  const principal = grantPrincipalArn(on.validator, method, value, () => context.partition);
  const statement = principalGrantStatement(grantSid(`Grant${grant}To`, principal), bucket.bucketArn, principal, GRANTS[grant].s3);
  const added = on.policy.addOnce(statement, method);
  const key = bucket.encryptionKey;
  // DescribeKey carries no encryption context: a key policy limited to one bucket cannot allow it.
  const viaS3 = GRANTS[grant].kms.filter((action) => KMS_VIA_S3_ACTIONS.includes(action));
  if (isManagedKey(key)) {
    // Not the bucket's ARN: the bucket depends on its key (destroy order), so a key policy
    // that read the bucket would make a cycle. A name Terraform picks stays unknown.
    const patterns = bucketArnPatterns(context.partition, bucket.s3Bucket.bucketInput, bucket.s3Bucket.bucketPrefixInput);
    key._grantViaS3(grant, principal, bucket.node.path, viaS3, patterns);
  } else if (key && added) {
    Annotations.of(bucket).addWarning(
      `${method}(${value}): the bucket's key ${key.keyArn} was imported, so its key policy is not managed here. ` +
      `Until the key's owner allows this principal ${viaS3.join(', ')} on it, limited to kms:ViaService s3.<region>.amazonaws.com, ` +
      'requests that need the key are denied (README, "Cross-account access").',
    );
  }
}
