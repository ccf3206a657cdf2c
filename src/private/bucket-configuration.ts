import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { TerraformProvider, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import type { BucketSettings } from './bucket-settings';
import { encryptionRule } from './encryption-rule';
import { lifecycleRules } from './lifecycle';
import { objectLockConfiguration as objectLock } from './object-lock-builder';

/** The bucket the configuration resources are for. */
export interface ConfiguredBucket {
  readonly scope: Construct;
  readonly provider?: TerraformProvider;
  readonly bucketId: string;
  /** The key objects are encrypted with (undefined for `S3_MANAGED`). */
  readonly keyArn?: string;
  /** Names a resource after the bucket (resource-names.ts), before anything refers to it. */
  named<T extends TerraformResource>(resource: T): T;
}

/** A bucket's configuration resources, each one of its own. */
export interface BucketConfiguration {
  readonly encryptionConfiguration: S3BucketServerSideEncryptionConfigurationA;
  readonly publicAccessBlock: S3BucketPublicAccessBlock;
  readonly ownershipControls: S3BucketOwnershipControls;
  readonly versioning?: S3BucketVersioningA;
  readonly objectLockConfiguration?: S3BucketObjectLockConfigurationA;
  readonly lifecycleConfiguration: S3BucketLifecycleConfiguration;
}

/**
 * The bucket's default encryption, public access block, ownership controls, versioning,
 * Object Lock and lifecycle configuration, as `settings` say.
 */
export function bucketConfiguration(bucket: ConfiguredBucket, settings: BucketSettings): BucketConfiguration {
  const { scope, provider, bucketId: id, named } = bucket;
  const encryptionConfiguration = named(new S3BucketServerSideEncryptionConfigurationA(scope, 'Encryption', {
    provider,
    bucket: id,
    rule: [encryptionRule(settings, bucket.keyArn)],
  }));
  const publicAccessBlock = named(new S3BucketPublicAccessBlock(scope, 'PublicAccessBlock', { provider, bucket: id, ...settings.blockPublicAccess }));
  const ownershipControls = named(new S3BucketOwnershipControls(scope, 'OwnershipControls', {
    provider,
    bucket: id,
    rule: { objectOwnership: settings.objectOwnership },
  }));
  const versioning = settings.versioned
    ? named(new S3BucketVersioningA(scope, 'Versioning', { provider, bucket: id, versioningConfiguration: { status: 'Enabled' } }))
    : undefined;
  const objectLockConfiguration = settings.objectLock
    ? named(objectLock({ scope, provider, bucketId: id, versioning }, settings.objectLock, settings.allowComplianceRetention))
    : undefined;
  const lifecycleConfiguration = named(new S3BucketLifecycleConfiguration(scope, 'Lifecycle', {
    provider,
    bucket: id,
    rule: lifecycleRules(settings),
    // Lifecycle rules on noncurrent versions need versioning in place first.
    dependsOn: versioning ? [versioning] : undefined,
  }));
  return { encryptionConfiguration, publicAccessBlock, ownershipControls, versioning, objectLockConfiguration, lifecycleConfiguration };
}
