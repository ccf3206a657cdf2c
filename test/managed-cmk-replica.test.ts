/**
 * ManagedCmkReplica at synth: the `aws_kms_replica_key` of a multi-Region ManagedCmk in
 * another region, with its primary's key-policy rules for its own region, the same
 * deletion protection, an alias, and use as a bucket's key and a replication rule's
 * replica key; every bad input a clear error naming the option.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsReplicaKey } from '@cdktf/provider-aws/lib/kms-replica-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { EncryptedBucket, ManagedCmk, ManagedCmkProps, ManagedCmkReplica, ManagedCmkReplicaProps } from '../src';
import { verdict } from './compliance/helpers';
import { parsePolicy, sids, statement } from './support/policy';
import { errorOf, onlyResource, resourcesOf, synthJson, testApp, testStack } from './support/synth';

const ADMIN = 'arn:aws:iam::111122223333:role/key-admin';
const USER = 'arn:aws:iam::111122223333:role/app';

/** `testStack()` (default provider in us-east-1) with a provider `west` in us-west-2. */
function twoRegions(westRegion = 'us-west-2'): { stack: TerraformStack; west: AwsProvider } {
  const stack = testStack();
  return { stack, west: new AwsProvider(stack, 'west', { alias: 'west', region: westRegion }) };
}

/** A multi-Region primary in us-east-1 with `primary` props and its replica in us-west-2 with `replica` props. */
function replicated(primary: Partial<ManagedCmkProps> = {}, replica: Partial<ManagedCmkReplicaProps> = {}) {
  const { stack, west } = twoRegions();
  const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true, ...primary });
  const replicaKey = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west, ...replica });
  const json = synthJson(stack);
  const [primaryName, primaryConfig] = Object.entries<any>(json.resource.aws_kms_key)[0];
  const [replicaName, replicaConfig] = Object.entries<any>(json.resource.aws_kms_replica_key)[0];
  return {
    stack,
    west,
    json,
    primaryKey,
    replicaKey,
    primaryName,
    primaryConfig,
    replicaName,
    replicaConfig,
    primaryPolicy: parsePolicy(primaryConfig.policy).Statement,
    replicaPolicy: parsePolicy(replicaConfig.policy).Statement,
  };
}

/**
 * A policy's statements with the provider-specific data sources named alike: the
 * default provider's and the `west` one's (`..._west`) become `<data>`. What is left
 * to differ is the rules.
 */
function providerNeutral(statements: any[]): any[] {
  return JSON.parse(JSON.stringify(statements).replace(/\$\{data\.(aws_[a-z_]+)\.EncryptedS3[A-Za-z]+(_west)?\.([a-z_]+)\}/g, '<$1.$3>'));
}

