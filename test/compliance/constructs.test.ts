import { TerraformStack } from 'cdktf';
import { newStack, verdict } from './helpers';
import { BucketEncryption, EncryptedBucket, EncryptedBucketProps, EncryptionEnforcement, ManagedCmk, ManagedCmkProps, ObjectOwnership } from '../../src';

/** The check against this library's own constructs: defaults pass, each opt-out is flagged. */
describe('EncryptionCompliance on EncryptedBucket and ManagedCmk', () => {
  test('defaults produce no findings: a bucket, a key, and an SSE-S3 bucket that receives access logs', () => {
    const stack = newStack();
    const logs = new EncryptedBucket(stack, 'Logs', { encryption: BucketEncryption.S3_MANAGED });
    new EncryptedBucket(stack, 'Data', { serverAccessLogs: { targetBucket: logs } });
    new ManagedCmk(stack, 'Key', { alias: 'compliance-test' });
    expect(verdict(stack)).toEqual([]);
  });

  test('grants to principals produce no findings: KMS-KEY-POLICY reads their key-policy statements, which name principals', () => {
    const stack = newStack();
    const named = new EncryptedBucket(stack, 'Named', { bucketName: 'compliance-named' });
    named.grantReadToPrincipal('arn:aws:iam::444455556666:role/reader');
    named.grantWriteToPrincipal('777788889999');
    new EncryptedBucket(stack, 'Prefixed', { bucketPrefix: 'compliance-' }).grantReadWriteToPrincipal('arn:aws:iam::444455556666:root');
    new EncryptedBucket(stack, 'Unnamed').grantReadToPrincipal('arn:aws:iam::444455556666:role/reader');
    expect(verdict(stack)).toEqual([]);
  });

  test.each<[string, (stack: TerraformStack) => EncryptedBucketProps]>([
    ['DSSE-KMS', () => ({ encryption: BucketEncryption.DSSE_KMS })],
    ['a shared ManagedCmk', (stack) => ({ encryptionKey: new ManagedCmk(stack, 'Shared', { alias: 'shared' }) })],
    ['an imported key ARN', (stack) => ({
      encryptionKey: ManagedCmk.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    })],
    ['REQUIRE_HEADERS and TLS 1.3', () => ({ encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS, minimumTlsVersion: 1.3 })],
  ])('an EncryptedBucket with %s produces no findings', (_, propsFor) => {
    const stack = newStack();
    new EncryptedBucket(stack, 'Data', propsFor(stack));
    expect(verdict(stack)).toEqual([]);
  });

  test.each<[string, EncryptedBucketProps, string[]]>([
    ['enforceHttps: false', { enforceHttps: false }, ['S3-HTTPS-ONLY stack/Data/Bucket']],
    ['versioned: false', { versioned: false }, ['S3-VERSIONING stack/Data/Bucket']],
    ['bucketKeyEnabled: false', { bucketKeyEnabled: false }, ['S3-BUCKET-KEY stack/Data/Bucket']],
    ['objectOwnership: OBJECT_WRITER', { objectOwnership: ObjectOwnership.OBJECT_WRITER }, ['S3-OWNERSHIP stack/Data/Bucket']],
    ['objectOwnership: BUCKET_OWNER_PREFERRED', { objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED }, ['S3-OWNERSHIP stack/Data/Bucket']],
    ['S3_MANAGED on a bucket that receives no logs', { encryption: BucketEncryption.S3_MANAGED }, ['S3-SSE-CMK stack/Data/Bucket']],
    ['blockPublicAccess partly off', { blockPublicAccess: { blockPublicPolicy: false, restrictPublicBuckets: false } }, ['S3-PUBLIC-ACCESS stack/Data/Bucket']],
  ])('EncryptedBucket %s -> exactly its finding', (_, props, expected) => {
    const stack = newStack();
    new EncryptedBucket(stack, 'Data', props);
    expect(verdict(stack)).toEqual(expected);
  });

  test.each<[string, Partial<ManagedCmkProps>, string[]]>([
    ['enableKeyRotation: false', { enableKeyRotation: false }, ['KMS-ROTATION stack/Key/Key']],
    ['deletionWindowInDays: 7', { deletionWindowInDays: 7 }, ['KMS-DELETION-WINDOW stack/Key/Key']],
  ])('ManagedCmk %s -> exactly its finding', (_, props, expected) => {
    const stack = newStack();
    new ManagedCmk(stack, 'Key', { alias: 'compliance-test', ...props });
    expect(verdict(stack)).toEqual(expected);
  });

  test('deletionWindowInDays: 7 passes with minimumDeletionWindowInDays: 7', () => {
    const stack = newStack();
    new ManagedCmk(stack, 'Key', { alias: 'compliance-test', deletionWindowInDays: 7 });
    expect(verdict(stack, { minimumDeletionWindowInDays: 7 })).toEqual([]);
  });

  test('a ManagedCmk with an extra public statement is flagged', () => {
    const stack = newStack();
    // ManagedCmk refuses an unconditional public Allow; an override writes one anyway.
    const key = new ManagedCmk(stack, 'Key', { alias: 'compliance-test' });
    key.kmsKey.addOverride('policy', JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] }));
    expect(verdict(stack)).toEqual(['KMS-KEY-POLICY stack/Key/Key']);
  });

  test('findings from several buckets and keys are all listed', () => {
    const stack = newStack();
    new EncryptedBucket(stack, 'A', { versioned: false, enforceHttps: false });
    new EncryptedBucket(stack, 'B', { bucketKeyEnabled: false });
    new ManagedCmk(stack, 'Key', { alias: 'k', enableKeyRotation: false, deletionWindowInDays: 10 });
    expect(verdict(stack)).toEqual([
      'KMS-DELETION-WINDOW stack/Key/Key',
      'KMS-ROTATION stack/Key/Key',
      'S3-BUCKET-KEY stack/B/Bucket',
      'S3-HTTPS-ONLY stack/A/Bucket',
      'S3-VERSIONING stack/A/Bucket',
    ]);
  });
});
