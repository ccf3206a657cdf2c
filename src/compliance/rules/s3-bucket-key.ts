import { defaultEncryption } from '../private/bucket-readers';
import { Check, isTrue } from '../private/check';

/** A Bucket Key lets S3 reuse a data key instead of calling KMS for every object. */
export const S3_BUCKET_KEY: Check = {
  rule: {
    id: 'S3-BUCKET-KEY',
    resourceType: 'aws_s3_bucket',
    description: 'Buckets encrypted with aws:kms use an S3 Bucket Key, which cuts KMS requests by up to 99%.',
    fix: 'Set bucket_key_enabled = true on the encryption rule (EncryptedBucket: bucketKeyEnabled).',
    cdkNag: [],
    checkov: [],
    trivy: [],
  },
  problem: (bucket, { model }) => {
    const encryption = defaultEncryption(bucket, model);
    return encryption?.algorithm === 'aws:kms' && !isTrue(encryption.bucketKeyEnabled)
      ? `${encryption.source} leaves bucket_key_enabled off`
      : undefined;
  },
};