describe('a replica with defaults', () => {
  const r = replicated();

  test('one aws_kms_replica_key of the primary\'s ARN, on the replica\'s provider, with a 30-day window', () => {
    expect(resourcesOf(r.json, 'aws_kms_replica_key')).toHaveLength(1);
    expect(r.replicaConfig).toMatchObject({
      provider: 'aws.west',
      primary_key_arn: `\${aws_kms_key.${r.primaryName}.arn}`,
      deletion_window_in_days: 30,
      description: 'Multi-Region replica of test/Primary, for test/Replica, created by cdktf-encrypted-s3.',
    });
    expect(r.primaryConfig.multi_region).toBe(true);
  });

  test('kept from destroy as the primary is: prevent_destroy, the Deny of kms:ScheduleKeyDeletion, never a lockout bypass', () => {
    expect(r.replicaConfig.lifecycle.prevent_destroy).toBe(true);
    expect(statement(r.replicaPolicy, 'DenyKeyDeletion')).toEqual({
      Sid: 'DenyKeyDeletion', Effect: 'Deny', Principal: '*', Action: ['kms:ScheduleKeyDeletion'], Resource: ['*'],
    });
    expect(r.replicaConfig).not.toHaveProperty('bypass_policy_lockout_safety_check');
  });

  test('a replica someone disabled stays disabled: enabled is not set and its changes are ignored', () => {
    expect(r.replicaConfig).not.toHaveProperty('enabled');
    expect(r.replicaConfig.lifecycle.ignore_changes).toEqual(['enabled']);
  });

  test('its alias is the primary\'s alias, in the replica\'s region, targeting the replica', () => {
    expect(r.replicaKey.aliasName).toBe('alias/data');
    const west = resourcesOf(r.json, 'aws_kms_alias').filter((a) => a.provider === 'aws.west');
    expect(west).toEqual([expect.objectContaining({ name: 'alias/data', target_key_id: `\${aws_kms_replica_key.${r.replicaName}.key_id}` })]);
  });

  test('its account root statement names the replica provider\'s account and partition', () => {
    expect(statement(r.replicaPolicy, 'EnableIamPolicies').Principal).toEqual({
      AWS: ['arn:${data.aws_partition.EncryptedS3Partition_west.partition}:iam::${data.aws_caller_identity.EncryptedS3CallerIdentity_west.account_id}:root'],
    });
  });

  test('keyArn, keyId and aliasArn are references to the replica\'s resources; kmsKey and kmsAlias are they', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    new TerraformOutput(stack, 'keyArn', { value: replica.keyArn });
    new TerraformOutput(stack, 'keyId', { value: replica.keyId });
    new TerraformOutput(stack, 'aliasArn', { value: replica.aliasArn });
    const json = synthJson(stack);
    const [replicaName] = Object.keys(json.resource.aws_kms_replica_key);
    const aliasName = Object.entries<any>(json.resource.aws_kms_alias).find(([, a]) => a.provider === 'aws.west')![0];
    expect(json.output.keyArn.value).toBe(`\${aws_kms_replica_key.${replicaName}.arn}`);
    expect(json.output.keyId.value).toBe(`\${aws_kms_replica_key.${replicaName}.key_id}`);
    expect(json.output.aliasArn.value).toBe(`\${aws_kms_alias.${aliasName}.arn}`);
    expect(replica.kmsKey).toBeInstanceOf(KmsReplicaKey);
    expect(replica.kmsAlias).toBeInstanceOf(KmsAlias);
    expect(replica.primaryKey).toBe(primaryKey);
    expect(replica.provider).toBe(west);
  });
});

