import { Token } from 'cdktf';
import { PropValidator } from './validation';
import { LifecycleRule, StorageClass } from '../bucket-options';

/** Ids of the rules the bucket writes itself. */
export const ABORT_RULE_ID = 'abort-incomplete-multipart-uploads';
export const NONCURRENT_RULE_ID = 'expire-noncurrent-versions';

/** S3 refuses transitions to the infrequent-access classes before day 30. */
const INFREQUENT_ACCESS = [StorageClass.STANDARD_IA, StorageClass.ONEZONE_IA];
const MAX_DAYS = 36500;
/** Every class but STANDARD, where objects start: S3 has no transition into it. */
const TRANSITION_CLASSES = Object.values(StorageClass).filter((c) => c !== StorageClass.STANDARD);
/** S3 keeps at most 100 newer noncurrent versions. */
const MAX_NEWER_VERSIONS = 100;
/** S3's largest object, and so its largest object-size filter: 50 TB. */
const MAX_OBJECT_SIZE = 50 * 1024 ** 4;

/** What S3 says about a transition's day: current objects count from creation, noncurrent versions from then on. */
const WAIT = {
  current: 'S3 does not move objects to infrequent access before they are 30 days old',
  noncurrent: 'S3 does not move noncurrent versions to infrequent access before they have been noncurrent for 30 days',
};

interface Transition {
  readonly days: number;
  readonly storageClass: StorageClass;
}

/** Checks `lifecycleRules`, naming the rule and field at fault. */
export function validateLifecycleRules(v: PropValidator, rules: LifecycleRule[], versioned: boolean): void {
  const ids = new Set([ABORT_RULE_ID, NONCURRENT_RULE_ID]);
  rules.forEach((rule, i) => {
    const option = `lifecycleRules[${i}]`;
    checkId(v, option, rule.id, ids);
    v.integerInRange(`${option}.expirationDays`, rule.expirationDays, 1, MAX_DAYS);
    v.integerInRange(`${option}.noncurrentVersionExpirationDays`, rule.noncurrentVersionExpirationDays, 1, MAX_DAYS);
    v.integerInRange(`${option}.newerNoncurrentVersions`, rule.newerNoncurrentVersions, 1, MAX_NEWER_VERSIONS);
    v.integerInRange(`${option}.abortIncompleteMultipartUploadAfterDays`, rule.abortIncompleteMultipartUploadAfterDays, 1, MAX_DAYS);
    if (!versioned) checkUnversioned(v, option, rule);
    checkTransitions(v, `${option}.transitions`, rule.transitions ?? [], WAIT.current);
    checkTransitions(v, `${option}.noncurrentVersionTransitions`, rule.noncurrentVersionTransitions ?? [], WAIT.noncurrent);
    (rule.noncurrentVersionTransitions ?? []).forEach((transition, j) => {
      v.integerInRange(`${option}.noncurrentVersionTransitions[${j}].newerNoncurrentVersions`, transition.newerNoncurrentVersions, 1, MAX_NEWER_VERSIONS);
    });
    checkObjectSizes(v, option, rule);
    checkCombinations(v, option, rule);
    checkOrder(v, `${option}.expirationDays`, rule.expirationDays, rule.transitions ?? [], 'transition', 'an expiration');
    checkOrder(v, `${option}.noncurrentVersionExpirationDays`, rule.noncurrentVersionExpirationDays, rule.noncurrentVersionTransitions ?? [],
      'noncurrent transition', 'a noncurrent expiration');
    checkSomethingToDo(v, option, rule);
  });
}

function checkId(v: PropValidator, option: string, id: string, ids: Set<string>): void {
  if (Token.isUnresolved(id)) return;
  if (typeof id !== 'string' || id.length === 0 || id.length > 255) {
    v.fail(`${option}.id`, 'must be 1-255 characters', id);
  }
  if (ids.has(id)) {
    v.fail(`${option}.id`, `must be unique in the bucket's lifecycle rules (${[...ids].join(', ')} are taken)`, id);
  }
  ids.add(id);
}

/** Options about noncurrent versions and delete markers, which an unversioned bucket never has. */
function checkUnversioned(v: PropValidator, option: string, rule: LifecycleRule): void {
  v.notWith(`${option}.noncurrentVersionExpirationDays`, rule.noncurrentVersionExpirationDays, 'when versioned is false: an unversioned bucket has no noncurrent versions');
  if ((rule.noncurrentVersionTransitions ?? []).length > 0) {
    v.fail(`${option}.noncurrentVersionTransitions`, 'cannot be set when versioned is false: an unversioned bucket has no noncurrent versions');
  }
  if (rule.expiredObjectDeleteMarker === true) {
    v.fail(`${option}.expiredObjectDeleteMarker`, 'cannot be set when versioned is false: an unversioned bucket has no delete markers', true);
  }
}

