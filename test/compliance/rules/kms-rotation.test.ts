import { compliantKey, newStack, verdict } from '../helpers';

/** KMS-ROTATION, on stacks written by hand with raw provider classes. */
describe('KMS-ROTATION', () => {
  test('flags enable_key_rotation false', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { enableKeyRotation: false });
    expect(verdict(stack)).toEqual(['KMS-ROTATION stack/key']);
  });

  test.each([
    ['an asymmetric key', { customerMasterKeySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }],
    ['an HMAC key', { customerMasterKeySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }],
    ['a key in a custom key store', { customKeyStoreId: 'cks-1234' }],
  ])('does not apply to %s, which KMS cannot rotate', (_, config) => {
    const stack = newStack();
    compliantKey(stack, 'key', { enableKeyRotation: undefined, ...config });
    expect(verdict(stack)).toEqual([]);
  });
});
