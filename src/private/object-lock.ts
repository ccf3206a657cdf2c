import type { S3BucketObjectLockConfigurationRuleA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { Token } from 'cdktf';
import { PropValidator } from './validation';
import type { EncryptedBucketProps } from '../encrypted-bucket-props';
import { ObjectLockMode, ObjectLockRetention } from '../object-lock';

/** The Object Lock part of a bucket's settings, checked, with every default applied. */
export interface ObjectLockSettings {
  /** The default retention of new versions; undefined: none (uploads may set their own). */
  readonly retention?: ObjectLockRetention;
  /** Principals the bucket policy lets send `s3:BypassGovernanceRetention`; none: no one may. */
  readonly bypassPrincipalArns: string[];
}

const MAX_DAYS = 36500;

/**
 * Checks the Object Lock props; undefined when the bucket has no Object Lock.
 *
 * Object Lock is never set on `aws_s3_bucket` (its `object_lock_enabled` forces a new
 * bucket) but through `aws_s3_bucket_object_lock_configuration`, which S3 accepts on an
 * existing versioned bucket: turning it on updates the bucket in place.
 */
export function objectLockSettings(v: PropValidator, props: EncryptedBucketProps, versioned: boolean): ObjectLockSettings | undefined {
  const retention = props.objectLockDefaultRetention;
  const enabled = props.objectLockEnabled ?? retention !== undefined;
  if (!enabled) {
    v.notWith('objectLockDefaultRetention', retention && describeRetention(retention), 'when objectLockEnabled is false');
    v.notWith('governanceBypassPrincipalArns', props.governanceBypassPrincipalArns, 'without Object Lock (objectLockEnabled)');
    v.notWith('dangerouslyAllowComplianceRetention', props.dangerouslyAllowComplianceRetention, 'without Object Lock (objectLockEnabled)');
    return undefined;
  }
  if (!versioned) {
    v.fail('versioned', 'must be true with Object Lock: S3 locks object versions, and a bucket with Object Lock cannot suspend versioning', false);
  }
  if (props.forceDestroy === true) {
    v.fail('forceDestroy', 'cannot be true with Object Lock: locked versions cannot be deleted until their retention ends, and the destroy would stop half-way', true);
  }
  if (retention !== undefined) checkRetention(v, retention, props.dangerouslyAllowComplianceRetention ?? false);
  v.principalArns('governanceBypassPrincipalArns', props.governanceBypassPrincipalArns);
  return { retention, bypassPrincipalArns: props.governanceBypassPrincipalArns ?? [] };
}

function checkRetention(v: PropValidator, retention: ObjectLockRetention, allowCompliance: boolean): void {
  v.oneOf('objectLockDefaultRetention.mode', retention.mode, Object.values(ObjectLockMode));
  v.integerInRange('objectLockDefaultRetention.days', retention.days, 1, MAX_DAYS);
  if (retention.mode === ObjectLockMode.COMPLIANCE && !allowCompliance) {
    v.fail(
      'objectLockDefaultRetention',
      'in COMPLIANCE mode needs dangerouslyAllowComplianceRetention: true. No one, the account root included, can delete a version or ' +
      'shorten its retention before it ends, the bucket cannot be destroyed while it holds one, and its storage is billed until then. ' +
      'Use ObjectLockRetention.governance(days) unless a regulation requires COMPLIANCE',
      describeRetention(retention),
    );
  }
  if (allowCompliance && retention.mode !== ObjectLockMode.COMPLIANCE) {
    v.fail('dangerouslyAllowComplianceRetention', 'must be set only with a COMPLIANCE default retention', describeRetention(retention));
  }
}

/** The configuration's rule: the default retention, if any. */
export function objectLockRule(settings: ObjectLockSettings): S3BucketObjectLockConfigurationRuleA | undefined {
  const retention = settings.retention;
  if (retention === undefined) return undefined;
  return { defaultRetention: { mode: retention.mode, days: retention.days } };
}

/** `COMPLIANCE for 30 days`, for messages and warnings. */
export function describeRetention(retention: ObjectLockRetention): string {
  const days = Token.isUnresolved(retention.days) ? 'the given number of' : String(retention.days);
  return `${retention.mode} for ${days} days`;
}
