import { newStack, rawBucket, verdict } from '../helpers';

/** S3-VERSIONING, on stacks written by hand with raw provider classes. */
describe('S3-VERSIONING', () => {
  test.each([['Suspended'], ['Disabled']])('flags status %s', (status) => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: status });
    expect(verdict(stack)).toEqual(['S3-VERSIONING stack/data']);
  });

  test('flags a bucket without versioning', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: false });
    expect(verdict(stack)).toEqual(['S3-VERSIONING stack/data']);
  });

  test('reads the deprecated inline versioning block', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: false }).addOverride('versioning', { enabled: true });
    expect(verdict(stack)).toEqual([]);
  });
});