describe('the replica\'s key policy has the primary\'s rules', () => {
  test.each<[string, Partial<ManagedCmkProps>]>([
    ['defaults', {}],
    ['administrators and users', { keyAdministratorArns: [ADMIN], keyUserArns: [USER] }],
    ['users restricted to S3', { keyAdministratorArns: [ADMIN], keyUserArns: [USER], restrictKeyUsersToS3: true }],
    ['no IAM policies', { keyAdministratorArns: [ADMIN], keyUserArns: [USER], enableIamPolicies: false }],
  ])('%s: the same statements, for the replica\'s provider', (_label, props) => {
    const r = replicated(props);
    expect(providerNeutral(r.replicaPolicy)).toEqual(providerNeutral(r.primaryPolicy));
    expect(r.replicaKey.iamPoliciesEnabled).toBe(props.enableIamPolicies ?? true);
  });

  test('restricted users may use the replica only through S3 in the replica\'s region', () => {
    const r = replicated({ keyUserArns: [USER], restrictKeyUsersToS3: true });
    for (const sid of ['AllowKeyUse', 'AllowGrantsForAwsResources']) {
      expect(statement(r.replicaPolicy, sid).Condition!.StringEquals).toEqual({
        'kms:ViaService': ['s3.${data.aws_region.EncryptedS3Region_west.id}.${data.aws_partition.EncryptedS3Partition_west.dns_suffix}'],
      });
    }
  });

  test('the primary\'s policyStatements are not copied; the replica\'s own are merged after its rules', () => {
    const auditor = (sid: string) => ({ sid, principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::444455556666:role/auditor'] }], actions: ['kms:DescribeKey'] });
    const r = replicated({ policyStatements: [auditor('PrimaryOnly')] }, { policyStatements: [auditor('ReplicaOnly')] });
    expect(sids(r.primaryPolicy)).toEqual(['EnableIamPolicies', 'DenyKeyDeletion', 'PrimaryOnly']);
    expect(sids(r.replicaPolicy)).toEqual(['EnableIamPolicies', 'DenyKeyDeletion', 'ReplicaOnly']);
    expect(statement(r.replicaPolicy, 'ReplicaOnly').Resource).toEqual(['*']);
  });

  test('addToResourcePolicy adds to the replica\'s policy, with the same guards', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    replica.addToResourcePolicy({ sid: 'Auditor', principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::444455556666:role/auditor'] }], actions: ['kms:DescribeKey'] });
    expect(sids(parsePolicy(onlyResource(synthJson(stack), 'aws_kms_replica_key').policy).Statement)).toEqual(['EnableIamPolicies', 'DenyKeyDeletion', 'Auditor']);
    expect(errorOf(() => replica.addToResourcePolicy({ sid: 'DenyKeyDeletion', principals: [{ type: 'AWS', identifiers: [ADMIN] }], actions: ['kms:DescribeKey'] })).message)
      .toBe('ManagedCmkReplica "test/Replica": addToResourcePolicy must use a Sid that is not already in the key policy (got "DenyKeyDeletion")');
    expect(errorOf(() => replica.addToResourcePolicy({ principals: [{ type: '*', identifiers: ['*'] }], actions: ['kms:Decrypt'] })).message)
      .toMatch(/addToResourcePolicy must not Allow the "\*" principal/);
  });
});

describe('the replica\'s own options', () => {
  test('dangerouslyAllowKeyDestroy lifts prevent_destroy and the Deny for the replica only', () => {
    const r = replicated({}, { dangerouslyAllowKeyDestroy: true });
    expect(r.replicaConfig.lifecycle.prevent_destroy).toBe(false);
    expect(sids(r.replicaPolicy)).not.toContain('DenyKeyDeletion');
    expect(r.primaryConfig.lifecycle.prevent_destroy).toBe(true);
    expect(sids(r.primaryPolicy)).toContain('DenyKeyDeletion');
  });

  test('a primary that may be destroyed does not lift the replica\'s protection', () => {
    const r = replicated({ dangerouslyAllowKeyDestroy: true });
    expect(r.replicaConfig.lifecycle.prevent_destroy).toBe(true);
    expect(sids(r.replicaPolicy)).toContain('DenyKeyDeletion');
  });

  test('alias, additionalAliases, description, deletionWindowInDays, enabled and tags are passed through', () => {
    const r = replicated({ tags: { team: 'data' } }, {
      alias: 'alias/data-west', additionalAliases: ['data'], description: 'west copy', deletionWindowInDays: 7, enabled: false, tags: { team: 'west' },
    });
    expect(r.replicaConfig).toMatchObject({ description: 'west copy', deletion_window_in_days: 7, enabled: false, tags: { team: 'west' } });
    expect(r.replicaConfig.lifecycle.ignore_changes).toBeUndefined();
    const west = resourcesOf(r.json, 'aws_kms_alias').filter((a) => a.provider === 'aws.west').map((a) => a.name);
    expect(west).toEqual(['alias/data-west', 'alias/data']);
  });

  test('tags default to the primary\'s', () => {
    expect(replicated({ tags: { team: 'data' } }).replicaConfig.tags).toEqual({ team: 'data' });
  });

  test('addAlias adds a further alias on the replica\'s provider', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west }).addAlias('more');
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_kms_alias').filter((a) => a.provider === 'aws.west').map((a) => a.name)).toEqual(['alias/data', 'alias/more']);
  });

  test('grantEncryptDecrypt attaches a role policy on the replica\'s ARN', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    const role = new IamRole(stack, 'App', { assumeRolePolicy: '{}' });
    expect(replica.grantEncryptDecrypt(role)).toBe(replica.grantEncryptDecrypt(role));
    const json = synthJson(stack);
    const [replicaName] = Object.keys(json.resource.aws_kms_replica_key);
    const policy = parsePolicy(onlyResource(json, 'aws_iam_role_policy').policy);
    expect(policy.Statement).toEqual([{ Effect: 'Allow', Action: expect.arrayContaining(['kms:Decrypt', 'kms:Encrypt']), Resource: [`\${aws_kms_replica_key.${replicaName}.arn}`] }]);
  });

  test('grantEncryptDecrypt when the primary ignores IAM policies fails, pointing to keyUserArns', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true, enableIamPolicies: false, keyAdministratorArns: [ADMIN] });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    const error = errorOf(() => replica.grantEncryptDecrypt(new IamRole(stack, 'App', { assumeRolePolicy: '{}' })));
    expect(error.option).toBe('primaryKey');
    expect(error.message).toMatch(/keyUserArns/);
  });
});

