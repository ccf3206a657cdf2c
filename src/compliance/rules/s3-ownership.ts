import { competing } from '../private/bucket-readers';
import { Check } from '../private/check';
import { blockList } from '../private/stack-model';

/** With ACLs disabled, the bucket policy alone decides access and the owner owns every object. */
export const S3_OWNERSHIP: Check = {
  rule: {
    id: 'S3-OWNERSHIP',
    resourceType: 'aws_s3_bucket',
    description: 'Object ownership is BucketOwnerEnforced, which disables ACLs.',
    fix: 'Add an aws_s3_bucket_ownership_controls with object_ownership = "BucketOwnerEnforced" (EncryptedBucket: objectOwnership).',
    cdkNag: [],
    checkov: ['CKV2_AWS_65'],
    trivy: [],
  },
  problem: (bucket, { model }) => {
    const controls = model.linkedToBucket('aws_s3_bucket_ownership_controls', bucket);
    if (controls.length > 1) return competing(controls);
    const settings = controls.map((c) => blockList(c.config.rule ?? [])?.[0]?.object_ownership);
    if (settings.includes('BucketOwnerEnforced')) return undefined;
    return controls.length === 0
      ? 'no aws_s3_bucket_ownership_controls'
      : `${controls[0].address} sets object_ownership to ${JSON.stringify(settings[0])}`;
  },
};
