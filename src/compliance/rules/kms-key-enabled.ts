import { Check, isTrue } from '../private/check';

/** A disabled key fails every request, so the buckets it encrypts can be neither read nor written. */
export const KMS_KEY_ENABLED: Check = {
  rule: {
    id: 'KMS-KEY-ENABLED',
    resourceType: 'aws_kms_key',
    description: 'The key is not disabled by its configuration (is_enabled unset or true).',
    fix: 'Set enabled: true on the ManagedCmk (is_enabled = true); removing is_enabled = false leaves a disabled key disabled.',
    cdkNag: [],
    checkov: ['CKV_AWS_227'],
    trivy: [],
  },
  problem: (key) => {
    const enabled = key.config.is_enabled;
    return enabled === undefined || isTrue(enabled) ? undefined : `is_enabled is ${JSON.stringify(enabled)}`;
  },
};
