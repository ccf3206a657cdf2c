import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedBucket, EncryptionEnforcement, ManagedCmk } from '../src';
import { awsProvider } from './common';

/**
 * As `require-sse-kms`, narrowed to one CMK. Every upload must send
 * `--sse aws:kms --sse-kms-key-id <this key's ARN>`; any other key, or none, is denied.
 */
export class PinnedCmkStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);

    const key = new ManagedCmk(this, 'Key', {
      // Aliases are unique per account and Region, and every example deploys side by side.
      alias: 'aws-CMK-key-pinned',
      description: 'Customer Master Key for encrypting S3 data',
    });
    const bucket = new EncryptedBucket(this, 'Bucket', {
      bucketPrefix: 'pinned-cmk-',
      encryptionKey: key,
      encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS,
      // pinEncryptionKey is on by default for SSE-KMS.
    });

    new TerraformOutput(this, 'bucket_name', { value: bucket.bucketName });
    new TerraformOutput(this, 'bucket_arn', { value: bucket.bucketArn });
    new TerraformOutput(this, 'key_arn', { value: key.keyArn });
    new TerraformOutput(this, 'key_alias', { value: key.aliasName });
  }
}
