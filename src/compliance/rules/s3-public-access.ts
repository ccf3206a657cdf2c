import { competing } from '../private/bucket-readers';
import { Check, isTrue } from '../private/check';

/** Each of the four settings closes a different way to make the bucket public. */
export const S3_PUBLIC_ACCESS: Check = {
  rule: {
    id: 'S3-PUBLIC-ACCESS',
    resourceType: 'aws_s3_bucket',
    description: 'An aws_s3_bucket_public_access_block turns on all four settings.',
    fix: 'Add an aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets true (EncryptedBucket: blockPublicAccess).',
    cdkNag: ['AwsSolutions-S2'],
    checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    trivy: ['AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094'],
  },
  problem: (bucket, { model }) => {
    const blocks = model.linkedToBucket('aws_s3_bucket_public_access_block', bucket);
    if (blocks.length === 0) return 'no aws_s3_bucket_public_access_block';
    if (blocks.length > 1) return competing(blocks);
    const gaps = blocks.map((block) => ({
      block,
      off: PUBLIC_ACCESS_SETTINGS.filter((setting) => !isTrue(block.config[setting])),
    }));
    if (gaps.some(({ off }) => off.length === 0)) return undefined;
    return `${gaps[0].block.address} does not set ${gaps[0].off.join(', ')} to true`;
  },
};

const PUBLIC_ACCESS_SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
