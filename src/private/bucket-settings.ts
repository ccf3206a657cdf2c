import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { TerraformProvider } from 'cdktf';
import { BucketAdoptionSettings, bucketAdoption } from './adoption';
import { validateBucketName, validateBucketPrefix } from './bucket-name';
import { validateBucketNamespace } from './bucket-namespace';
import { LifecycleSettings, validateLifecycleRules } from './lifecycle';
import { ObjectLockSettings, objectLockSettings } from './object-lock';
import { PropValidator } from './validation';
import type { BucketNamespace } from '../bucket-namespace';
import { BlockPublicAccessOptions, BucketEncryption, EncryptionEnforcement, ObjectOwnership } from '../bucket-options';
import type { EncryptedBucketProps, ServerAccessLogsOptions } from '../encrypted-bucket-props';
import type { IEncryptionKey } from '../encryption-key';
import type { ReplicationRule } from '../replication-rule';

/** An EncryptedBucket's props, checked, with every default applied. */
export interface BucketSettings extends LifecycleSettings {
  readonly bucketName?: string;
  readonly bucketPrefix?: string;
  /** Written only when given: the provider's default is S3's. */
  readonly bucketNamespace?: BucketNamespace;
  readonly forceDestroy: boolean;
  readonly tags?: { [key: string]: string };
  readonly encryption: BucketEncryption;
  /** The key given in props; undefined for S3_MANAGED or when the bucket makes its own. */
  readonly encryptionKey?: IEncryptionKey;
  /** Whether a plan may destroy the key the bucket makes for itself. */
  readonly allowKeyDestroy: boolean;
  readonly enforcement: EncryptionEnforcement;
  readonly bucketKeyEnabled: boolean;
  readonly pinEncryptionKey: boolean;
  readonly enforceHttps: boolean;
  /** Lowest TLS version accepted; undefined when there is nothing to deny. */
  readonly minimumTlsVersion?: number;
  readonly denySseC: boolean;
  readonly blockPublicAccess: Required<BlockPublicAccessOptions>;
  readonly objectOwnership: ObjectOwnership;
  readonly versioned: boolean;
  /** Undefined: no Object Lock. */
  readonly objectLock?: ObjectLockSettings;
  /** Whether COMPLIANCE retention is allowed (dangerouslyAllowComplianceRetention). */
  readonly allowComplianceRetention: boolean;
  readonly serverAccessLogs?: ServerAccessLogsOptions;
  readonly policyStatements: DataAwsIamPolicyDocumentStatement[];
  readonly provider?: TerraformProvider;
  readonly replicationRules: ReplicationRule[];
  readonly replicationRole?: IamRole | DataAwsIamRole;
  /** The existing bucket to import, if any. */
  readonly adoption?: BucketAdoptionSettings;
}

const TLS_VERSIONS = [1.0, 1.1, 1.2, 1.3];

