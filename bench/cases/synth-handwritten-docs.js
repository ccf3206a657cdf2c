// The same resources as synth-library.js, written by hand the way cdktf's docs write IAM
// policies: one data.aws_iam_policy_document per policy (key policy and bucket policy), its
// `.json` attribute as the policy. Managed resources keep the library's construct ids; the
// output differs only by those data sources, so bench/run.ts checks the same resources and
// the same policy statements rather than identical bytes.
require('./synth-harness').synthCase(() => {
  const { Construct } = require('constructs');
  const { DataAwsCallerIdentity } = require('@cdktf/provider-aws/lib/data-aws-caller-identity');
  const { DataAwsIamPolicyDocument } = require('@cdktf/provider-aws/lib/data-aws-iam-policy-document');
  const { DataAwsPartition } = require('@cdktf/provider-aws/lib/data-aws-partition');
  const { KmsAlias } = require('@cdktf/provider-aws/lib/kms-alias');
  const { KmsKey } = require('@cdktf/provider-aws/lib/kms-key');
  const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
  const { S3BucketLifecycleConfiguration } = require('@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration');
  const { S3BucketOwnershipControls } = require('@cdktf/provider-aws/lib/s3-bucket-ownership-controls');
  const { S3BucketPolicy } = require('@cdktf/provider-aws/lib/s3-bucket-policy');
  const { S3BucketPublicAccessBlock } = require('@cdktf/provider-aws/lib/s3-bucket-public-access-block');
  const { S3BucketServerSideEncryptionConfigurationA } = require('@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration');
  const { S3BucketVersioningA } = require('@cdktf/provider-aws/lib/s3-bucket-versioning');

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

      const keyScope = new Construct(scope, 'Key');
      const keyPolicy = new DataAwsIamPolicyDocument(keyScope, 'PolicyDocument', {
        statement: [{
          sid: 'EnableIamPolicies',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [rootArn] }],
          actions: ['kms:*'],
          resources: ['*'],
        }, {
          sid: 'DenyKeyDeletion',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['kms:ScheduleKeyDeletion'],
          resources: ['*'],
        }],
      });
      const key = new KmsKey(keyScope, 'Key', {
        description: `Encrypts the objects of the S3 bucket ${scope.node.path}.`,
        keyUsage: 'ENCRYPT_DECRYPT',
        customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        deletionWindowInDays: 30,
        enableKeyRotation: true,
        lifecycle: { preventDestroy: true },
        multiRegion: false,
        policy: keyPolicy.json,
      });
      new KmsAlias(keyScope, 'Alias', { name: `alias/encrypted-bucket/${scope.node.path}`, targetKeyId: key.keyId });
      const bucket = new S3Bucket(scope, 'Bucket', { forceDestroy: false, dependsOn: [key] });

      new S3BucketServerSideEncryptionConfigurationA(scope, 'Encryption', {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
      });
      const publicAccessBlock = new S3BucketPublicAccessBlock(scope, 'PublicAccessBlock', {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      new S3BucketOwnershipControls(scope, 'OwnershipControls', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
      const versioning = new S3BucketVersioningA(scope, 'Versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
      new S3BucketLifecycleConfiguration(scope, 'Lifecycle', {
        bucket: bucket.id,
        rule: [{
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        }],
        dependsOn: [versioning],
      });

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
