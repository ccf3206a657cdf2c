/** Lifecycle rules as the real AWS provider reads them: every filter shape validates and plans. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { BucketEncryption, EncryptedBucket, StorageClass } from '../src';
import { synthStack, terraformPlan, terraformValidate } from './support/terraform';

test('a log bucket\'s rules, every option among them, validate and plan with the real provider, as written', () => {
  const { dir } = synthStack((app) => {
    const stack = new TerraformStack(app, 'lifecycle');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new EncryptedBucket(stack, 'Logs', {
      encryption: BucketEncryption.S3_MANAGED,
      noncurrentVersionExpirationDays: 7,
      lifecycleRules: [
        { id: 'expire-logs', expirationDays: 90 },
        { id: 'archive-raw', prefix: 'raw/', transitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }, { days: 180, storageClass: StorageClass.DEEP_ARCHIVE }] },
        { id: 'tmp-tag', tags: { class: 'tmp' }, expirationDays: 1 },
        { id: 'tmp-both', prefix: 'tmp/', tags: { class: 'tmp', team: 'x' }, noncurrentVersionExpirationDays: 1 },
        { id: 'uploads', prefix: 'uploads/', abortIncompleteMultipartUploadAfterDays: 1 },
        {
          id: 'old-versions',
          prefix: 'data/',
          noncurrentVersionExpirationDays: 365,
          newerNoncurrentVersions: 5,
          noncurrentVersionTransitions: [
            { days: 30, storageClass: StorageClass.STANDARD_IA },
            { days: 90, storageClass: StorageClass.GLACIER, newerNoncurrentVersions: 2 },
          ],
        },
        { id: 'markers', expiredObjectDeleteMarker: true },
        { id: 'small', objectSizeLessThan: 1024, expirationDays: 7 },
        { id: 'large', objectSizeGreaterThan: 1048576, transitions: [{ days: 1, storageClass: StorageClass.GLACIER }] },
        { id: 'sizes-only', objectSizeGreaterThan: 0, objectSizeLessThan: 128, expirationDays: 2 },
        { id: 'everything', prefix: 'raw/', tags: { class: 'big' }, objectSizeGreaterThan: 1024, objectSizeLessThan: 1048576, expirationDays: 30 },
      ],
    });
    return stack;
  });
  expect(terraformValidate(dir).valid).toBe(true);
  const plan = terraformPlan(dir);
  const [lifecycle] = plan.resourceChanges.filter((rc) => rc.type === 'aws_s3_bucket_lifecycle_configuration');
  const rules = lifecycle.after!.rule as any[];
  expect(rules.map((r) => r.id)).toEqual([
    'abort-incomplete-multipart-uploads', 'expire-noncurrent-versions', 'expire-logs', 'archive-raw', 'tmp-tag', 'tmp-both', 'uploads',
    'old-versions', 'markers', 'small', 'large', 'sizes-only', 'everything',
  ]);
  const byId = Object.fromEntries(rules.map((r) => [r.id, r]));
  expect(byId['expire-logs'].expiration[0].days).toBe(90);
  expect(byId['archive-raw'].filter[0].prefix).toBe('raw/');
  expect(byId['archive-raw'].transition.map((t: any) => [t.days, t.storage_class]).sort()).toEqual([[180, 'DEEP_ARCHIVE'], [30, 'STANDARD_IA']]);
  expect(byId['tmp-tag'].filter[0].tag[0]).toEqual({ key: 'class', value: 'tmp' });
  expect(byId['tmp-both'].filter[0].and[0]).toMatchObject({ prefix: 'tmp/', tags: { class: 'tmp', team: 'x' } });
  expect(byId['tmp-both'].noncurrent_version_expiration[0].noncurrent_days).toBe(1);
  expect(byId.uploads.abort_incomplete_multipart_upload[0].days_after_initiation).toBe(1);
  const old = byId['old-versions'];
  expect(old.noncurrent_version_expiration[0]).toMatchObject({ noncurrent_days: 365, newer_noncurrent_versions: 5 });
  expect(old.noncurrent_version_transition.map((t: any) => [t.noncurrent_days, t.storage_class, t.newer_noncurrent_versions]).sort())
    .toEqual([[30, 'STANDARD_IA', null], [90, 'GLACIER', 2]]);
  expect(byId.markers.expiration[0]).toMatchObject({ expired_object_delete_marker: true });
  expect(byId.small.filter[0].object_size_less_than).toBe(1024);
  expect(byId.large.filter[0].object_size_greater_than).toBe(1048576);
  expect(byId['sizes-only'].filter[0].and[0]).toMatchObject({ object_size_greater_than: 0, object_size_less_than: 128 });
  expect(byId.everything.filter[0].and[0]).toMatchObject({
    prefix: 'raw/', tags: { class: 'big' }, object_size_greater_than: 1024, object_size_less_than: 1048576,
  });
});