/** Checks an EncryptedBucket's props and applies every default; the constructor reads only this. */
export function bucketSettings(v: PropValidator, props: EncryptedBucketProps): BucketSettings {
  const adoption = bucketAdoption(v, props.adopt, props);
  if (props.bucketName !== undefined && props.bucketPrefix !== undefined) {
    v.fail('bucketPrefix', 'cannot be set together with bucketName', props.bucketPrefix);
  }
  validateBucketName(v, props.bucketName);
  validateBucketPrefix(v, props.bucketPrefix);
  validateBucketNamespace(v, props, props.bucketName ?? adoption?.bucketName);

  const encryption = props.encryption ?? BucketEncryption.KMS;
  v.oneOf('encryption', encryption, Object.values(BucketEncryption));
  const usesKms = encryption !== BucketEncryption.S3_MANAGED;
  if (props.encryptionKey !== undefined) {
    v.notWith('dangerouslyAllowKeyDestroy', props.dangerouslyAllowKeyDestroy, 'with an encryptionKey, which this bucket does not own: set it on that key');
  }
  if (!usesKms) {
    v.notWith('dangerouslyAllowKeyDestroy', props.dangerouslyAllowKeyDestroy, 'with S3_MANAGED encryption, which uses no KMS key');
    v.notWith('encryptionKey', props.encryptionKey && props.encryptionKey.node.path, 'with S3_MANAGED encryption, which uses no KMS key');
    v.notWith('pinEncryptionKey', props.pinEncryptionKey, 'with S3_MANAGED encryption, which uses no KMS key');
  }
  if (encryption !== BucketEncryption.KMS && props.bucketKeyEnabled === true) {
    v.fail('bucketKeyEnabled', `must not be true with ${encryptionName(encryption)} encryption: S3 supports bucket keys with SSE-KMS only`, true);
  }

  const enforcement = props.encryptionEnforcement ?? EncryptionEnforcement.DENY_MISMATCHED_HEADERS;
  v.oneOf('encryptionEnforcement', enforcement, Object.values(EncryptionEnforcement));
  if (enforcement === EncryptionEnforcement.NONE && props.pinEncryptionKey === true) {
    v.fail('pinEncryptionKey', 'cannot be true with encryptionEnforcement NONE, which adds no encryption statements to pin with', true);
  }
  v.oneOf('objectOwnership', props.objectOwnership, Object.values(ObjectOwnership));

  const enforceHttps = props.enforceHttps ?? true;
  if (!enforceHttps) {
    v.notWith('minimumTlsVersion', props.minimumTlsVersion, 'when enforceHttps is false');
  }
  v.oneOf('minimumTlsVersion', props.minimumTlsVersion, TLS_VERSIONS);
  const minimumTlsVersion = enforceHttps ? props.minimumTlsVersion ?? 1.2 : undefined;

  const versioned = props.versioned ?? true;
  v.integerInRange('abortIncompleteMultipartUploadAfterDays', props.abortIncompleteMultipartUploadAfterDays, 1, 36500);
  v.integerInRange('noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays, 1, 36500);
  if (!versioned) {
    v.notWith('noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays, 'when versioned is false');
  }
  validateLifecycleRules(v, props.lifecycleRules ?? [], versioned);
  const objectLock = objectLockSettings(v, props, versioned);

  const publicAccess = props.blockPublicAccess ?? {};
  return {
    bucketName: props.bucketName ?? adoption?.bucketName,
    bucketPrefix: props.bucketPrefix,
    bucketNamespace: props.bucketNamespace,
    forceDestroy: props.forceDestroy ?? false,
    tags: props.tags,
    encryption,
    encryptionKey: usesKms ? props.encryptionKey : undefined,
    allowKeyDestroy: props.dangerouslyAllowKeyDestroy ?? false,
    enforcement,
    bucketKeyEnabled: props.bucketKeyEnabled ?? encryption === BucketEncryption.KMS,
    pinEncryptionKey: usesKms && (props.pinEncryptionKey ?? true),
    enforceHttps,
    // 1.0 is the lowest version there is: nothing to deny.
    minimumTlsVersion: minimumTlsVersion === 1.0 ? undefined : minimumTlsVersion,
    denySseC: props.denySseC ?? true,
    blockPublicAccess: {
      blockPublicAcls: publicAccess.blockPublicAcls ?? true,
      blockPublicPolicy: publicAccess.blockPublicPolicy ?? true,
      ignorePublicAcls: publicAccess.ignorePublicAcls ?? true,
      restrictPublicBuckets: publicAccess.restrictPublicBuckets ?? true,
    },
    objectOwnership: props.objectOwnership ?? ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned,
    objectLock,
    allowComplianceRetention: props.dangerouslyAllowComplianceRetention ?? false,
    abortIncompleteMultipartUploadAfterDays: props.abortIncompleteMultipartUploadAfterDays ?? 7,
    noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays,
    lifecycleRules: props.lifecycleRules ?? [],
    serverAccessLogs: props.serverAccessLogs,
    policyStatements: props.policyStatements ?? [],
    provider: props.provider,
    replicationRules: props.replicationRules ?? [],
    replicationRole: props.replicationRole,
    adoption,
  };
}

/** The enum member's name, for messages: `KMS`, not `aws:kms`. */
export function encryptionName(encryption: BucketEncryption): string {
  const name = Object.entries(BucketEncryption).find(([, value]) => value === encryption)?.[0];
  return name ?? String(encryption);
}
