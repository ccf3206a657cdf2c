/**
 * Nothing is lost on destroy: Terraform itself refuses a plan that destroys a
 * ManagedCmk's key unless the key opts in, and a bucket is destroyed before its key.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { EncryptedBucket, ManagedCmk } from '../src';
import { addressesIn, planDestroying, synthStack } from './support/terraform';

const PREVENTED = /Instance cannot be destroyed: Resource (aws_kms_key\.\S+) has lifecycle\.prevent_destroy set/;

/** A stack with the key of `props` on its own, or as an EncryptedBucket's key. */
function keyStack(options: { allowDestroy: boolean; inBucket: boolean }) {
  return synthStack((app) => {
    const stack = new TerraformStack(app, 'keys');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    if (options.inBucket) {
      new EncryptedBucket(stack, 'Data', { dangerouslyAllowKeyDestroy: options.allowDestroy || undefined });
    } else {
      new ManagedCmk(stack, 'Key', { alias: 'protected', dangerouslyAllowKeyDestroy: options.allowDestroy || undefined });
    }
    return stack;
  });
}

describe.each([
  ['a ManagedCmk', false],
  ['the key an EncryptedBucket creates', true],
])('%s', (_label, inBucket) => {
  test('by default, a plan that replaces or destroys the key fails with Terraform\'s prevent_destroy error', () => {
    const { dir, json } = keyStack({ allowDestroy: false, inBucket });
    const [key] = addressesIn(json, 'resource', 'aws_kms_key');
    const result = planDestroying(dir, [key]);
    expect(result.passed).toBe(false);
    const prevented = result.errors.map((e) => PREVENTED.exec(e)?.[1]).filter((address) => address !== undefined);
    // Once for the replacement, once for the destroy that follows.
    expect(new Set(prevented)).toEqual(new Set([key]));
  });

  test('dangerouslyAllowKeyDestroy lets the same plans through', () => {
    const { dir, json } = keyStack({ allowDestroy: true, inBucket });
    const result = planDestroying(dir, addressesIn(json, 'resource', 'aws_kms_key'));
    expect(result.errors).toEqual([]);
    expect(result.passed).toBe(true);
  });
});

describe('a bucket with Object Lock', () => {
  const BUCKET_PREVENTED = /Instance cannot be destroyed: Resource (aws_s3_bucket\S*\.\S+) has lifecycle\.prevent_destroy set/;

  test('a plan that destroys the bucket or turns Object Lock off (removes its configuration) fails with prevent_destroy', () => {
    const { dir, json } = synthStack((app) => {
      const stack = new TerraformStack(app, 'vault');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new EncryptedBucket(stack, 'Vault', { bucketName: 'vault-bucket', objectLockEnabled: true, encryption: 'AES256' as any });
      return stack;
    });
    const targets = [...addressesIn(json, 'resource', 'aws_s3_bucket'), ...addressesIn(json, 'resource', 'aws_s3_bucket_object_lock_configuration')];
    expect(targets).toHaveLength(2);
    const result = planDestroying(dir, targets);
    expect(result.passed).toBe(false);
    expect(new Set(result.errors.map((e) => BUCKET_PREVENTED.exec(e)?.[1]).filter((a) => a !== undefined))).toEqual(new Set(targets));
  });
});
