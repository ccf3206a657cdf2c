/**
 * An EncryptedBucket's tags reach every taggable resource it creates: the bucket, the key
 * it makes for itself, and the replication role. "Taggable" is read from the provider
 * binding (a resource class with a `tags` argument), so a resource added later without
 * tags fails here.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformResource } from 'cdktf';
import { EncryptedBucket, ObjectLockRetention } from '../src';
import { testStack } from './support/synth';

const TAGS = { 'team': 'backup', 'data-class': 'regulated' };

/** The Terraform types of the resources under `scope` whose binding has a `tags` argument, with the tags they were given. */
function taggable(bucket: EncryptedBucket): Array<[string, unknown]> {
  return bucket.node.findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource && 'tagsInput' in Object.getPrototypeOf(c))
    .map((r) => [r.terraformResourceType, (r as any).tagsInput]);
}

test('the bucket, its own key and its replication role all carry the bucket\'s tags', () => {
  const stack = testStack();
  const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
  const replica = new EncryptedBucket(stack, 'Replica', { provider: west, objectLockEnabled: true });
  const bucket = new EncryptedBucket(stack, 'Vault', {
    tags: TAGS,
    objectLockDefaultRetention: ObjectLockRetention.governance(30),
    replicationRules: [{ destination: replica }],
    lifecycleRules: [{ id: 'expire', expirationDays: 400 }],
  });
  const found = taggable(bucket);
  expect(found.map(([type]) => type).sort()).toEqual(['aws_iam_role', 'aws_kms_key', 'aws_s3_bucket']);
  for (const [type, tags] of found) expect([type, tags]).toEqual([type, TAGS]);
});

test('without tags, none of them gets any', () => {
  const stack = testStack();
  const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
  const bucket = new EncryptedBucket(stack, 'Vault', { replicationRules: [{ destination: new EncryptedBucket(stack, 'Replica', { provider: west }) }] });
  expect(taggable(bucket).map(([, tags]) => tags)).toEqual([undefined, undefined, undefined]);
});
