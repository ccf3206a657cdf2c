import { isPublicAllow } from '../../private/iam';
import { Check } from '../private/check';
import { readPolicy } from '../private/policy-reader';

/**
 * The key policy decides who may use the key: KMS's default policy hands that decision to
 * every IAM policy in the account, and an Allow to "*" with no caller limit opens it to anyone.
 */
export const KMS_KEY_POLICY: Check = {
  rule: {
    id: 'KMS-KEY-POLICY',
    resourceType: 'aws_kms_key',
    description: 'The key has an explicit key policy, and no Allow statement in it names the "*" principal without a condition that limits the caller (account, organization, principal or source).',
    fix: 'Give the key a policy (policy or aws_kms_key_policy) whose Allow statements name principals, or limit the caller with a condition such as kms:CallerAccount or aws:PrincipalOrgID (ManagedCmk writes one).',
    cdkNag: [],
    checkov: ['CKV2_AWS_64', 'CKV_AWS_33'],
    trivy: [],
  },
  problem: (key, { model }) => {
    const policies = [
      ...(key.config.policy === undefined ? [] : [{ source: key.address, policy: key.config.policy }]),
      ...model.linkedToKey('aws_kms_key_policy', key).map((e) => ({ source: e.address, policy: e.config.policy })),
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
};
