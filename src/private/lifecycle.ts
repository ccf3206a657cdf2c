import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { BucketSettings } from './bucket-settings';

/** The bucket's lifecycle rules: incomplete uploads are always aborted; old versions may expire. */
export function lifecycleRules(settings: BucketSettings): S3BucketLifecycleConfigurationRule[] {
  const rules: S3BucketLifecycleConfigurationRule[] = [{
    id: 'abort-incomplete-multipart-uploads',
    status: 'Enabled',
    filter: [{ prefix: '' }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: settings.abortIncompleteMultipartUploadAfterDays }],
  }];
  if (settings.noncurrentVersionExpirationDays !== undefined) {
    rules.push({
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      noncurrentVersionExpiration: [{ noncurrentDays: settings.noncurrentVersionExpirationDays }],
    });
  }
  return rules;
}
