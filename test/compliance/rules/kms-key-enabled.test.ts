import { compliantKey, newStack, verdict } from '../helpers';

/** KMS-KEY-ENABLED, on stacks written by hand with raw provider classes. */
describe('KMS-KEY-ENABLED', () => {
  test.each([
    [false, ['KMS-KEY-ENABLED stack/key']],
    [true, []],
    [undefined, []],
  ])('is_enabled %s', (isEnabled, expected) => {
    const stack = newStack();
    compliantKey(stack, 'key', { isEnabled });
    expect(verdict(stack)).toEqual(expected);
  });
});
