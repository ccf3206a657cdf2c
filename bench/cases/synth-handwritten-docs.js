// The same resources as synth-library.js, written by hand the way cdktf's docs write IAM
// policies: one data.aws_iam_policy_document per policy (key policy and bucket policy), its
// `.json` attribute as the policy. Managed resources keep the library's construct ids; the
// output differs only by those data sources, so bench/run.ts checks the same resources and
// the same policy statements rather than identical bytes.
require('./synth-harness').synthCase(() => {
  const { Construct } = require('constructs');
  const { bucketKey, bucketResources } = require('./handwritten-bucket');
  const { DataAwsCallerIdentity } = require('@cdktf/provider-aws/lib/data-aws-caller-identity');
  const { DataAwsIamPolicyDocument } = require('@cdktf/provider-aws/lib/data-aws-iam-policy-document');
  const { DataAwsPartition } = require('@cdktf/provider-aws/lib/data-aws-partition');
  const { S3BucketPolicy } = require('@cdktf/provider-aws/lib/s3-bucket-policy');

  const SSE = 's3:x-amz-server-side-encryption';
  const SSE_KMS_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';
  const ENCRYPTING_WRITES = ['s3:PutObject', 's3:UpdateObjectEncryption', 's3:ReplicateObject'];
  const SSE_C_WRITES = ['s3:PutObject', 's3:ReplicateObject'];
  const anyone = [{ type: '*', identifiers: ['*'] }];
  const deny = (sid, actions, resources, condition) => ({ sid, effect: 'Deny', principals: anyone, actions, resources, condition });

  return (stack, n) => {
    const partition = new DataAwsPartition(stack, 'EncryptedS3Partition');
    const account = new DataAwsCallerIdentity(stack, 'EncryptedS3CallerIdentity');
    const rootArn = `arn:${partition.partition}:iam::${account.accountId}:root`;

    for (let i = 0; i < n; i++) {
      const scope = new Construct(stack, `B${i}`);

      const key = bucketKey(scope, (keyScope) => new DataAwsIamPolicyDocument(keyScope, 'PolicyDocument', {
        statement: [
          { sid: 'EnableIamPolicies', effect: 'Allow', principals: [{ type: 'AWS', identifiers: [rootArn] }], actions: ['kms:*'], resources: ['*'] },
          { sid: 'DenyKeyDeletion', effect: 'Deny', principals: anyone, actions: ['kms:ScheduleKeyDeletion'], resources: ['*'] },
        ],
      }).json);
      const { bucket, publicAccessBlock } = bucketResources(scope, key);

      const all = [bucket.arn, `${bucket.arn}/*`];
      const objects = [`${bucket.arn}/*`];
      const bucketPolicy = new DataAwsIamPolicyDocument(scope, 'PolicyDocument', {
        statement: [
          deny('DenyInsecureTransport', ['s3:*'], all, [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }]),
          deny('DenyOutdatedTls', ['s3:*'], all, [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }]),
          deny('DenyWrongEncryptionHeader', ENCRYPTING_WRITES, objects, [
            { test: 'Null', variable: SSE, values: ['false'] },
            { test: 'StringNotEquals', variable: SSE, values: ['aws:kms'] },
          ]),
          deny('DenyOtherKmsKey', ENCRYPTING_WRITES, objects, [
            { test: 'Null', variable: SSE_KMS_KEY, values: ['false'] },
            { test: 'StringNotEquals', variable: SSE_KMS_KEY, values: [key.arn] },
          ]),
          deny('DenyKmsWithoutKeyId', ENCRYPTING_WRITES, objects, [
            { test: 'Null', variable: SSE, values: ['false'] },
            { test: 'Null', variable: SSE_KMS_KEY, values: ['true'] },
          ]),
          deny('DenySseCUploads', SSE_C_WRITES, objects, [
            { test: 'Null', variable: 's3:x-amz-server-side-encryption-customer-algorithm', values: ['false'] },
          ]),
        ],
      });
      new S3BucketPolicy(scope, 'Policy', {
        bucket: bucket.id,
        policy: bucketPolicy.json,
        dependsOn: [publicAccessBlock],
      });
    }
  };
});
