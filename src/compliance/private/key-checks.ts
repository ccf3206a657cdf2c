import { Check, isTrue } from './check';
import { readPolicy } from './policy-reader';
import { isLiteral, isPublicAllow } from '../../private/iam';

const KEY = 'aws_kms_key';
const KEY_POLICY = 'aws_kms_key_policy';
/** KMS's own default when `deletion_window_in_days` is unset. */
const DEFAULT_DELETION_WINDOW = 30;

/** The rules for `aws_kms_key`, each reading the key and any `aws_kms_key_policy` for it. */
export const KEY_CHECKS: Check[] = [
  {
    rule: {
      id: 'KMS-ROTATION',
      resourceType: KEY,
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
  },
  {
    rule: {
      id: 'KMS-KEY-POLICY',
      resourceType: KEY,
      description: 'The key has an explicit key policy, and no Allow statement in it names the "*" principal without a condition that limits the caller (account, organization, principal or source).',
      fix: 'Give the key a policy (policy or aws_kms_key_policy) whose Allow statements name principals, or limit the caller with a condition such as kms:CallerAccount or aws:PrincipalOrgID (ManagedCmk writes one).',
      cdkNag: [],
      checkov: ['CKV2_AWS_64', 'CKV_AWS_33'],
      trivy: [],
    },
    problem: (key, { model }) => {
      const policies = [
        ...(key.config.policy === undefined ? [] : [{ source: key.address, policy: key.config.policy }]),
        ...model.linkedToKey(KEY_POLICY, key).map((e) => ({ source: e.address, policy: e.config.policy })),
      ];
      if (policies.length === 0) return 'no key policy, so KMS attaches its default policy';
      for (const { source, policy } of policies) {
        const statements = readPolicy(policy, (type, name) => model.dataSource(type, name));
        if (!statements) return `cannot read the key policy of ${source}; acknowledge KMS-KEY-POLICY if it is compliant`;
        const open = statements.find((s) =>
          isPublicAllow({ effect: s.effect, principal: s.principals, notPrincipal: s.notPrincipal, condition: s.conditions }));
        if (open) {
          return `${source} allows the "*" principal (or everyone but a NotPrincipal list) without a condition that limits the caller${open.sid ? ` (statement ${open.sid})` : ''}`;
        }
      }
      return undefined;
    },
  },
  {
    rule: {
      id: 'KMS-LOCKOUT-CHECK',
      resourceType: KEY,
      description: 'bypass_policy_lockout_safety_check is not set, so KMS refuses a key policy that would lock everyone out.',
      fix: 'Remove bypass_policy_lockout_safety_check from the key and its aws_kms_key_policy.',
      cdkNag: [],
      checkov: [],
      trivy: [],
    },
    problem: (key, { model }) => {
      const setter = [key, ...model.linkedToKey(KEY_POLICY, key)].find((e) => {
        const bypass = e.config.bypass_policy_lockout_safety_check;
        return bypass !== undefined && bypass !== false && bypass !== 'false';
      });
      return setter ? `${setter.address} sets bypass_policy_lockout_safety_check` : undefined;
    },
  },
  {
    rule: {
      id: 'KMS-DELETION-WINDOW',
      resourceType: KEY,
      description: 'deletion_window_in_days (unset means 30) is at least the configured minimum, 30 by default.',
      fix: 'Raise deletion_window_in_days to the minimum or leave it unset for 30 (ManagedCmk: deletionWindowInDays).',
      cdkNag: [],
      checkov: [],
      trivy: [],
    },
    problem: (key, { minimumDeletionWindowInDays: minimum }) => {
      const days = key.config.deletion_window_in_days ?? DEFAULT_DELETION_WINDOW;
      if (typeof days !== 'number' && !(typeof days === 'string' && /^\d+$/.test(days))) {
        return `deletion_window_in_days is ${JSON.stringify(days)}, not known at synth time`;
      }
      return Number(days) < minimum ? `deletion_window_in_days is ${days}, below the minimum of ${minimum}` : undefined;
    },
  },
  {
    rule: {
      id: 'KMS-KEY-ENABLED',
      resourceType: KEY,
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
  },
];
