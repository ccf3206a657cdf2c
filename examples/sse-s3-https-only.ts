import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BucketEncryption, EncryptedBucket, EncryptionEnforcement } from '../src';
import { awsProvider } from './common';

/**
 * Every upload must ask for SSE-S3 (`--sse AES256`); no header, or
 * `aws:kms`, is denied. Requests over plain HTTP are denied too.
 */
export class SseS3HttpsOnlyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);

    const bucket = new EncryptedBucket(this, 'Bucket', {
      bucketPrefix: 'sse-s3-https-only-',
      encryption: BucketEncryption.S3_MANAGED,
      encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS,
      // enforceHttps is on by default, with TLS 1.2 as the floor.
    });

    new TerraformOutput(this, 'bucket_name', { value: bucket.bucketName });
    new TerraformOutput(this, 'bucket_arn', { value: bucket.bucketArn });
  }
}
