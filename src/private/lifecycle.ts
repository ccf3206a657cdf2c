import type { S3BucketLifecycleConfigurationRule, S3BucketLifecycleConfigurationRuleFilter } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { Token } from 'cdktf';
import { PropValidator } from './validation';
import { LifecycleRule, StorageClass } from '../bucket-options';

/** The lifecycle part of a bucket's settings, checked, with every default applied. */
export interface LifecycleSettings {
  readonly abortIncompleteMultipartUploadAfterDays: number;
  readonly noncurrentVersionExpirationDays?: number;
  readonly lifecycleRules: LifecycleRule[];
}

/** Ids of the rules the bucket writes itself. */
const ABORT_RULE_ID = 'abort-incomplete-multipart-uploads';
const NONCURRENT_RULE_ID = 'expire-noncurrent-versions';
/** S3 refuses transitions to the infrequent-access classes before an object is 30 days old. */
const INFREQUENT_ACCESS = [StorageClass.STANDARD_IA, StorageClass.ONEZONE_IA];
const MAX_DAYS = 36500;
/** Every class but STANDARD, where objects start: S3 has no transition into it. */
const TRANSITION_CLASSES = Object.values(StorageClass).filter((c) => c !== StorageClass.STANDARD);

/** Checks `lifecycleRules`, naming the rule and field at fault. */
export function validateLifecycleRules(v: PropValidator, rules: LifecycleRule[], versioned: boolean): void {
  const ids = new Set([ABORT_RULE_ID, NONCURRENT_RULE_ID]);
  rules.forEach((rule, i) => {
    const option = `lifecycleRules[${i}]`;
    if (!Token.isUnresolved(rule.id)) {
      if (typeof rule.id !== 'string' || rule.id.length === 0 || rule.id.length > 255) {
        v.fail(`${option}.id`, 'must be 1-255 characters', rule.id);
      }
      if (ids.has(rule.id)) {
        v.fail(`${option}.id`, `must be unique in the bucket's lifecycle rules (${[...ids].join(', ')} are taken)`, rule.id);
      }
      ids.add(rule.id);
    }
    v.integerInRange(`${option}.expirationDays`, rule.expirationDays, 1, MAX_DAYS);
    v.integerInRange(`${option}.noncurrentVersionExpirationDays`, rule.noncurrentVersionExpirationDays, 1, MAX_DAYS);
    v.integerInRange(`${option}.abortIncompleteMultipartUploadAfterDays`, rule.abortIncompleteMultipartUploadAfterDays, 1, MAX_DAYS);
    if (!versioned) {
      v.notWith(`${option}.noncurrentVersionExpirationDays`, rule.noncurrentVersionExpirationDays, 'when versioned is false: an unversioned bucket has no noncurrent versions');
    }
    (rule.transitions ?? []).forEach((transition, j) => {
      const at = `${option}.transitions[${j}]`;
      v.oneOf(`${at}.storageClass`, transition.storageClass, TRANSITION_CLASSES);
      const minimum = INFREQUENT_ACCESS.includes(transition.storageClass) ? 30 : 1;
      const { days } = transition;
      if (minimum === 30 && !Token.isUnresolved(days) && Number.isInteger(days) && days >= 1 && days < 30) {
        const why = 'S3 does not move objects to infrequent access before they are 30 days old';
        v.fail(`${at}.days`, `must be at least 30 for ${transition.storageClass}: ${why}`, days);
      }
      v.integerInRange(`${at}.days`, transition.days, minimum, MAX_DAYS);
    });
    const { expirationDays, noncurrentVersionExpirationDays, abortIncompleteMultipartUploadAfterDays, transitions = [] } = rule;
    if (abortIncompleteMultipartUploadAfterDays !== undefined && Object.keys(rule.tags ?? {}).length > 0) {
      v.fail(`${option}.abortIncompleteMultipartUploadAfterDays`, 'cannot be set on a rule with tags: S3 rejects it (uploads in progress have no tags)', abortIncompleteMultipartUploadAfterDays);
    }
    const last = Math.max(...transitions.map((t) => (Token.isUnresolved(t.days) ? 0 : t.days)));
    if (expirationDays !== undefined && !Token.isUnresolved(expirationDays) && transitions.length > 0 && expirationDays <= last) {
      v.fail(`${option}.expirationDays`, `must be later than every transition (day ${last}): S3 rejects an expiration on or before a transition`, expirationDays);
    }
    const acts = [expirationDays, noncurrentVersionExpirationDays, abortIncompleteMultipartUploadAfterDays, ...transitions];
    if (acts.every((act) => act === undefined)) {
      v.fail(option, 'must do something: give expirationDays, noncurrentVersionExpirationDays, transitions or abortIncompleteMultipartUploadAfterDays', rule.id);
    }
  });
}

/**
 * The bucket's lifecycle rules: incomplete uploads are always aborted, old versions
 * may expire, then the user's rules, in the order given.
 */
export function lifecycleRules(settings: LifecycleSettings): S3BucketLifecycleConfigurationRule[] {
  const rules: S3BucketLifecycleConfigurationRule[] = [{
    id: ABORT_RULE_ID,
    status: 'Enabled',
    filter: [{ prefix: '' }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: settings.abortIncompleteMultipartUploadAfterDays }],
  }];
  if (settings.noncurrentVersionExpirationDays !== undefined) {
    rules.push({
      id: NONCURRENT_RULE_ID,
      status: 'Enabled',
      filter: [{ prefix: '' }],
      noncurrentVersionExpiration: [{ noncurrentDays: settings.noncurrentVersionExpirationDays }],
    });
  }
  return [...rules, ...settings.lifecycleRules.map(userRule)];
}

function userRule(rule: LifecycleRule): S3BucketLifecycleConfigurationRule {
  const { expirationDays, noncurrentVersionExpirationDays: noncurrentDays, abortIncompleteMultipartUploadAfterDays: daysAfterInitiation } = rule;
  return {
    id: rule.id,
    status: 'Enabled',
    filter: [filterOf(rule)],
    expiration: expirationDays === undefined ? undefined : [{ days: expirationDays }],
    noncurrentVersionExpiration: noncurrentDays === undefined ? undefined : [{ noncurrentDays }],
    transition: rule.transitions?.map(({ days, storageClass }) => ({ days, storageClass })),
    abortIncompleteMultipartUpload: daysAfterInitiation === undefined ? undefined : [{ daysAfterInitiation }],
  };
}

/** A prefix alone, one tag alone, or (as S3 requires for more) both under `and`. */
function filterOf(rule: LifecycleRule): S3BucketLifecycleConfigurationRuleFilter {
  const tags = Object.entries(rule.tags ?? {});
  if (tags.length === 0) return { prefix: rule.prefix ?? '' };
  if (tags.length === 1 && rule.prefix === undefined) return { tag: [{ key: tags[0][0], value: tags[0][1] }] };
  return { and: [{ prefix: rule.prefix, tags: rule.tags }] };
}
