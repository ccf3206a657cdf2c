import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { TerraformProvider } from 'cdktf';
import type { BucketAdoption } from './adoption-options';
import type { IEncryptedBucket } from './bucket-interface';
import type { BlockPublicAccessOptions, BucketEncryption, EncryptionEnforcement, LifecycleRule, ObjectOwnership } from './bucket-options';
import type { BucketNamespace } from './bucket-namespace';
import type { IEncryptionKey } from './encryption-key';
import type { ObjectLockRetention } from './object-lock';
import type { ReplicationRule } from './replication-rule';

/** Properties of an `EncryptedBucket`. */
export interface EncryptedBucketProps {
  /**
   * The bucket's name: 3-63 characters of lowercase letters, digits, "." and "-".
   * Unique in the app. A literal name also names the Terraform resources of the bucket
   * (and of the key it makes): moving or renaming the construct keeps their addresses.
   *
   * @default - Terraform generates a unique name (or uses `bucketPrefix`), and the
   * resources' addresses follow the construct's path
   */
  readonly bucketName?: string;

  /**
   * A prefix for a name Terraform generates, at most 37 characters.
   *
   * @default - no prefix
   */
  readonly bucketPrefix?: string;

  /**
   * The bucket's default encryption, which the bucket policy also enforces.
   *
   * @default BucketEncryption.KMS
   */
  readonly encryption?: BucketEncryption;

  /**
   * The KMS key for `KMS` and `DSSE_KMS` encryption. Not allowed with `S3_MANAGED`.
   *
   * @default - a new `ManagedCmk` for this bucket
   */
  readonly encryptionKey?: IEncryptionKey;

  /**
   * Whether S3 uses a bucket-level key derived from the KMS key, which cuts KMS
   * requests (and their cost) by up to 99%. Only `KMS` encryption supports it.
   *
   * @default - true for `KMS`, false otherwise
   */
  readonly bucketKeyEnabled?: boolean;

  /**
   * How the bucket policy checks uploads' encryption headers.
   *
   * @default EncryptionEnforcement.DENY_MISMATCHED_HEADERS
   */
  readonly encryptionEnforcement?: EncryptionEnforcement;

  /**
   * Whether objects may only be encrypted with this bucket's key: uploads, re-keying
   * and replicas naming another KMS key are denied, and so are those that ask for KMS
   * without naming a key (S3 would use the AWS-managed `aws/s3` key). The key must be
   * named by its ARN. Not allowed with `S3_MANAGED`.
   *
   * @default - true for `KMS` and `DSSE_KMS`
   */
  readonly pinEncryptionKey?: boolean;

  /**
   * Whether every request that does not use HTTPS is denied.
   *
   * @default true
   */
  readonly enforceHttps?: boolean;

  /**
   * The lowest TLS version accepted: 1.0, 1.1, 1.2 or 1.3. Requires `enforceHttps`.
   *
   * @default 1.2
   */
  readonly minimumTlsVersion?: number;

  /**
   * Whether uploads and replicas with customer-provided keys (SSE-C) are denied: S3 cannot
   * decrypt those objects without the client's key, and the CMK plays no part.
   *
   * The bucket policy denies them; with AWS provider 6.22 or later (`@cdktf/provider-aws`
   * 21, `@cdktn/provider-aws`) the encryption rule also sets S3's own block,
   * `blocked_encryption_types = ["SSE-C"]`. `false` removes the Deny and sets `["NONE"]`,
   * which lifts S3's block too.
   *
   * @default true
   */
  readonly denySseC?: boolean;

  /**
   * S3 Block Public Access settings.
   *
   * @default - all four settings on
   */
  readonly blockPublicAccess?: BlockPublicAccessOptions;

  /**
   * Object ownership.
   *
   * @default ObjectOwnership.BUCKET_OWNER_ENFORCED (ACLs disabled)
   */
  readonly objectOwnership?: ObjectOwnership;

  /**
   * Whether versioning is enabled, so overwritten and deleted objects can be recovered.
   *
   * @default true
   */
  readonly versioned?: boolean;

  /**
   * Whether S3 Object Lock is on: object versions can be locked against deletion and
   * overwrite (write once, read many), by a default retention or per upload. Needs
   * versioning. Turning it on for an existing bucket updates the bucket in place. It can
   * never be turned off again: `false` later only stops managing the configuration.
   *
   * The bucket policy denies `s3:BypassGovernanceRetention` to everyone but
   * `governanceBypassPrincipalArns`, and denies COMPLIANCE retention unless
   * `dangerouslyAllowComplianceRetention` is set. Not with `forceDestroy`.
   *
   * @default - true when `objectLockDefaultRetention` is given, false otherwise
   */
  readonly objectLockEnabled?: boolean;

  /**
   * The retention S3 gives every new object version, unless its upload asks for its
   * own: `ObjectLockRetention.governance(days)` or `ObjectLockRetention.compliance(days)`.
   *
   * @default - none: versions are locked only when an upload asks
   */
  readonly objectLockDefaultRetention?: ObjectLockRetention;

  /**
   * The principals (role or user ARNs; wildcards as in `ArnLike`) that may send
   * `s3:BypassGovernanceRetention`, which deletes GOVERNANCE-locked versions or shortens
   * their retention. The bucket policy denies it to every other principal, the account
   * root included, whatever their IAM policies allow. Only with Object Lock.
   *
   * @default - no one may bypass GOVERNANCE retention
   */
  readonly governanceBypassPrincipalArns?: string[];

