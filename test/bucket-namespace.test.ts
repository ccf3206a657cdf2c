/**
 * Account-regional bucket names: `bucketNamespace` is written only where the provider
 * binding has `bucket_namespace` (AWS provider 6.37 and later), refused with a clear
 * error where it does not, and S3's name form for the namespace is checked at synth.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { BucketNamespace, EncryptedBucket, EncryptedBucketProps } from '../src';
import { BINDING_WRITES_NAMESPACE } from './support/binding';
import { errorOf, onlyResource, synthJson, testApp, testStack } from './support/synth';

const NAME = 'backups-111122223333-us-east-1-an';

/** A stack whose provider names its account and region, so the name's suffix is checked against them. */
function knownStack(region = 'us-east-1'): TerraformStack {
  const stack = new TerraformStack(testApp(), 'test');
  new AwsProvider(stack, 'aws', { region, allowedAccountIds: ['111122223333'] });
  return stack;
}

function bucketJson(props: EncryptedBucketProps, stack = testStack()): any {
  new EncryptedBucket(stack, 'Backups', props);
  return onlyResource(synthJson(stack), 'aws_s3_bucket');
}

test('unset, bucket_namespace is not written: S3 and the provider keep their default', () => {
  expect(bucketJson({ bucketName: 'plain-bucket' })).not.toHaveProperty('bucket_namespace');
});

(BINDING_WRITES_NAMESPACE ? describe : describe.skip)('with a binding that writes bucket_namespace', () => {
  test.each([
    [BucketNamespace.ACCOUNT_REGIONAL, NAME, 'account-regional'],
    [BucketNamespace.GLOBAL, 'plain-bucket', 'global'],
  ])('%s is written as the provider spells it', (namespace, bucketName, written) => {
    expect(bucketJson({ bucketName, bucketNamespace: namespace })).toMatchObject({ bucket: bucketName, bucket_namespace: written });
  });

  test('a name whose suffix matches the provider\'s account and region is accepted', () => {
    expect(bucketJson({ bucketName: NAME, bucketNamespace: BucketNamespace.ACCOUNT_REGIONAL }, knownStack()).bucket_namespace).toBe('account-regional');
  });

  const cases: Array<{ label: string; props: EncryptedBucketProps; stack?: () => TerraformStack; option: string; message: RegExp }> = [
    {
      label: 'a name without the account-regional suffix',
      props: { bucketName: 'backups', bucketNamespace: BucketNamespace.ACCOUNT_REGIONAL },
      option: 'bucketName',
      message: /must end with -<account id>-<region>-an in the ACCOUNT_REGIONAL namespace, such as backups-111122223333-us-east-1-an \(got "backups"\)/,
    },
    {
      label: 'a generated name',
      props: { bucketNamespace: BucketNamespace.ACCOUNT_REGIONAL },
      option: 'bucketNamespace',
      message: /ACCOUNT_REGIONAL needs bucketName, ending with -<account id>-<region>-an/,
    },
    {
      label: 'a prefix',
      props: { bucketPrefix: 'backups-', bucketNamespace: BucketNamespace.ACCOUNT_REGIONAL },
      option: 'bucketPrefix',
      message: /cannot be set with bucketNamespace ACCOUNT_REGIONAL/,
    },
    {
      label: 'another account in the suffix',
      props: { bucketName: 'backups-444455556666-us-east-1-an', bucketNamespace: BucketNamespace.ACCOUNT_REGIONAL },
      stack: () => knownStack(),
      option: 'bucketName',
      message: /must end with -111122223333-us-east-1-an/,
    },
    {
      label: 'another region in the suffix',
      props: { bucketName: NAME, bucketNamespace: BucketNamespace.ACCOUNT_REGIONAL },
      stack: () => knownStack('eu-west-1'),
      option: 'bucketName',
      message: /must end with -111122223333-eu-west-1-an/,
    },
    {
      label: 'a region without the namespace',
      props: { bucketName: 'backups-111122223333-me-south-1-an', bucketNamespace: BucketNamespace.ACCOUNT_REGIONAL },
      stack: () => knownStack('me-south-1'),
      option: 'bucketNamespace',
      message: /ACCOUNT_REGIONAL is not offered in me-south-1/,
    },
    { label: 'an unknown namespace', props: { bucketName: NAME, bucketNamespace: 'regional' as BucketNamespace }, option: 'bucketNamespace', message: /must be one of "global", "account-regional"/ },
  ];
  test.each(cases)('error: $label', ({ props, stack, option, message }) => {
    const error = errorOf(() => bucketJson(props, stack?.()));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`EncryptedBucket "test/Backups": ${option} `);
    expect(error.message).toMatch(message);
  });
});

(BINDING_WRITES_NAMESPACE ? describe.skip : describe)('with a binding that does not write bucket_namespace', () => {
  test.each([BucketNamespace.ACCOUNT_REGIONAL, BucketNamespace.GLOBAL])('%s is an error, not silently dropped', (namespace) => {
    const error = errorOf(() => bucketJson({ bucketName: NAME, bucketNamespace: namespace }));
    expect(error.option).toBe('bucketNamespace');
    expect(error.message).toMatch(/needs an AWS provider binding that writes bucket_namespace \(AWS provider 6.37 or later/);
  });
});