/** Storage class and day of each transition, and no class twice. */
function checkTransitions(v: PropValidator, option: string, transitions: Transition[], wait: string): void {
  const seen = new Map<StorageClass, number>();
  transitions.forEach(({ days, storageClass }, j) => {
    const at = `${option}[${j}]`;
    v.oneOf(`${at}.storageClass`, storageClass, TRANSITION_CLASSES);
    const minimum = INFREQUENT_ACCESS.includes(storageClass) ? 30 : 1;
    if (minimum === 30 && known(days) && Number.isInteger(days) && days >= 1 && days < 30) {
      v.fail(`${at}.days`, `must be at least 30 for ${storageClass}: ${wait}`, days);
    }
    v.integerInRange(`${at}.days`, days, minimum, MAX_DAYS);
    if (Token.isUnresolved(storageClass)) return;
    const earlier = seen.get(storageClass);
    if (earlier !== undefined) {
      v.fail(`${at}.storageClass`, `must differ from ${option}[${earlier}]: S3 takes one transition to each storage class in a rule`, storageClass);
    }
    seen.set(storageClass, j);
  });
}

/** Sizes in bytes, and a range that some object can fall in. */
function checkObjectSizes(v: PropValidator, option: string, rule: LifecycleRule): void {
  const { objectSizeGreaterThan: above, objectSizeLessThan: below } = rule;
  v.integerInRange(`${option}.objectSizeGreaterThan`, above, 0, MAX_OBJECT_SIZE);
  v.integerInRange(`${option}.objectSizeLessThan`, below, 1, MAX_OBJECT_SIZE);
  if (known(above) && known(below) && below <= above) {
    v.fail(`${option}.objectSizeLessThan`, `must be greater than objectSizeGreaterThan (${above}): S3 rejects an empty size range`, below);
  }
}

/** Options S3 accepts alone but not together in one rule. */
function checkCombinations(v: PropValidator, option: string, rule: LifecycleRule): void {
  const tagged = Object.keys(rule.tags ?? {}).length > 0;
  if (rule.abortIncompleteMultipartUploadAfterDays !== undefined && tagged) {
    v.fail(`${option}.abortIncompleteMultipartUploadAfterDays`, 'cannot be set on a rule with tags: S3 rejects it (uploads in progress have no tags)',
      rule.abortIncompleteMultipartUploadAfterDays);
  }
  if (rule.newerNoncurrentVersions !== undefined && rule.noncurrentVersionExpirationDays === undefined) {
    v.fail(`${option}.newerNoncurrentVersions`, 'needs noncurrentVersionExpirationDays: it only limits which noncurrent versions expire', rule.newerNoncurrentVersions);
  }
  if (rule.expiredObjectDeleteMarker === true && rule.expirationDays !== undefined) {
    v.fail(`${option}.expiredObjectDeleteMarker`,
      'cannot be set with expirationDays: S3 rejects both in one expiration (and an expiration in days removes expired delete markers anyway)', true);
  }
  if (rule.expiredObjectDeleteMarker === true && tagged) {
    v.fail(`${option}.expiredObjectDeleteMarker`, 'cannot be set on a rule with tags: S3 rejects it (delete markers have no tags)', true);
  }
}

/** An expiration must come after every transition of the same versions. */
function checkOrder(v: PropValidator, option: string, expiry: number | undefined, transitions: Transition[], what: string, expiration: string): void {
  if (!known(expiry) || transitions.length === 0) return;
  const last = Math.max(...transitions.map((t) => (known(t.days) ? t.days : 0)));
  if (expiry <= last) {
    v.fail(option, `must be later than every ${what} (day ${last}): S3 rejects ${expiration} on or before a ${what}`, expiry);
  }
}

function checkSomethingToDo(v: PropValidator, option: string, rule: LifecycleRule): void {
  const acts = [
    rule.expirationDays,
    rule.noncurrentVersionExpirationDays,
    rule.abortIncompleteMultipartUploadAfterDays,
    rule.expiredObjectDeleteMarker === true ? true : undefined,
    ...(rule.transitions ?? []),
    ...(rule.noncurrentVersionTransitions ?? []),
  ];
  if (acts.every((act) => act === undefined)) {
    v.fail(option, 'must do something: give expirationDays, noncurrentVersionExpirationDays, transitions, noncurrentVersionTransitions, '
      + 'expiredObjectDeleteMarker or abortIncompleteMultipartUploadAfterDays', rule.id);
  }
}

/** A number known at synth: given, and not a token. */
function known(value: number | undefined): value is number {
  return value !== undefined && !Token.isUnresolved(value);
}
