import { Check } from '../private/check';

/** Without the safety check, one wrong policy makes the key, and the data under it, unmanageable. */
export const KMS_LOCKOUT_CHECK: Check = {
  rule: {
    id: 'KMS-LOCKOUT-CHECK',
    resourceType: 'aws_kms_key',
    description: 'bypass_policy_lockout_safety_check is not set, so KMS refuses a key policy that would lock everyone out.',
    fix: 'Remove bypass_policy_lockout_safety_check from the key and its aws_kms_key_policy.',
    cdkNag: [],
    checkov: [],
    trivy: [],
  },
  problem: (key, { model }) => {
    // Either place can set it: the key itself or a separate aws_kms_key_policy.
    const setter = [key, ...model.linkedToKey('aws_kms_key_policy', key)].find((e) => {
      const bypass = e.config.bypass_policy_lockout_safety_check;
      return bypass !== undefined && bypass !== false && bypass !== 'false';
    });
    return setter ? `${setter.address} sets bypass_policy_lockout_safety_check` : undefined;
  },
};
