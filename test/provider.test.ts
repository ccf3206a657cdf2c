/**
 * The provider option: every resource and data source a construct creates is on the
 * provider it is given, so its account, partition and region are that provider's; data
 * sources are shared per (stack, provider); a key in another region than its bucket
 * is refused when both regions are known.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { BucketEncryption, EncryptedBucket, ManagedCmk } from '../src';
import { parsePolicy } from './support/policy';
import { errorOf, synthJson, testStack } from './support/synth';

/** `testStack()` (default provider in us-east-1) with a second provider, alias `west`. */
function twoRegions(westRegion: string | null = 'us-west-2'): { stack: TerraformStack; west: AwsProvider } {
  const stack = testStack();
  const west = new AwsProvider(stack, 'west', { alias: 'west', region: westRegion ?? undefined });
  return { stack, west };
}

/** Every resource and data source of the synthesized stack: address -> its `provider` (undefined: default). */
function providersOf(json: any): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const mode of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries<Record<string, any>>(json[mode] ?? {})) {
      for (const [name, config] of Object.entries<any>(byName)) {
        out[`${mode === 'data' ? 'data.' : ''}${type}.${name}`] = config.provider;
      }
    }
  }
  return out;
}

describe('a bucket on an aliased provider', () => {
  test('every resource and data source it creates (its key included) is on that provider', () => {
    const { stack, west } = twoRegions();
    new EncryptedBucket(stack, 'Data', { provider: west });
    const providers = providersOf(synthJson(stack));
    expect(Object.keys(providers).length).toBeGreaterThan(0);
    for (const [address, provider] of Object.entries(providers)) {
      expect([address, provider]).toEqual([address, 'aws.west']);
    }
  });

  test('a bucket on the default provider beside it keeps the default provider and its own data sources', () => {
    const { stack, west } = twoRegions();
    new EncryptedBucket(stack, 'West', { provider: west });
    new EncryptedBucket(stack, 'East');
    const json = synthJson(stack);
    const providers = providersOf(json);
    const byProvider = (p: string | undefined) => Object.keys(providers).filter((a) => providers[a] === p && a.startsWith('data.')).sort();
    expect(byProvider('aws.west')).toEqual([
      'data.aws_caller_identity.EncryptedS3CallerIdentity_west',
      'data.aws_partition.EncryptedS3Partition_west',
    ]);
    expect(byProvider(undefined)).toEqual([
      'data.aws_caller_identity.EncryptedS3CallerIdentity',
      'data.aws_partition.EncryptedS3Partition',
    ]);
  });

  test('two constructs on the same provider share its data sources', () => {
    const { stack, west } = twoRegions();
    new EncryptedBucket(stack, 'A', { provider: west });
    new ManagedCmk(stack, 'K', { alias: 'k', provider: west, keyUserArns: ['arn:aws:iam::111122223333:role/r'], restrictKeyUsersToS3: true });
    const data = Object.keys(providersOf(synthJson(stack))).filter((a) => a.startsWith('data.')).sort();
    expect(data).toEqual([
      'data.aws_caller_identity.EncryptedS3CallerIdentity_west',
      'data.aws_partition.EncryptedS3Partition_west',
      'data.aws_region.EncryptedS3Region_west',
    ]);
  });

  test('the key policy names the account of its provider, and kms:ViaService is S3 in its region', () => {
    const { stack, west } = twoRegions();
    new ManagedCmk(stack, 'K', { alias: 'k', provider: west, keyUserArns: ['arn:aws:iam::111122223333:role/r'], restrictKeyUsersToS3: true });
    const key = Object.values<any>(synthJson(stack).resource.aws_kms_key)[0];
    const statements = parsePolicy(key.policy).Statement;
    const root = statements.find((s) => s.Sid === 'EnableIamPolicies')!;
    expect(root.Principal).toEqual({ AWS: ['arn:${data.aws_partition.EncryptedS3Partition_west.partition}:iam::${data.aws_caller_identity.EncryptedS3CallerIdentity_west.account_id}:root'] });
    const use = statements.find((s) => s.Sid === 'AllowKeyUse')!;
    expect(use.Condition).toEqual({ StringEquals: { 'kms:ViaService': ['s3.${data.aws_region.EncryptedS3Region_west.id}.${data.aws_partition.EncryptedS3Partition_west.dns_suffix}'] } });
  });

  test('log delivery into a bucket on another provider (same region) is limited to the source bucket\'s account', () => {
    const { stack, west } = twoRegions('us-east-1');
    const logs = new EncryptedBucket(stack, 'Logs', { encryption: BucketEncryption.S3_MANAGED });
    new EncryptedBucket(stack, 'Data', { provider: west, serverAccessLogs: { targetBucket: logs } });
    const policy = Object.values<any>(synthJson(stack).resource.aws_s3_bucket_policy).find((p) => p.policy.includes('AllowServerAccessLogDelivery'));
    const delivery = parsePolicy(policy.policy).Statement.find((s) => s.Sid === 'AllowServerAccessLogDelivery0')!;
    expect(delivery.Condition!.StringEquals).toEqual({ 'aws:SourceAccount': ['${data.aws_caller_identity.EncryptedS3CallerIdentity_west.account_id}'] });
  });

  test('log delivery into a bucket in another region is refused: S3 delivers logs only within a region', () => {
    const { stack, west } = twoRegions();
    const logs = new EncryptedBucket(stack, 'Logs', { encryption: BucketEncryption.S3_MANAGED });
    const error = errorOf(() => new EncryptedBucket(stack, 'Data', { provider: west, serverAccessLogs: { targetBucket: logs } }));
    expect(error.option).toBe('serverAccessLogs.targetBucket');
    expect(error.message).toBe('EncryptedBucket "test/Data": serverAccessLogs.targetBucket must be in this bucket\'s region, us-west-2: S3 delivers access logs only within a region (got "test/Logs in us-east-1")');
  });

  test('log delivery into a bucket in another known account is refused', () => {
    const stack = testStack();
    const a = new AwsProvider(stack, 'a', { alias: 'a', region: 'us-east-1', allowedAccountIds: ['111122223333'] });
    const b = new AwsProvider(stack, 'b', { alias: 'b', region: 'us-east-1', allowedAccountIds: ['444455556666'] });
    const logs = new EncryptedBucket(stack, 'Logs', { provider: b, encryption: BucketEncryption.S3_MANAGED });
    const error = errorOf(() => new EncryptedBucket(stack, 'Data', { provider: a, serverAccessLogs: { targetBucket: logs } }));
    expect(error.message).toContain('must be in this bucket\'s account, 111122223333: S3 delivers access logs only within an account (got "test/Logs in 444455556666")');
  });

  test('a grant to a principal names the bucket\'s partition, and limits its key to S3 in the bucket\'s region', () => {
    const { stack, west } = twoRegions();
    const bucket = new EncryptedBucket(stack, 'Data', { provider: west, bucketName: 'west-data' });
    bucket.grantReadToPrincipal('444455556666');
    const json = synthJson(stack);
    const bucketPolicy = parsePolicy(Object.values<any>(json.resource.aws_s3_bucket_policy)[0].policy).Statement;
    const grant = bucketPolicy.find((s) => s.Effect === 'Allow')!;
    expect(grant.Principal).toEqual({ AWS: ['arn:${data.aws_partition.EncryptedS3Partition_west.partition}:iam::444455556666:root'] });
    const keyPolicy = parsePolicy(Object.values<any>(json.resource.aws_kms_key)[0].policy).Statement;
    const keyGrant = keyPolicy.find((s) => s.Sid?.startsWith('S3'))!;
    expect(keyGrant.Condition!.StringEquals).toEqual({
      'kms:ViaService': ['s3.${data.aws_region.EncryptedS3Region_west.id}.${data.aws_partition.EncryptedS3Partition_west.dns_suffix}'],
    });
    // Nothing on the default provider: no data source of its own was needed.
    expect(Object.keys(json.data.aws_partition)).toEqual(['EncryptedS3Partition_west']);
  });

  test('a grant puts the role policy on the role\'s own provider', () => {
    const { stack, west } = twoRegions();
    const bucket = new EncryptedBucket(stack, 'Data');
    const role = new IamRole(stack, 'Role', { provider: west, assumeRolePolicy: '{}' });
    bucket.grantRead(role);
    const policies = Object.values<any>(synthJson(stack).resource.aws_iam_role_policy);
    expect(policies.map((p) => p.provider)).toEqual(['aws.west']);
  });

  test('the same alias on two providers is accepted (another region or account)', () => {
    const { stack, west } = twoRegions();
    new ManagedCmk(stack, 'East', { alias: 'shared' });
    expect(() => new ManagedCmk(stack, 'West', { alias: 'shared', provider: west })).not.toThrow();
  });
});

