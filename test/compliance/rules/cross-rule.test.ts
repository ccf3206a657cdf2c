import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { EncryptedBucket } from '../../../src';
import { compliantKey, findingsOf, newStack, rawBucket, verdict } from '../helpers';

/**
 * Cases that span rules: whole hand-written buckets and keys, and settings a bucket can
 * have only once, which every rule that reads them reports the same way.
 */
describe('a hand-written bucket', () => {
  test('with every part in place has no findings', () => {
    const stack = newStack();
    rawBucket(stack, 'data');
    expect(verdict(stack)).toEqual([]);
  });

  test('with nothing but the bucket breaks every S3 rule that applies', () => {
    const stack = newStack();
    new S3Bucket(stack, 'bare', {});
    expect(verdict(stack)).toEqual([
      'S3-HTTPS-ONLY stack/bare',
      'S3-OWNERSHIP stack/bare',
      'S3-PUBLIC-ACCESS stack/bare',
      'S3-SSE-C-BLOCKED stack/bare',
      'S3-SSE-CMK stack/bare',
      'S3-VERSIONING stack/bare',
    ]);
  });

  test('findings name the rule, the construct path, the Terraform address and a fix', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: 'Suspended' });
    expect(findingsOf(stack)).toEqual([{
      ruleId: 'S3-VERSIONING',
      path: 'stack/data',
      address: 'aws_s3_bucket.data',
      message: 'aws_s3_bucket_versioning.dataVersioning has status "Suspended". '
        + 'Fix: Add an aws_s3_bucket_versioning with status = "Enabled" (EncryptedBucket: versioned). '
        + 'Or, if it is acceptable: EncryptionCompliance.acknowledge(<stack/data>, \'S3-VERSIONING\', \'<why>\').',
    }]);
  });
});

describe('a hand-written key', () => {
  test('with rotation and an explicit policy has no findings', () => {
    const stack = newStack();
    compliantKey(stack);
    expect(verdict(stack)).toEqual([]);
  });

  test('with no settings breaks KMS-ROTATION and KMS-KEY-POLICY', () => {
    const stack = newStack();
    new KmsKey(stack, 'key', {});
    expect(verdict(stack)).toEqual(['KMS-KEY-POLICY stack/key', 'KMS-ROTATION stack/key']);
  });
});

describe('settings a bucket can only have once', () => {
  test('a second, all-off public access block is flagged, not outvoted', () => {
    const stack = newStack();
    const bucket = rawBucket(stack, 'b');
    new S3BucketPublicAccessBlock(stack, 'open', {
      bucket: bucket.id, blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false,
    });
    expect(findingsOf(stack).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      expect.stringMatching(/^S3-PUBLIC-ACCESS: aws_s3_bucket_public_access_block\.\S+ and aws_s3_bucket_public_access_block\.open configure the same bucket setting/),
    ]);
  });

  test('a second bucket policy next to an EncryptedBucket is flagged', () => {
    const stack = newStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    new S3BucketPolicy(stack, 'extra', { bucket: bucket.s3Bucket.id, policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
    expect(verdict(stack)).toEqual(['S3-HTTPS-ONLY stack/Data/Bucket']);
  });
});
