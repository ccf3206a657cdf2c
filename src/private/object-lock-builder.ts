import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Annotations, TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { describeRetention, ObjectLockSettings, objectLockRule } from './object-lock';

/** What the Object Lock configuration reads of its bucket. */
export interface ObjectLockTarget {
  readonly scope: Construct;
  readonly provider?: TerraformProvider;
  readonly bucketId: string;
  readonly versioning?: S3BucketVersioningA;
}

/**
 * The bucket's Object Lock configuration. Never `aws_s3_bucket`'s `object_lock_enabled`:
 * it forces a new bucket. This resource turns Object Lock on for the existing, versioned
 * bucket in place (S3's PutObjectLockConfiguration).
 */
export function objectLockConfiguration(
  target: ObjectLockTarget, settings: ObjectLockSettings, allowCompliance: boolean,
): S3BucketObjectLockConfigurationA {
  if (allowCompliance) warnCompliance(target.scope, settings);
  return new S3BucketObjectLockConfigurationA(target.scope, 'ObjectLock', {
    provider: target.provider,
    bucket: target.bucketId,
    objectLockEnabled: 'Enabled',
    rule: objectLockRule(settings),
    // S3 refuses Object Lock on a bucket whose versioning is not yet enabled.
    dependsOn: target.versioning ? [target.versioning] : undefined,
    // S3 never turns Object Lock off; removing this would only drop the bucket policy's
    // guards of it. Terraform refuses the plan instead.
    lifecycle: { preventDestroy: true },
  });
}

/** COMPLIANCE retention cannot be undone by anyone: say so on every synth. */
function warnCompliance(scope: Construct, settings: ObjectLockSettings): void {
  const retention = settings.retention;
  const what = retention ? `a default retention of ${describeRetention(retention)}` : 'uploads that ask for COMPLIANCE retention';
  Annotations.of(scope).addWarning(
    `dangerouslyAllowComplianceRetention: this bucket allows COMPLIANCE-mode Object Lock (${what}). No one, the account root included, ` +
    'can delete a locked version or shorten its retention before it ends: cdktf destroy fails while the bucket holds one, and its ' +
    'storage is billed until then.',
  );
}
