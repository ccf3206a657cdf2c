// The same resources as synth-library.js, written by hand with deep imports. Policies are
// rendered with Fn.jsonencode, as the library does (not data.aws_iam_policy_document), and
// construct ids mirror the library's so cdk.tf.json is identical (bench/run.ts checks it).
require('./synth-harness').synthCase(() => {
  const { Fn } = require('cdktf');
  const { Construct } = require('constructs');
  const { bucketKey, bucketResources } = require('./handwritten-bucket');
  const { DataAwsCallerIdentity } = require('@cdktf/provider-aws/lib/data-aws-caller-identity');
  const { DataAwsPartition } = require('@cdktf/provider-aws/lib/data-aws-partition');
  const { S3BucketPolicy } = require('@cdktf/provider-aws/lib/s3-bucket-policy');

  const SSE = 's3:x-amz-server-side-encryption';
  const SSE_KMS_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';
  const policy = (Statement) => Fn.jsonencode({ Version: '2012-10-17', Statement });
  const ENCRYPTING_WRITES = ['s3:PutObject', 's3:UpdateObjectEncryption', 's3:ReplicateObject'];
  const SSE_C_WRITES = ['s3:PutObject', 's3:ReplicateObject'];
  const deny = (Sid, Action, Resource, Condition) => ({ Sid, Effect: 'Deny', Principal: '*', Action, Resource, Condition });

  return (stack, n) => {
    const partition = new DataAwsPartition(stack, 'EncryptedS3Partition');
    const account = new DataAwsCallerIdentity(stack, 'EncryptedS3CallerIdentity');
    const rootArn = `arn:${partition.partition}:iam::${account.accountId}:root`;

    for (let i = 0; i < n; i++) {
      const scope = new Construct(stack, `B${i}`);
      const key = bucketKey(scope, () => policy([
        { Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: [rootArn] }, Action: ['kms:*'], Resource: ['*'] },
        { Sid: 'DenyKeyDeletion', Effect: 'Deny', Principal: '*', Action: ['kms:ScheduleKeyDeletion'], Resource: ['*'] },
      ]));
      const { bucket, publicAccessBlock } = bucketResources(scope, key);

      const all = [bucket.arn, `${bucket.arn}/*`];
      const objects = [`${bucket.arn}/*`];
      new S3BucketPolicy(scope, 'Policy', {
        bucket: bucket.id,
        policy: policy([
          deny('DenyInsecureTransport', ['s3:*'], all, { Bool: { 'aws:SecureTransport': ['false'] } }),
          deny('DenyOutdatedTls', ['s3:*'], all, { NumericLessThan: { 's3:TlsVersion': ['1.2'] } }),
          deny('DenyWrongEncryptionHeader', ENCRYPTING_WRITES, objects, { Null: { [SSE]: ['false'] }, StringNotEquals: { [SSE]: ['aws:kms'] } }),
          deny('DenyOtherKmsKey', ENCRYPTING_WRITES, objects, { Null: { [SSE_KMS_KEY]: ['false'] }, StringNotEquals: { [SSE_KMS_KEY]: [key.arn] } }),
          deny('DenyKmsWithoutKeyId', ENCRYPTING_WRITES, objects, { Null: { [SSE]: ['false'], [SSE_KMS_KEY]: ['true'] } }),
          deny('DenySseCUploads', SSE_C_WRITES, objects, { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': ['false'] } }),
        ]),
        dependsOn: [publicAccessBlock],
      });
    }
  };
});
