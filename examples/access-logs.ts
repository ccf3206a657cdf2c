import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BucketEncryption, EncryptedBucket, ManagedCmk } from '../src';
import { awsProvider } from './common';

/**
 * Two SSE-KMS data buckets share one CMK and deliver server access
 * logs into an SSE-S3 log bucket (S3 does not deliver logs into SSE-KMS buckets).
 * The log bucket's policy lets S3 log delivery write for these two buckets only.
 */
export class AccessLogsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);

    const logs = new EncryptedBucket(this, 'Logs', {
      bucketPrefix: 'access-logs-',
      encryption: BucketEncryption.S3_MANAGED,
      noncurrentVersionExpirationDays: 90,
    });
    const key = new ManagedCmk(this, 'Key', { alias: 'access-logs-example' });
    const raw = new EncryptedBucket(this, 'Raw', {
      bucketPrefix: 'raw-data-',
      encryptionKey: key,
      serverAccessLogs: { targetBucket: logs, prefix: 'raw/' },
    });
    const curated = new EncryptedBucket(this, 'Curated', {
      bucketPrefix: 'curated-data-',
      encryptionKey: key,
      serverAccessLogs: { targetBucket: logs, prefix: 'curated/' },
    });

    new TerraformOutput(this, 'log_bucket_name', { value: logs.bucketName });
    new TerraformOutput(this, 'log_bucket_arn', { value: logs.bucketArn });
    new TerraformOutput(this, 'raw_bucket_name', { value: raw.bucketName });
    new TerraformOutput(this, 'raw_bucket_arn', { value: raw.bucketArn });
    new TerraformOutput(this, 'curated_bucket_name', { value: curated.bucketName });
    new TerraformOutput(this, 'curated_bucket_arn', { value: curated.bucketArn });
    new TerraformOutput(this, 'key_arn', { value: key.keyArn });
    new TerraformOutput(this, 'key_alias', { value: key.aliasName });
  }
}
