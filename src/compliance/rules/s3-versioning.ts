import { competing } from '../private/bucket-readers';
import { Check, isTrue } from '../private/check';
import { blockList } from '../private/stack-model';

/** Versions keep what an overwrite or a delete would otherwise lose. */
export const S3_VERSIONING: Check = {
  rule: {
    id: 'S3-VERSIONING',
    resourceType: 'aws_s3_bucket',
    description: 'Versioning is enabled, so overwritten and deleted objects can be recovered.',
    fix: 'Add an aws_s3_bucket_versioning with status = "Enabled" (EncryptedBucket: versioned).',
    cdkNag: [],
    checkov: ['CKV_AWS_21'],
    trivy: ['AVD-AWS-0090'],
  },
  problem: (bucket, { model }) => {
    const resources = model.linkedToBucket('aws_s3_bucket_versioning', bucket);
    if (resources.length > 1) return competing(resources);
    const statuses = resources.map((r) => blockList(r.config.versioning_configuration ?? [])?.[0]?.status);
    // The deprecated inline block of aws_s3_bucket still works, so it counts too.
    const inline = blockList(bucket.config.versioning ?? [])?.[0]?.enabled;
    if (statuses.includes('Enabled') || isTrue(inline)) return undefined;
    return resources.length === 0
      ? 'no aws_s3_bucket_versioning with status "Enabled"'
      : `${resources[0].address} has status ${JSON.stringify(statuses[0])}`;
  },
};
