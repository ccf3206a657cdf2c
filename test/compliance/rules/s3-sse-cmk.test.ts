import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { compliantKey, findingsOf, newStack, rawBucket, verdict } from '../helpers';

/** S3-SSE-CMK, on stacks written by hand with raw provider classes. */
describe('S3-SSE-CMK', () => {
  test.each([
    ['aws:kms with a key of the stack', undefined],
    ['aws:kms with a key ARN', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234' }, bucketKeyEnabled: true }],
    ['aws:kms:dsse with a key', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234' } }],
  ])('complies: %s', (_, encryption) => {
    const stack = newStack();
    rawBucket(stack, 'data', { encryption });
    expect(verdict(stack)).toEqual([]);
  });

  test.each([
    ['no encryption configuration', false as const, 'no server-side encryption configuration'],
    ['SSE-S3 on a bucket that receives no logs', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      'aws_s3_bucket_server_side_encryption_configuration.dataEncryption uses SSE-S3 (AES256), which only a target_bucket of an aws_s3_bucket_logging may use'],
    ['aws:kms without a key id', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true },
      'sets no kms_master_key_id, so S3 uses the AWS-managed aws/s3 key'],
    ['the AWS-managed aws/s3 alias', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' }, bucketKeyEnabled: true },
      'uses the AWS-managed key alias/aws/s3'],
    ['the AWS-managed alias ARN', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/aws/s3' }, bucketKeyEnabled: true },
      'uses the AWS-managed key arn:aws:kms:us-east-1:111122223333:alias/aws/s3'],
  ])('flags %s', (_, encryption, problem) => {
    const stack = newStack();
    rawBucket(stack, 'data', { encryption });
    const findings = findingsOf(stack);
    // Without an encryption configuration nothing blocks SSE-C either (S3-SSE-C-BLOCKED).
    expect(findings.map((f) => f.ruleId)).toEqual(encryption === false ? ['S3-SSE-CMK', 'S3-SSE-C-BLOCKED'] : ['S3-SSE-CMK']);
    expect(findings[0].message).toContain(problem);
  });

  test('flags an algorithm that is only known at apply time', () => {
    const stack = newStack();
    const algorithm = new TerraformVariable(stack, 'algorithm', { type: 'string' });
    rawBucket(stack, 'data', { encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm.stringValue } } });
    expect(findingsOf(stack)[0].message).toContain('has sse_algorithm "${var.algorithm}", not a KMS algorithm known at synth time');
  });

  test.each([
    ['by reference to its bucket attribute', (target: S3Bucket) => target.bucket],
    ['by reference to its id', (target: S3Bucket) => target.id],
    ['by literal name', () => 'access-logs-bucket'],
  ])('allows SSE-S3 on the target of an aws_s3_bucket_logging named %s', (_, targetOf) => {
    const stack = newStack();
    const sseS3 = { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
    const logs = rawBucket(stack, 'logs', { bucketName: 'access-logs-bucket', encryption: sseS3 });
    const data = rawBucket(stack, 'data');
    new S3BucketLoggingA(stack, 'logging', { bucket: data.id, targetBucket: targetOf(logs), targetPrefix: 'data/' });
    expect(verdict(stack)).toEqual([]);
  });

  test('reads the deprecated inline encryption block of aws_s3_bucket', () => {
    const stack = newStack();
    const key = compliantKey(stack);
    const inline = (id: string, sseAlgorithm: string) => rawBucket(stack, id, { encryption: false }).addOverride(
      'server_side_encryption_configuration',
      { rule: { apply_server_side_encryption_by_default: { sse_algorithm: sseAlgorithm, kms_master_key_id: key.arn }, bucket_key_enabled: true } },
    );
    inline('kms', 'aws:kms');
    inline('sses3', 'AES256');
    // The inline block has no blocked_encryption_types, hence S3-SSE-C-BLOCKED on both.
    expect(verdict(stack)).toEqual(['S3-SSE-C-BLOCKED stack/kms', 'S3-SSE-C-BLOCKED stack/sses3', 'S3-SSE-CMK stack/sses3']);
  });
});

describe('S3-SSE-CMK: keys named through references', () => {
  const withKey = (stack: TerraformStack, kmsMasterKeyId: string) => rawBucket(stack, 'b', {
    encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId }, bucketKeyEnabled: true },
  });

  test('the AWS-managed key through an aws_kms_alias data source is flagged', () => {
    const stack = newStack();
    withKey(stack, new DataAwsKmsAlias(stack, 's3', { name: 'alias/aws/s3' }).targetKeyArn);
    expect(findingsOf(stack).map((f) => f.message)).toEqual([expect.stringMatching(/uses the AWS-managed key alias\/aws\/s3/)]);
  });

  test('a customer-managed alias through a data source passes', () => {
    const stack = newStack();
    withKey(stack, new DataAwsKmsAlias(stack, 'mine', { name: 'alias/data-key' }).targetKeyArn);
    expect(verdict(stack)).toEqual([]);
  });

  test('a key known only at apply time is reported for acknowledgement', () => {
    const stack = newStack();
    withKey(stack, new TerraformVariable(stack, 'key', { type: 'string' }).stringValue);
    expect(findingsOf(stack).map((f) => f.message)).toEqual([expect.stringMatching(/known only at apply time; acknowledge S3-SSE-CMK/)]);
  });
});
