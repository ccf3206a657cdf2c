import { findingsOf, newStack, rawBucket, verdict } from '../helpers';

/** S3-OWNERSHIP, on stacks written by hand with raw provider classes. */
describe('S3-OWNERSHIP', () => {
  test.each([['BucketOwnerPreferred'], ['ObjectWriter']])('flags %s', (ownership) => {
    const stack = newStack();
    rawBucket(stack, 'data', { objectOwnership: ownership });
    const findings = findingsOf(stack);
    expect(findings.map((f) => f.ruleId)).toEqual(['S3-OWNERSHIP']);
    expect(findings[0].message).toContain(`sets object_ownership to "${ownership}"`);
  });

  test('flags missing ownership controls', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { objectOwnership: false });
    expect(verdict(stack)).toEqual(['S3-OWNERSHIP stack/data']);
  });
});