describe('a bucket in the replica\'s region', () => {
  test('is encrypted with the replica, and its bucket is destroyed before it', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    new EncryptedBucket(stack, 'West', { provider: west, encryptionKey: replica });
    const json = synthJson(stack);
    const [replicaName] = Object.keys(json.resource.aws_kms_replica_key);
    const rule = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
    expect(rule.apply_server_side_encryption_by_default.kms_master_key_id).toBe(`\${aws_kms_replica_key.${replicaName}.arn}`);
    expect(onlyResource(json, 'aws_s3_bucket').depends_on).toEqual([`aws_kms_replica_key.${replicaName}`]);
    // The bucket made no key of its own.
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(1);
  });

  test('a bucket in the primary\'s region cannot use the replica', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    expect(errorOf(() => new EncryptedBucket(stack, 'East', { encryptionKey: replica })).message)
      .toBe('EncryptedBucket "test/East": encryptionKey must be in the bucket\'s region, us-east-1 (S3 uses only keys in the bucket\'s own region); give the key and the bucket the same provider region (got "test/Replica in us-west-2")');
  });

  test('a grant to a principal adds a via-S3 statement to the replica\'s policy, with S3 of the replica\'s region', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    new EncryptedBucket(stack, 'West', { provider: west, encryptionKey: replica, bucketName: 'west-data' }).grantReadToPrincipal('444455556666');
    const json = synthJson(stack);
    const added = parsePolicy(onlyResource(json, 'aws_kms_replica_key').policy).Statement.filter((s) => (s.Sid ?? '').startsWith('S3Read'));
    expect(added).toHaveLength(1);
    expect(added[0].Principal).toEqual({ AWS: ['arn:${data.aws_partition.EncryptedS3Partition_west.partition}:iam::444455556666:root'] });
    expect(added[0].Condition!.StringEquals['kms:ViaService']).toEqual(['s3.${data.aws_region.EncryptedS3Region_west.id}.${data.aws_partition.EncryptedS3Partition_west.dns_suffix}']);
    expect(sids(parsePolicy(onlyResource(json, 'aws_kms_key').policy).Statement)).toEqual(['EnableIamPolicies', 'DenyKeyDeletion']);
  });

  test('the replica is a replication rule\'s replicaKey: replicas in its region are encrypted with it', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    const destination = new EncryptedBucket(stack, 'West', { provider: west, encryptionKey: replica });
    new EncryptedBucket(stack, 'East', { encryptionKey: primaryKey, replicationRules: [{ destination, replicaKey: replica }] });
    const json = synthJson(stack);
    const [replicaName] = Object.keys(json.resource.aws_kms_replica_key);
    const rule = onlyResource(json, 'aws_s3_bucket_replication_configuration').rule[0];
    expect(rule.destination.encryption_configuration.replica_kms_key_id).toBe(`\${aws_kms_replica_key.${replicaName}.arn}`);
    const role = parsePolicy(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
    expect(role.find((s) => s.Sid === 'EncryptReplicas0Key0')!.Resource).toEqual([`\${aws_kms_replica_key.${replicaName}.arn}`]);
  });
});

