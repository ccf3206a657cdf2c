import { isLiteral } from '../../private/iam';
import { Check, isTrue } from '../private/check';

/** Rotation limits how much data one version of the key material protects. */
export const KMS_ROTATION: Check = {
  rule: {
    id: 'KMS-ROTATION',
    resourceType: 'aws_kms_key',
    description: 'Symmetric encryption keys rotate their key material automatically.',
    fix: 'Set enable_key_rotation = true (ManagedCmk: enableKeyRotation).',
    cdkNag: ['AwsSolutions-KMS5'],
    checkov: ['CKV_AWS_7'],
    trivy: ['AVD-AWS-0065'],
  },
  problem: (key) => {
    const { customer_master_key_spec: spec, key_usage: usage, custom_key_store_id: customStore } = key.config;
    // KMS rotates only symmetric encryption keys outside custom key stores (and S3 uses only those).
    const rotatable = !(isLiteral(spec) && spec !== undefined && spec !== 'SYMMETRIC_DEFAULT')
      && !(isLiteral(usage) && usage !== undefined && usage !== 'ENCRYPT_DECRYPT')
      && customStore === undefined;
    return rotatable && !isTrue(key.config.enable_key_rotation) ? 'enable_key_rotation is not true' : undefined;
  },
};
