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
  ])('%s', (_label, filter, expected) => {
    const [, rule] = rulesOf({ lifecycleRules: [{ id: 'r', expirationDays: 1, ...filter }] });
    expect(rule.filter).toEqual(expected);
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
    { label: 'a rule that does nothing', rules: [{ id: 'idle', prefix: 'x/' }], option: 'lifecycleRules[0]', message: /must do something/ },
    {
      label: 'noncurrent expiry without versioning',
      rules: [{ id: 'r', noncurrentVersionExpirationDays: 30 }],
      props: { versioned: false },
      option: 'lifecycleRules[0].noncurrentVersionExpirationDays',
      message: /cannot be set when versioned is false: an unversioned bucket has no noncurrent versions \(got 30\)/,
    },
  ];
  test.each(cases)('$label', ({ rules, option, message, props }) => {
    const error = errorOf(() => new EncryptedBucket(testStack(), 'Logs', { ...props, lifecycleRules: rules }));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`EncryptedBucket "test/Logs": ${option} `);
    expect(error.message).toMatch(message);
  });

  test('30 days to STANDARD_IA, and 1 day to GLACIER, are accepted', () => {
    expect(() => rulesOf({
      lifecycleRules: [{ id: 'r', transitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }, { days: 1, storageClass: StorageClass.GLACIER }] }],
    })).not.toThrow();
  });
});
