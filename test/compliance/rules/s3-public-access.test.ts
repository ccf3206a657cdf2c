import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { findingsOf, newStack, rawBucket, verdict } from '../helpers';

/** S3-PUBLIC-ACCESS, on stacks written by hand with raw provider classes. */
describe('S3-PUBLIC-ACCESS', () => {
  test.each([
    ['blockPublicAcls'], ['blockPublicPolicy'], ['ignorePublicAcls'], ['restrictPublicBuckets'],
  ])('flags %s off', (setting) => {
    const stack = newStack();
    rawBucket(stack, 'data', { publicAccessBlock: { [setting]: false } });
    const findings = findingsOf(stack);
    expect(findings.map((f) => f.ruleId)).toEqual(['S3-PUBLIC-ACCESS']);
    expect(findings[0].message).toContain(`does not set ${setting.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} to true`);
  });

  test('flags a missing public access block', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { publicAccessBlock: false });
    expect(findingsOf(stack).map((f) => f.message)).toEqual([expect.stringMatching(/^no aws_s3_bucket_public_access_block\./)]);
  });

  test('complies with a block that names the bucket literally', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { bucketName: 'my-data', publicAccessBlock: false });
    new S3BucketPublicAccessBlock(stack, 'block', {
      bucket: 'my-data', blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    expect(verdict(stack)).toEqual([]);
  });
});
