import { competing, defaultEncryption, keyNamed, SSE_CONFIGURATION } from '../private/bucket-readers';
import { Check } from '../private/check';

/**
 * With a customer-managed key the account's own key policy decides who can read the data.
 * SSE-S3 is allowed on log targets only, because S3 delivers server access logs only to
 * buckets encrypted with SSE-S3.
 */
export const S3_SSE_CMK: Check = {
  rule: {
    id: 'S3-SSE-CMK',
    resourceType: 'aws_s3_bucket',
    description: 'Default encryption is SSE-KMS (or DSSE-KMS) with a customer-managed key; SSE-S3 only for buckets that receive server access logs.',
    fix: 'Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "aws:kms" and kms_master_key_id set to your key\'s ARN (EncryptedBucket does by default).',
    cdkNag: [],
    checkov: ['CKV_AWS_145', 'CKV_AWS_19'],
    trivy: ['AVD-AWS-0132'],
  },
  problem: (bucket, { model }) => {
    const configurations = model.linkedToBucket(SSE_CONFIGURATION, bucket);
    if (configurations.length > 1) return competing(configurations);
    const encryption = defaultEncryption(bucket, model);
    if (!encryption) return 'no server-side encryption configuration';
    const { algorithm, kmsKeyId, source } = encryption;
    if (algorithm === 'AES256') {
      return model.isLogTarget(bucket)
        ? undefined
        : `${source} uses SSE-S3 (AES256), which only a target_bucket of an aws_s3_bucket_logging may use`;
    }
    if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') {
      return `${source} has sse_algorithm ${JSON.stringify(algorithm)}, not a KMS algorithm known at synth time`;
    }
    if (typeof kmsKeyId !== 'string' || kmsKeyId === '') {
      return `${source} sets no kms_master_key_id, so S3 uses the AWS-managed aws/s3 key`;
    }
    const key = keyNamed(kmsKeyId, model);
    if (key === undefined) {
      return `${source} names its key with ${kmsKeyId}, known only at apply time; acknowledge S3-SSE-CMK if it is a customer-managed key`;
    }
    return AWS_MANAGED_KEY.test(key) ? `${source} uses the AWS-managed key ${key}` : undefined;
  },
};

/** `alias/aws/s3` as an alias name or inside an alias ARN. */
const AWS_MANAGED_KEY = /(^|[:/])alias\/aws\//;