  /**
   * DANGER: allows COMPLIANCE retention, as the default retention or asked for by
   * uploads. A version locked in COMPLIANCE mode cannot be deleted, nor its retention
   * shortened, by anyone (the account root included) until it ends: the bucket cannot
   * be destroyed before then, and its storage is billed until then. Synth warns while
   * it is set. Only with Object Lock.
   *
   * @default false - the bucket policy denies uploads and retention changes that ask for
   * COMPLIANCE mode, and a COMPLIANCE default retention is an error
   */
  readonly dangerouslyAllowComplianceRetention?: boolean;

  /**
   * The namespace of the bucket's name. `ACCOUNT_REGIONAL` names are reserved to this
   * account in this region and must end with `-<account id>-<region>-an`; changing the
   * namespace replaces the bucket. Needs `bucketName`, and an AWS provider binding that
   * writes `bucket_namespace` (AWS provider 6.37 or later: `@cdktn/provider-aws` 25).
   *
   * @default - not written: S3's default, the global namespace
   */
  readonly bucketNamespace?: BucketNamespace;

  /**
   * Days after which incomplete multipart uploads are aborted and their parts deleted.
   *
   * @default 7
   */
  readonly abortIncompleteMultipartUploadAfterDays?: number;

  /**
   * Days after which noncurrent object versions are permanently deleted. Requires
   * versioning.
   *
   * @default - noncurrent versions are kept
   */
  readonly noncurrentVersionExpirationDays?: number;

  /**
   * Further lifecycle rules: expiry (of log objects, say), noncurrent-version expiry,
   * transitions. They are merged into the bucket's one lifecycle configuration, beside
   * its rule that aborts incomplete multipart uploads.
   *
   * @default - none
   */
  readonly lifecycleRules?: LifecycleRule[];

  /**
   * Where to deliver S3 server access logs.
   *
   * @default - no access logs
   */
  readonly serverAccessLogs?: ServerAccessLogsOptions;

  /**
   * DANGER: when true, destroying the stack deletes every object (and every version)
   * in the bucket instead of failing on a non-empty bucket.
   *
   * @default false
   */
  readonly forceDestroy?: boolean;

  /**
   * DANGER: lets a plan destroy the key this bucket creates for itself (see
   * `ManagedCmkProps.dangerouslyAllowKeyDestroy`): `cdktf destroy`, a rename, switching
   * to another key or to `S3_MANAGED` then schedule its deletion, after which objects
   * encrypted with it are unreadable. For a key given as `encryptionKey`, set it on that
   * key instead.
   *
   * @default false
   */
  readonly dangerouslyAllowKeyDestroy?: boolean;

  /**
   * Further statements for the bucket policy, in the `aws_iam_policy_document`
   * statement shape. A bucket has one policy: these are merged into it.
   *
   * @default - none
   */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];

  /**
   * Tags for the bucket (and the key it creates, if any).
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * Replication rules: objects written to this bucket are copied to each rule's
   * destination, in any region or account, encrypted with the destination's key. Needs
   * versioning on both sides. The library creates the replication role (least
   * privilege), the replication configuration and, for a destination that is an
   * `EncryptedBucket`, the statements that let the role in.
   *
   * @default - no replication
   */
  readonly replicationRules?: ReplicationRule[];

  /**
   * The role S3 replicates with. The library attaches the replication policy to it; its
   * trust policy must let `s3.amazonaws.com` assume it.
   *
   * @default - a new role, used only for this bucket's replication
   */
  readonly replicationRole?: IamRole | DataAwsIamRole;

  /**
   * The provider (region and account) the bucket, and every resource and data source
   * this construct creates, use: the key it makes for itself, its account and region
   * in policies. A key given as `encryptionKey` must be in the same region.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;

  /**
   * A bucket that already exists, to import instead of create: the first deploy writes
   * Terraform `import` blocks for the bucket and each configuration it has, then brings
   * them to these props in place (see the README, "Bring existing resources under the
   * library"). Never with `bucketPrefix`, `forceDestroy` or `dangerouslyAllowKeyDestroy`.
   *
   * @default - a new bucket
   */
  readonly adopt?: BucketAdoption;
}

/** Where a bucket delivers its S3 server access logs. Give exactly one target. */
export interface ServerAccessLogsOptions {
  /**
   * An `EncryptedBucket` to deliver logs into. It must use `S3_MANAGED` encryption (S3
   * does not deliver logs into SSE-KMS buckets) and must not require encryption headers;
   * its policy is extended to let S3 log delivery write for this bucket only.
   *
   * @default - use `targetBucketName`
   */
  readonly targetBucket?: IEncryptedBucket;

  /**
   * The name of a bucket managed elsewhere to deliver logs into. Its policy must allow
   * `logging.s3.amazonaws.com` to write (see `EncryptedBucket.allowServerAccessLogsFrom`).
   *
   * @default - use `targetBucket`
   */
  readonly targetBucketName?: string;

  /**
   * Key prefix for the log objects.
   *
   * @default - this bucket's name followed by "/"
   */
  readonly prefix?: string;
}
