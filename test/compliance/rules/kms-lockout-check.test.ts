import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { compliantKey, findingsOf, newStack, verdict } from '../helpers';

/** KMS-LOCKOUT-CHECK, on stacks written by hand with raw provider classes. */
describe('KMS-LOCKOUT-CHECK', () => {
  test('flags bypass_policy_lockout_safety_check on the key', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { bypassPolicyLockoutSafetyCheck: true });
    expect(verdict(stack)).toEqual(['KMS-LOCKOUT-CHECK stack/key']);
  });

  test('flags it on an aws_kms_key_policy', () => {
    const stack = newStack();
    const key = compliantKey(stack, 'key');
    // The key's own config value (a JSON string), not the `policy` attribute reference.
    new KmsKeyPolicy(stack, 'policy', { keyId: key.arn, policy: key.policyInput!, bypassPolicyLockoutSafetyCheck: true });
    expect(findingsOf(stack).map((f) => f.message)).toEqual([
      expect.stringMatching(/^aws_kms_key_policy.policy sets bypass_policy_lockout_safety_check\./),
    ]);
  });

  test('allows it set to false', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { bypassPolicyLockoutSafetyCheck: false });
    expect(verdict(stack)).toEqual([]);
  });
});