describe('ManagedCmkReplica rejects bad input', () => {
  test('a primary that is not multi-Region, naming primaryKey', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data' });
    const error = errorOf(() => new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west }));
    expect(error.option).toBe('primaryKey');
    expect(error.message).toBe('ManagedCmkReplica "test/Replica": primaryKey must be a multi-Region key (ManagedCmk multiRegion: true): KMS replicates only multi-Region primary keys, and multiRegion cannot change without replacing the key (got "test/Primary, multiRegion false")');
  });

  test('the primary\'s own provider, even with its region unknown at synth', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const region = new TerraformVariable(stack, 'region', { type: 'string' }).stringValue;
    const east = new AwsProvider(stack, 'east', { alias: 'east', region });
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true, provider: east });
    const error = errorOf(() => new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: east }));
    expect(error.message).toBe('ManagedCmkReplica "test/Replica": provider must be another region\'s provider than the primary key\'s: KMS puts a replica in a region its primary is not in (got "test/Primary\'s provider")');
  });

  test('another provider in the primary\'s region', () => {
    const { stack, west } = twoRegions('us-east-1');
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const error = errorOf(() => new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west }));
    expect(error.option).toBe('provider');
    expect(error.message).toBe('ManagedCmkReplica "test/Replica": provider must be in another region than the primary key\'s, us-east-1: KMS puts a replica in a region its primary is not in (got "us-east-1")');
  });

  test('a provider of another account, when both are known', () => {
    const stack = new TerraformStack(testApp(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: ['111122223333'] });
    const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2', allowedAccountIds: ['444455556666'] });
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    expect(errorOf(() => new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west })).message)
      .toBe('ManagedCmkReplica "test/Replica": provider must be in the primary key\'s account, 111122223333: KMS replicates a key only within its account (got "444455556666")');
  });

  test('a region unknown at synth on another provider is accepted', () => {
    const { stack } = twoRegions();
    const region = new TerraformVariable(stack, 'region', { type: 'string' }).stringValue;
    const other = new AwsProvider(stack, 'other', { alias: 'other', region });
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    expect(() => new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: other })).not.toThrow();
  });

  test.each<[string, Partial<ManagedCmkReplicaProps>, string, string]>([
    ['a bad alias', { alias: 'has space' }, 'alias',
      'ManagedCmkReplica "test/Replica": alias must be 1-256 characters of A-Za-z0-9/_- in all, as "name" or "alias/name" (got "has space")'],
    ['an AWS-reserved alias', { alias: 'alias/aws/s3' }, 'alias',
      'ManagedCmkReplica "test/Replica": alias must not start with "alias/aws/", which is reserved for AWS-managed keys (got "alias/aws/s3")'],
    ['a bad further alias', { additionalAliases: ['ok', 'no!'] }, 'additionalAliases[1]',
      'ManagedCmkReplica "test/Replica": additionalAliases[1] must be 1-256 characters of A-Za-z0-9/_- in all, as "name" or "alias/name" (got "no!")'],
    ['a deletion window under 7 days', { deletionWindowInDays: 6 }, 'deletionWindowInDays',
      'ManagedCmkReplica "test/Replica": deletionWindowInDays must be an integer between 7 and 30 (got 6)'],
    ['a deletion window over 30 days', { deletionWindowInDays: 31 }, 'deletionWindowInDays',
      'ManagedCmkReplica "test/Replica": deletionWindowInDays must be an integer between 7 and 30 (got 31)'],
    ['a deletion window that is not whole days', { deletionWindowInDays: 7.5 }, 'deletionWindowInDays',
      'ManagedCmkReplica "test/Replica": deletionWindowInDays must be an integer between 7 and 30 (got 7.5)'],
    ['a statement with a reserved Sid', { policyStatements: [{ sid: 'EnableIamPolicies', principals: [{ type: 'AWS', identifiers: [ADMIN] }], actions: ['kms:DescribeKey'] }] },
      'policyStatements[0]', 'ManagedCmkReplica "test/Replica": policyStatements[0] must use a Sid that is not already in the key policy (got "EnableIamPolicies")'],
  ])('%s', (_label, props, option, message) => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const error = errorOf(() => new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west, ...props }));
    expect([error.option, error.message]).toEqual([option, message]);
  });

  test('an alias another key has on the replica\'s provider, naming it, and the replica\'s alias to a later key', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    new ManagedCmk(stack, 'WestKey', { alias: 'taken', provider: west });
    expect(errorOf(() => new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west, alias: 'taken' })).message)
      .toBe('ManagedCmkReplica "test/Replica": alias must be unique among the stack keys on the same provider: ManagedCmk "test/WestKey" already has it, and KMS aliases are unique per account and region (got "alias/taken")');
    new ManagedCmkReplica(stack, 'Replica2', { primaryKey, provider: west });
    expect(errorOf(() => new ManagedCmk(stack, 'Later', { alias: 'data', provider: west })).message)
      .toContain('alias must be unique among the stack keys on the same provider: ManagedCmkReplica "test/Replica2" already has it');
  });
});

describe('EncryptionCompliance', () => {
  test('a primary, its replica and a bucket encrypted with the replica produce no findings', () => {
    const { stack, west } = twoRegions();
    const primaryKey = new ManagedCmk(stack, 'Primary', { alias: 'data', multiRegion: true });
    const replica = new ManagedCmkReplica(stack, 'Replica', { primaryKey, provider: west });
    new EncryptedBucket(stack, 'West', { provider: west, encryptionKey: replica });
    expect(verdict(stack)).toEqual([]);
  });
});
