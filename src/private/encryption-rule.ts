import type { S3BucketServerSideEncryptionConfigurationRuleA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { BucketSettings } from './bucket-settings';

/**
 * The rule with S3's own SSE-C setting, `blocked_encryption_types` (AWS provider 6.22 and
 * later). Bindings of provider 5.x do not know the field and leave it out of the output;
 * 6.x bindings (`@cdktf/provider-aws` 21, `@cdktn/provider-aws`) write it.
 */
export type EncryptionRule = S3BucketServerSideEncryptionConfigurationRuleA & {
  readonly blockedEncryptionTypes?: string[];
};

/**
 * The bucket's default-encryption rule. The SSE-C setting is always written, never left
 * to S3's default: providers 6.22 to 6.39 plan a change on every run when it is unset,
 * and S3's default differs between older and newer buckets.
 */
export function encryptionRule(settings: BucketSettings, keyArn: string | undefined): EncryptionRule {
  return {
    applyServerSideEncryptionByDefault: { sseAlgorithm: settings.encryption, kmsMasterKeyId: keyArn },
    bucketKeyEnabled: settings.bucketKeyEnabled,
    // S3's own block, beside the bucket policy's Deny: either alone refuses SSE-C writes.
    blockedEncryptionTypes: settings.denySseC ? ['SSE-C'] : ['NONE'],
  };
}
