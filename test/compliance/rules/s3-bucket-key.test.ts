import { newStack, rawBucket, verdict } from '../helpers';

/** S3-BUCKET-KEY, on stacks written by hand with raw provider classes. */
describe('S3-BUCKET-KEY', () => {
  const kms = (bucketKeyEnabled?: boolean) => ({
    applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234' },
    bucketKeyEnabled,
  });

  test.each([[false], [undefined]])('flags aws:kms with bucket_key_enabled %s', (bucketKeyEnabled) => {
    const stack = newStack();
    rawBucket(stack, 'data', { encryption: kms(bucketKeyEnabled) });
    expect(verdict(stack)).toEqual(['S3-BUCKET-KEY stack/data']);
  });

  test('complies with bucket_key_enabled true, and does not apply to DSSE or SSE-S3', () => {
    const stack = newStack();
    rawBucket(stack, 'kms', { encryption: kms(true) });
    rawBucket(stack, 'dsse', {
      encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234' } },
    });
    rawBucket(stack, 'sses3', { encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } } });
    expect(verdict(stack)).toEqual(['S3-SSE-CMK stack/sses3']);
  });
});
