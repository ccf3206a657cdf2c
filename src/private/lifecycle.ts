import type {
  S3BucketLifecycleConfigurationRule,
  S3BucketLifecycleConfigurationRuleExpiration,
  S3BucketLifecycleConfigurationRuleFilter,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { ABORT_RULE_ID, NONCURRENT_RULE_ID } from './lifecycle-validation';
import { LifecycleRule } from '../bucket-options';

export { validateLifecycleRules } from './lifecycle-validation';

/** The lifecycle part of a bucket's settings, checked, with every default applied. */
export interface LifecycleSettings {
  readonly abortIncompleteMultipartUploadAfterDays: number;
  readonly noncurrentVersionExpirationDays?: number;
  readonly lifecycleRules: LifecycleRule[];
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
  const { noncurrentVersionExpirationDays: noncurrentDays, newerNoncurrentVersions } = rule;
  const daysAfterInitiation = rule.abortIncompleteMultipartUploadAfterDays;
  return {
    id: rule.id,
    status: 'Enabled',
    filter: [filterOf(rule)],
    expiration: expirationOf(rule),
    noncurrentVersionExpiration: noncurrentDays === undefined ? undefined : [{ noncurrentDays, newerNoncurrentVersions }],
    transition: rule.transitions?.map(({ days, storageClass }) => ({ days, storageClass })),
    noncurrentVersionTransition: rule.noncurrentVersionTransitions?.map((t) => ({
      noncurrentDays: t.days,
      storageClass: t.storageClass,
      newerNoncurrentVersions: t.newerNoncurrentVersions,
    })),
    abortIncompleteMultipartUpload: daysAfterInitiation === undefined ? undefined : [{ daysAfterInitiation }],
  };
}

/** Days, or removing expired delete markers: S3 takes one or the other in an expiration. */
function expirationOf(rule: LifecycleRule): S3BucketLifecycleConfigurationRuleExpiration[] | undefined {
  if (rule.expirationDays !== undefined) return [{ days: rule.expirationDays }];
  if (rule.expiredObjectDeleteMarker === true) return [{ expiredObjectDeleteMarker: true }];
  return undefined;
}

/**
 * One condition alone (a prefix, a tag or a size bound), or, as S3 requires for more,
 * all of them under `and`. No condition at all is the empty prefix: every object.
 */
function filterOf(rule: LifecycleRule): S3BucketLifecycleConfigurationRuleFilter {
  const { prefix, objectSizeGreaterThan, objectSizeLessThan } = rule;
  const tags = Object.entries(rule.tags ?? {});
  const sizes = [objectSizeGreaterThan, objectSizeLessThan].filter((size) => size !== undefined);
  const conditions = (prefix === undefined ? 0 : 1) + tags.length + sizes.length;
  if (conditions > 1) {
    return { and: [{ prefix, tags: tags.length > 0 ? rule.tags : undefined, objectSizeGreaterThan, objectSizeLessThan }] };
  }
  if (tags.length === 1) return { tag: [{ key: tags[0][0], value: tags[0][1] }] };
  if (objectSizeGreaterThan !== undefined) return { objectSizeGreaterThan };
  if (objectSizeLessThan !== undefined) return { objectSizeLessThan };
  return { prefix: prefix ?? '' };
}
