// What both hand-written baselines write the same way: a key with its alias, and a bucket
// with its encryption, public access block, ownership, versioning and lifecycle. They
// differ only in how they write the key and bucket policies, which is what they compare.
const { Construct } = require('constructs');
const { KmsAlias } = require('@cdktf/provider-aws/lib/kms-alias');
const { KmsKey } = require('@cdktf/provider-aws/lib/kms-key');
const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
const { S3BucketLifecycleConfiguration } = require('@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration');
const { S3BucketOwnershipControls } = require('@cdktf/provider-aws/lib/s3-bucket-ownership-controls');
const { S3BucketPublicAccessBlock } = require('@cdktf/provider-aws/lib/s3-bucket-public-access-block');
const { S3BucketServerSideEncryptionConfigurationA } = require('@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration');
const { S3BucketVersioningA } = require('@cdktf/provider-aws/lib/s3-bucket-versioning');

/** The key at `<scope>/Key`, with the policy `keyPolicy(keyScope)` returns. */
exports.bucketKey = (scope, keyPolicy) => {
  const keyScope = new Construct(scope, 'Key');
  const key = new KmsKey(keyScope, 'Key', {
    description: `Encrypts the objects of the S3 bucket ${scope.node.path}.`,
    keyUsage: 'ENCRYPT_DECRYPT',
    customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    deletionWindowInDays: 30,
    enableKeyRotation: true,
    lifecycle: { preventDestroy: true },
    multiRegion: false,
    policy: keyPolicy(keyScope),
  });
  new KmsAlias(keyScope, 'Alias', { name: `alias/encrypted-bucket/${scope.node.path}`, targetKeyId: key.keyId });
  return key;
};

/** The bucket and its configuration resources; returns what the bucket policy needs. */
exports.bucketResources = (scope, key) => {
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
  return { bucket, publicAccessBlock };
};
