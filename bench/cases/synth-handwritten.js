// The same resources as synth-library.js, written by hand with deep imports. Policies are
// rendered with Fn.jsonencode, as the library does (not data.aws_iam_policy_document), and
// construct ids mirror the library's so cdk.tf.json is identical (bench/run.ts checks it).
require('./synth-harness').synthCase(() => {
  const { Fn } = require('cdktf');
  const { Construct } = require('constructs');
  const { DataAwsCallerIdentity } = require('@cdktf/provider-aws/lib/data-aws-caller-identity');
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
      const keyScope = new Construct(scope, 'Key');
      const key = new KmsKey(keyScope, 'Key', {
        description: `Encrypts the objects of the S3 bucket ${scope.node.path}.`,
        keyUsage: 'ENCRYPT_DECRYPT',
        customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        deletionWindowInDays: 30,
        enableKeyRotation: true,
        lifecycle: { preventDestroy: true },
        multiRegion: false,
        policy: policy([
          { Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: [rootArn] }, Action: ['kms:*'], Resource: ['*'] },
          { Sid: 'DenyKeyDeletion', Effect: 'Deny', Principal: '*', Action: ['kms:ScheduleKeyDeletion'], Resource: ['*'] },
        ]),
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
