import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedBucket, ManagedCmk } from '../src';
import { awsProvider, deployerArn } from './common';

/**
 * Default encryption with the CMK and an S3 Bucket Key. Uploads without
 * encryption headers are accepted and encrypted with the CMK; uploads that ask for
 * other encryption or another key are denied. The key opts in to being destroyed:
 * `cdktf destroy` schedules its deletion 7 days after the (empty) bucket is gone.
 */
export class DefaultEncryptionStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);

    const key = new ManagedCmk(this, 'Key', {
      alias: 'default-encryption-example',
      deletionWindowInDays: 7,
      // A throwaway example: `cdktf destroy` may schedule the key's deletion.
      dangerouslyAllowKeyDestroy: true,
      keyAdministratorArns: [deployerArn(this)],
    });
    // Defaults: SSE-KMS with this key, bucket key on, DENY_MISMATCHED_HEADERS, pinned.
    const bucket = new EncryptedBucket(this, 'Bucket', {
      bucketPrefix: 'default-encryption-',
      encryptionKey: key,
    });

    new TerraformOutput(this, 'bucket_name', { value: bucket.bucketName });
    new TerraformOutput(this, 'bucket_arn', { value: bucket.bucketArn });
    new TerraformOutput(this, 'key_arn', { value: key.keyArn });
    new TerraformOutput(this, 'key_alias', { value: key.aliasName });
  }
}
