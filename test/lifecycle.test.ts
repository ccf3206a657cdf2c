import { TerraformVariable } from 'cdktf';
import { BucketEncryption, EncryptedBucket, EncryptedBucketProps, LifecycleRule, StorageClass } from '../src';
import { errorOf, onlyResource, synthJson, testStack } from './support/synth';

function rulesOf(props: EncryptedBucketProps): any[] {
  const stack = testStack();
  new EncryptedBucket(stack, 'Logs', { encryption: BucketEncryption.S3_MANAGED, ...props });
  return onlyResource(synthJson(stack), 'aws_s3_bucket_lifecycle_configuration').rule;
}

describe('lifecycleRules', () => {
  test('are merged into the one lifecycle configuration, after the bucket\'s abort rule', () => {
    const rules = rulesOf({ lifecycleRules: [{ id: 'expire-logs', expirationDays: 90 }] });
    expect(rules.map((r) => r.id)).toEqual(['abort-incomplete-multipart-uploads', 'expire-logs']);
    expect(rules[1]).toEqual({ id: 'expire-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 90 }] });
  });

  test('every field renders as S3 reads it', () => {
    const [, rule] = rulesOf({
      lifecycleRules: [{
        id: 'archive',
        prefix: 'raw/',
        expirationDays: 400,
        noncurrentVersionExpirationDays: 30,
        abortIncompleteMultipartUploadAfterDays: 2,
        transitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }, { days: 90, storageClass: StorageClass.GLACIER }],
      }],
    });
    expect(rule).toEqual({
      id: 'archive',
      status: 'Enabled',
      filter: [{ prefix: 'raw/' }],
      expiration: [{ days: 400 }],
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 2 }],
      transition: [{ days: 30, storage_class: 'STANDARD_IA' }, { days: 90, storage_class: 'GLACIER' }],
    });
  });

  test.each<[string, Partial<LifecycleRule>, unknown]>([
    ['one tag: a tag filter', { tags: { class: 'tmp' } }, [{ tag: [{ key: 'class', value: 'tmp' }] }]],
    ['a prefix and a tag: both under and', { prefix: 'tmp/', tags: { class: 'tmp' } }, [{ and: [{ prefix: 'tmp/', tags: { class: 'tmp' } }] }]],
    ['two tags: under and', { tags: { a: '1', b: '2' } }, [{ and: [{ tags: { a: '1', b: '2' } }] }]],
    ['a lower size bound alone', { objectSizeGreaterThan: 0 }, [{ object_size_greater_than: 0 }]],
    ['an upper size bound alone', { objectSizeLessThan: 1024 }, [{ object_size_less_than: 1024 }]],
    ['both size bounds: under and', { objectSizeGreaterThan: 128, objectSizeLessThan: 1024 }, [{ and: [{ object_size_greater_than: 128, object_size_less_than: 1024 }] }]],
    ['a prefix and a size bound: under and', { prefix: 'raw/', objectSizeLessThan: 1024 }, [{ and: [{ prefix: 'raw/', object_size_less_than: 1024 }] }]],
    [
      'a prefix, a tag and both size bounds: all under and',
      { prefix: 'raw/', tags: { class: 'tmp' }, objectSizeGreaterThan: 1, objectSizeLessThan: 2 },
      [{ and: [{ prefix: 'raw/', tags: { class: 'tmp' }, object_size_greater_than: 1, object_size_less_than: 2 }] }],
    ],
  ])('%s', (_label, filter, expected) => {
    const [, rule] = rulesOf({ lifecycleRules: [{ id: 'r', expirationDays: 1, ...filter }] });
    expect(rule.filter).toEqual(expected);
  });

  test('noncurrent versions: transitions, and the newest kept from expiry', () => {
    const [, rule] = rulesOf({
      lifecycleRules: [{
        id: 'old-versions',
        noncurrentVersionExpirationDays: 365,
        newerNoncurrentVersions: 5,
        noncurrentVersionTransitions: [
          { days: 30, storageClass: StorageClass.STANDARD_IA },
          { days: 90, storageClass: StorageClass.GLACIER, newerNoncurrentVersions: 2 },
        ],
      }],
    });
    expect(rule).toEqual({
      id: 'old-versions',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      noncurrent_version_expiration: [{ noncurrent_days: 365, newer_noncurrent_versions: 5 }],
      noncurrent_version_transition: [
        { noncurrent_days: 30, storage_class: 'STANDARD_IA' },
        { noncurrent_days: 90, storage_class: 'GLACIER', newer_noncurrent_versions: 2 },
      ],
    });
  });

  test('expiredObjectDeleteMarker: an expiration with the marker and no days', () => {
    const [, rule] = rulesOf({ lifecycleRules: [{ id: 'markers', prefix: 'logs/', expiredObjectDeleteMarker: true, noncurrentVersionExpirationDays: 30 }] });
    expect(rule).toEqual({
      id: 'markers',
      status: 'Enabled',
      filter: [{ prefix: 'logs/' }],
      expiration: [{ expired_object_delete_marker: true }],
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
    });
  });

  test('expiredObjectDeleteMarker false renders nothing beside the expiry in days', () => {
    const [, rule] = rulesOf({ lifecycleRules: [{ id: 'r', expirationDays: 9, expiredObjectDeleteMarker: false }] });
    expect(rule.expiration).toEqual([{ days: 9 }]);
  });

  test('unresolved tokens are not checked, and render as given', () => {
    const stack = testStack();
    const days = new TerraformVariable(stack, 'days', { type: 'number' }).numberValue;
    const size = new TerraformVariable(stack, 'size', { type: 'number' }).numberValue;
    new EncryptedBucket(stack, 'Logs', {
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{
        id: 'r',
        objectSizeGreaterThan: size,
        objectSizeLessThan: size,
        noncurrentVersionExpirationDays: days,
        newerNoncurrentVersions: days,
        noncurrentVersionTransitions: [{ days, storageClass: StorageClass.STANDARD_IA, newerNoncurrentVersions: days }],
      }],
    });
    const [, rule] = onlyResource(synthJson(stack), 'aws_s3_bucket_lifecycle_configuration').rule;
    expect(rule.filter).toEqual([{ and: [{ object_size_greater_than: '${var.size}', object_size_less_than: '${var.size}' }] }]);
    expect(rule.noncurrent_version_transition).toEqual([{ noncurrent_days: '${var.days}', storage_class: 'STANDARD_IA', newer_noncurrent_versions: '${var.days}' }]);
  });
});

