import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedBucket, EncryptionEnforcement, ManagedCmk } from '../src';
import { awsProvider } from './common';

/**
 * A CMK, and a bucket whose policy refuses every upload that does not ask for SSE-KMS
 * (`--sse aws:kms`). Any KMS key is accepted; `pinned-cmk` narrows it to this key.
 */
export class RequireSseKmsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);

    const key = new ManagedCmk(this, 'Key', {
      // Not the console lab's `aws-CMK-key`: aliases are unique per account and Region,
      // and adopt-console-lab adopts that one. Every example deploys side by side.
      alias: 'require-sse-kms-example',
      description: 'Customer Master Key for encrypting S3 data',
    });
    const bucket = new EncryptedBucket(this, 'Bucket', {
      bucketPrefix: 'require-sse-kms-',
      encryptionKey: key,
      encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS,
      pinEncryptionKey: false,
    });

    new TerraformOutput(this, 'bucket_name', { value: bucket.bucketName });
    new TerraformOutput(this, 'bucket_arn', { value: bucket.bucketArn });
    new TerraformOutput(this, 'key_arn', { value: key.keyArn });
    new TerraformOutput(this, 'key_alias', { value: key.aliasName });
  }
}
