import { Check, isTrue } from '../private/check';

/** A disabled key fails every request, so the buckets it encrypts can be neither read nor written. */
export const KMS_KEY_ENABLED: Check = {
  rule: {
    id: 'KMS-KEY-ENABLED',
    resourceType: 'aws_kms_key',
    description: 'The key is enabled (is_enabled unset or true).',
    fix: 'Remove is_enabled = false from the key.',
    cdkNag: [],
    checkov: ['CKV_AWS_227'],
    trivy: [],
  },
  problem: (key) => {
    const enabled = key.config.is_enabled;
    return enabled === undefined || isTrue(enabled) ? undefined : `is_enabled is ${JSON.stringify(enabled)}`;
  },
};