describe('lifecycleRules reject bad input', () => {
  const cases: Array<{ label: string; rules: LifecycleRule[]; option: string; message: RegExp; props?: EncryptedBucketProps }> = [
    { label: 'expiration on day 0', rules: [{ id: 'r', expirationDays: 0 }], option: 'lifecycleRules[0].expirationDays', message: /must be an integer between 1 and 36500 \(got 0\)/ },
    { label: 'a fractional day', rules: [{ id: 'r', noncurrentVersionExpirationDays: 1.5 }], option: 'lifecycleRules[0].noncurrentVersionExpirationDays', message: /integer between 1 and 36500 \(got 1.5\)/ },
    { label: 'abort after 0 days', rules: [{ id: 'r', abortIncompleteMultipartUploadAfterDays: 0 }], option: 'lifecycleRules[0].abortIncompleteMultipartUploadAfterDays', message: /integer between 1/ },
    {
      label: 'STANDARD_IA before day 30',
      rules: [{ id: 'r', transitions: [{ days: 29, storageClass: StorageClass.STANDARD_IA }] }],
      option: 'lifecycleRules[0].transitions[0].days',
      message: /must be at least 30 for STANDARD_IA: S3 does not move objects to infrequent access before they are 30 days old \(got 29\)/,
    },
    { label: 'ONEZONE_IA before day 30', rules: [{ id: 'r', transitions: [{ days: 1, storageClass: StorageClass.ONEZONE_IA }] }], option: 'lifecycleRules[0].transitions[0].days', message: /at least 30 for ONEZONE_IA/ },
    { label: 'a transition on day 0', rules: [{ id: 'r', transitions: [{ days: 0, storageClass: StorageClass.GLACIER }] }], option: 'lifecycleRules[0].transitions[0].days', message: /integer between 1 and 36500/ },
    { label: 'an unknown storage class', rules: [{ id: 'r', transitions: [{ days: 1, storageClass: 'COLD' as StorageClass }] }], option: 'lifecycleRules[0].transitions[0].storageClass', message: /must be one of "STANDARD_IA"/ },
    { label: 'duplicate ids', rules: [{ id: 'r', expirationDays: 1 }, { id: 'r', expirationDays: 2 }], option: 'lifecycleRules[1].id', message: /must be unique in the bucket's lifecycle rules .* \(got "r"\)/ },
    { label: 'the id of the bucket\'s own rule', rules: [{ id: 'abort-incomplete-multipart-uploads', expirationDays: 1 }], option: 'lifecycleRules[0].id', message: /must be unique/ },
    { label: 'an empty id', rules: [{ id: '', expirationDays: 1 }], option: 'lifecycleRules[0].id', message: /must be 1-255 characters/ },
    {
      label: 'abort days on a rule with tags',
      rules: [{ id: 'r', tags: { a: '1' }, abortIncompleteMultipartUploadAfterDays: 1 }],
      option: 'lifecycleRules[0].abortIncompleteMultipartUploadAfterDays',
      message: /cannot be set on a rule with tags: S3 rejects it/,
    },
    {
      label: 'expiry on the day of a transition',
      rules: [{ id: 'r', expirationDays: 30, transitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }] }],
      option: 'lifecycleRules[0].expirationDays',
      message: /must be later than every transition \(day 30\)/,
    },
    {
      label: 'a rule that does nothing',
      rules: [{ id: 'idle', prefix: 'x/', expiredObjectDeleteMarker: false, noncurrentVersionTransitions: [] }],
      option: 'lifecycleRules[0]',
      message: /must do something: give .*noncurrentVersionTransitions, expiredObjectDeleteMarker or/,
    },
    {
      label: 'noncurrent expiry without versioning',
      rules: [{ id: 'r', noncurrentVersionExpirationDays: 30 }],
      props: { versioned: false },
      option: 'lifecycleRules[0].noncurrentVersionExpirationDays',
      message: /cannot be set when versioned is false: an unversioned bucket has no noncurrent versions \(got 30\)/,
    },
    {
      label: 'noncurrent transitions without versioning',
      rules: [{ id: 'r', noncurrentVersionTransitions: [{ days: 30, storageClass: StorageClass.GLACIER }] }],
      props: { versioned: false },
      option: 'lifecycleRules[0].noncurrentVersionTransitions',
      message: /cannot be set when versioned is false: an unversioned bucket has no noncurrent versions$/,
    },
    {
      label: 'expired delete markers without versioning',
      rules: [{ id: 'r', expiredObjectDeleteMarker: true }],
      props: { versioned: false },
      option: 'lifecycleRules[0].expiredObjectDeleteMarker',
      message: /cannot be set when versioned is false: an unversioned bucket has no delete markers \(got true\)/,
    },
    {
      label: 'a noncurrent transition to STANDARD_IA before noncurrent day 30',
      rules: [{ id: 'r', noncurrentVersionTransitions: [{ days: 60, storageClass: StorageClass.GLACIER }, { days: 29, storageClass: StorageClass.STANDARD_IA }] }],
      option: 'lifecycleRules[0].noncurrentVersionTransitions[1].days',
      message: /must be at least 30 for STANDARD_IA: S3 does not move noncurrent versions to infrequent access before they have been noncurrent for 30 days \(got 29\)/,
    },
    {
      label: 'a noncurrent transition to ONEZONE_IA before noncurrent day 30',
      rules: [{ id: 'r', noncurrentVersionTransitions: [{ days: 1, storageClass: StorageClass.ONEZONE_IA }] }],
      option: 'lifecycleRules[0].noncurrentVersionTransitions[0].days',
      message: /at least 30 for ONEZONE_IA/,
    },
    {
      label: 'a noncurrent transition on noncurrent day 0',
      rules: [{ id: 'r', noncurrentVersionTransitions: [{ days: 0, storageClass: StorageClass.GLACIER }] }],
      option: 'lifecycleRules[0].noncurrentVersionTransitions[0].days',
      message: /must be an integer between 1 and 36500 \(got 0\)/,
    },
    {
      label: 'a noncurrent transition to STANDARD',
      rules: [{ id: 'r', noncurrentVersionTransitions: [{ days: 30, storageClass: StorageClass.STANDARD }] }],
      option: 'lifecycleRules[0].noncurrentVersionTransitions[0].storageClass',
      message: /must be one of "STANDARD_IA", .* \(got "STANDARD"\)/,
    },
    {
      label: 'two noncurrent transitions to one class',
      rules: [{ id: 'r', noncurrentVersionTransitions: [{ days: 30, storageClass: StorageClass.GLACIER }, { days: 60, storageClass: StorageClass.GLACIER }] }],
      option: 'lifecycleRules[0].noncurrentVersionTransitions[1].storageClass',
      message: /must differ from lifecycleRules\[0\]\.noncurrentVersionTransitions\[0\]: S3 takes one transition to each storage class in a rule \(got "GLACIER"\)/,
    },
    {
      label: 'two transitions to one class',
      rules: [{ id: 'r', transitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }, { days: 90, storageClass: StorageClass.GLACIER }, { days: 60, storageClass: StorageClass.STANDARD_IA }] }],
      option: 'lifecycleRules[0].transitions[2].storageClass',
      message: /must differ from lifecycleRules\[0\]\.transitions\[0\]/,
    },
    {
      label: 'newer noncurrent versions on a noncurrent transition past 100',
      rules: [{ id: 'r', noncurrentVersionTransitions: [{ days: 30, storageClass: StorageClass.GLACIER, newerNoncurrentVersions: 101 }] }],
      option: 'lifecycleRules[0].noncurrentVersionTransitions[0].newerNoncurrentVersions',
      message: /must be an integer between 1 and 100 \(got 101\)/,
    },
    {
      label: 'noncurrent expiry on the day of a noncurrent transition',
      rules: [{ id: 'r', noncurrentVersionExpirationDays: 90, noncurrentVersionTransitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }, { days: 90, storageClass: StorageClass.GLACIER }] }],
      option: 'lifecycleRules[0].noncurrentVersionExpirationDays',
      message: /must be later than every noncurrent transition \(day 90\): S3 rejects a noncurrent expiration on or before a noncurrent transition \(got 90\)/,
    },
    {
      label: 'newer noncurrent versions of 0',
      rules: [{ id: 'r', noncurrentVersionExpirationDays: 30, newerNoncurrentVersions: 0 }],
      option: 'lifecycleRules[0].newerNoncurrentVersions',
      message: /must be an integer between 1 and 100 \(got 0\)/,
    },
    {
      label: 'newer noncurrent versions past 100',
      rules: [{ id: 'r', noncurrentVersionExpirationDays: 30, newerNoncurrentVersions: 101 }],
      option: 'lifecycleRules[0].newerNoncurrentVersions',
      message: /between 1 and 100 \(got 101\)/,
    },
    {
      label: 'newer noncurrent versions without a noncurrent expiry',
      rules: [{ id: 'r', expirationDays: 30, newerNoncurrentVersions: 3 }],
      option: 'lifecycleRules[0].newerNoncurrentVersions',
      message: /needs noncurrentVersionExpirationDays: it only limits which noncurrent versions expire \(got 3\)/,
    },
    {
      label: 'expired delete markers with expiry in days',
      rules: [{ id: 'r', expirationDays: 30, expiredObjectDeleteMarker: true }],
      option: 'lifecycleRules[0].expiredObjectDeleteMarker',
      message: /cannot be set with expirationDays: S3 rejects both in one expiration/,
    },
    {
      label: 'expired delete markers on a rule with tags',
      rules: [{ id: 'r', tags: { class: 'tmp' }, expiredObjectDeleteMarker: true }],
      option: 'lifecycleRules[0].expiredObjectDeleteMarker',
      message: /cannot be set on a rule with tags: S3 rejects it \(delete markers have no tags\) \(got true\)/,
    },
    {
      label: 'a negative lower size bound',
      rules: [{ id: 'r', expirationDays: 1, objectSizeGreaterThan: -1 }],
      option: 'lifecycleRules[0].objectSizeGreaterThan',
      message: /must be an integer between 0 and 54975581388800 \(got -1\)/,
    },
    {
      label: 'a fractional upper size bound',
      rules: [{ id: 'r', expirationDays: 1, objectSizeLessThan: 1.5 }],
      option: 'lifecycleRules[0].objectSizeLessThan',
      message: /must be an integer between 1 and 54975581388800 \(got 1.5\)/,
    },
    {
      label: 'an upper size bound past 50 TB',
      rules: [{ id: 'r', expirationDays: 1, objectSizeLessThan: 50 * 1024 ** 4 + 1 }],
      option: 'lifecycleRules[0].objectSizeLessThan',
      message: /between 1 and 54975581388800 \(got 54975581388801\)/,
    },
    {
      label: 'an empty size range',
      rules: [{ id: 'r', expirationDays: 1, objectSizeGreaterThan: 1024, objectSizeLessThan: 1024 }],
      option: 'lifecycleRules[0].objectSizeLessThan',
      message: /must be greater than objectSizeGreaterThan \(1024\): S3 rejects an empty size range \(got 1024\)/,
    },
  ];
  test.each(cases)('$label', ({ rules, option, message, props }) => {
    const error = errorOf(() => new EncryptedBucket(testStack(), 'Logs', { ...props, lifecycleRules: rules }));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`EncryptedBucket "test/Logs": ${option} `);
    expect(error.message).toMatch(message);
  });

  test('at the edges of each range, the new options are accepted', () => {
    expect(() => rulesOf({
      lifecycleRules: [{
        id: 'r',
        objectSizeGreaterThan: 0,
        objectSizeLessThan: 50 * 1024 ** 4,
        noncurrentVersionExpirationDays: 31,
        newerNoncurrentVersions: 100,
        expiredObjectDeleteMarker: true,
        noncurrentVersionTransitions: [
          { days: 30, storageClass: StorageClass.ONEZONE_IA, newerNoncurrentVersions: 1 },
          { days: 1, storageClass: StorageClass.GLACIER },
        ],
      }],
    })).not.toThrow();
  });

  test.each<[string, LifecycleRule]>([
    ['noncurrent transitions', { id: 'r', noncurrentVersionTransitions: [{ days: 1, storageClass: StorageClass.DEEP_ARCHIVE }] }],
    ['removing expired delete markers', { id: 'r', expiredObjectDeleteMarker: true }],
  ])('a rule that does nothing but %s does something', (_label, rule) => {
    expect(() => rulesOf({ lifecycleRules: [rule] })).not.toThrow();
  });

  test('30 days to STANDARD_IA, and 1 day to GLACIER, are accepted', () => {
    expect(() => rulesOf({
      lifecycleRules: [{ id: 'r', transitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }, { days: 1, storageClass: StorageClass.GLACIER }] }],
    })).not.toThrow();
  });
});