describe('a key and a bucket in different regions', () => {
  test('a ManagedCmk on a provider in another region is refused, naming the option and both regions', () => {
    const { stack, west } = twoRegions();
    const key = new ManagedCmk(stack, 'WestKey', { alias: 'west', provider: west });
    const error = errorOf(() => new EncryptedBucket(stack, 'Data', { encryptionKey: key }));
    expect(error.option).toBe('encryptionKey');
    expect(error.message).toBe('EncryptedBucket "test/Data": encryptionKey must be in the bucket\'s region, us-east-1 (S3 uses only keys in the bucket\'s own region); give the key and the bucket the same provider region (got "test/WestKey in us-west-2")');
  });

  test('an imported key whose ARN names another region is refused', () => {
    const { stack, west } = twoRegions();
    const key = ManagedCmk.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const error = errorOf(() => new EncryptedBucket(stack, 'Data', { encryptionKey: key, provider: west }));
    expect(error.option).toBe('encryptionKey');
    expect(error.message).toContain('must be in the bucket\'s region, us-west-2');
  });

  test('a key and a bucket on the same provider, or on providers in the same region, are accepted', () => {
    const { stack, west } = twoRegions('us-east-1');
    const key = new ManagedCmk(stack, 'Key', { alias: 'k', provider: west });
    expect(() => new EncryptedBucket(stack, 'Data', { encryptionKey: key })).not.toThrow();
  });

  test('a region known only when Terraform runs (no literal region) is not checked at synth', () => {
    const { stack, west } = twoRegions(null);
    const key = new ManagedCmk(stack, 'Key', { alias: 'k', provider: west });
    expect(() => new EncryptedBucket(stack, 'Data', { encryptionKey: key })).not.toThrow();
  });
});
