import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { TerraformProvider } from 'cdktf';
import type { BucketEncryption, EncryptionEnforcement } from './bucket-options';
import type { IReplicationDestination } from './replication-rule';

/**
 * An `EncryptedBucket`, as other buckets see it: as a target of their server access
 * logs, or as a destination of their replication.
 */
export interface IEncryptedBucket extends IReplicationDestination {
  /** The bucket's name. */
  readonly bucketName: string;
  /** The bucket's default encryption. */
  readonly encryption: BucketEncryption;
  /** How the bucket policy checks uploads' encryption headers. */
  readonly encryptionEnforcement: EncryptionEnforcement;
  /** Whether objects may only be encrypted with this bucket's key. */
  readonly pinEncryptionKey: boolean;
  /** Whether versioning is enabled. */
  readonly versioned: boolean;
  /** Whether S3 Object Lock is on. */
  readonly objectLockEnabled: boolean;
  /** The provider the bucket is created with (undefined: the stack's default). */
  readonly provider?: TerraformProvider;
  /** The underlying `aws_s3_bucket`. */
  readonly s3Bucket: S3Bucket;
  /** The underlying versioning configuration (undefined when versioning is off). */
  readonly versioning?: S3BucketVersioningA;
  /** The underlying bucket policy. */
  readonly bucketPolicy: S3BucketPolicy;

  /**
   * Adds a statement to the bucket policy.
   *
   * @param statement the statement, in the `aws_iam_policy_document` statement shape
   */
  addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void;

  /**
   * Lets S3 server access logging deliver logs for `sourceBucketArn` into this bucket,
   * under `prefix`.
   *
   * @param sourceBucketArn the ARN of the bucket whose access logs are delivered
   * @param prefix the key prefix the logs are written under
   * @param sourceAccountId the account that owns the source bucket (default: this
   * bucket's account)
   */
  allowServerAccessLogsFrom(sourceBucketArn: string, prefix: string, sourceAccountId?: string): void;
}
