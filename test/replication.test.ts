/**
 * Replication at synth: what the rules create, and every bad input a clear error naming
 * the option. Policies are proven in replication.terraform.test.ts.
 */
import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { BucketEncryption, EncryptedBucket, ExternalReplicationDestination, ManagedCmk, ReplicationRule, StorageClass } from '../src';
import { parsePolicy } from './support/policy';
import { errorOf, onlyResource, resourcesOf, synthJson, testApp, testStack } from './support/synth';

const KEY_WEST = 'arn:aws:kms:us-west-2:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function twoRegions(): { stack: TerraformStack; west: AwsProvider } {
  const stack = testStack();
  return { stack, west: new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' }) };
}

describe('a replication rule', () => {
  test('creates one role, one role policy and one configuration on the source provider, whatever the number of rules', () => {
    const { stack, west } = twoRegions();
    const a = new EncryptedBucket(stack, 'A', { provider: west });
    const b = new EncryptedBucket(stack, 'B', { provider: west });
    new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: a }, { destination: b, prefix: 'logs/' }] });
    const json = synthJson(stack);
    const configuration = onlyResource(json, 'aws_s3_bucket_replication_configuration');
    expect(configuration.provider).toBeUndefined();
    expect(configuration.rule.map((r: any) => [r.id, r.priority, r.filter.prefix])).toEqual([['replicate-0', 0, undefined], ['replicate-1', 1, 'logs/']]);
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(1);
    expect(resourcesOf(json, 'aws_iam_role_policy')).toHaveLength(1);
  });

  test('addReplicationRule adds to the same configuration and role policy', () => {
    const { stack, west } = twoRegions();
    const source = new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }) }] });
    source.addReplicationRule({ destination: new EncryptedBucket(stack, 'B', { provider: west }), priority: 5, storageClass: StorageClass.STANDARD_IA });
    const json = synthJson(stack);
    const rules = onlyResource(json, 'aws_s3_bucket_replication_configuration').rule;
    expect(rules.map((r: any) => [r.priority, r.destination.storage_class])).toEqual([[0, undefined], [5, 'STANDARD_IA']]);
    const sids = parsePolicy(onlyResource(json, 'aws_iam_role_policy').policy).Statement.map((s) => s.Sid);
    expect(sids).toEqual(['ReadReplicationConfiguration', 'ReadSourceVersions', 'DecryptSource', 'WriteReplicas0', 'EncryptReplicas0Key0', 'WriteReplicas1', 'EncryptReplicas1Key0']);
  });

  test('a role given is used: no role created, the policy attached to it on its own provider', () => {
    const { stack, west } = twoRegions();
    const role = new DataAwsIamRole(stack, 'Existing', { name: 'replication', provider: west });
    new EncryptedBucket(stack, 'Source', { replicationRole: role, replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }) }] });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(0);
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect([policy.role, policy.provider]).toEqual(['${data.aws_iam_role.Existing.name}', 'aws.west']);
    expect(onlyResource(json, 'aws_s3_bucket_replication_configuration').role).toBe('${data.aws_iam_role.Existing.arn}');
  });

  test('replicationRoleArn names the role, for the policies of a destination managed elsewhere', () => {
    const { stack, west } = twoRegions();
    const plain = new EncryptedBucket(stack, 'Plain');
    const source = new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }) }] });
    expect(plain.replicationRoleArn).toBeUndefined();
    expect(Token.isUnresolved(source.replicationRoleArn)).toBe(true);
    expect(onlyResource(synthJson(stack), 'aws_s3_bucket_replication_configuration').role).toMatch(/^\$\{aws_iam_role\.Source_ReplicationRole_[0-9A-F]+\.arn\}$/);
  });

  test('an external destination: its key and bucket, and owner override only when the accounts are known to differ', () => {
    const stack = new TerraformStack(testStack().node.scope!, 'known');
    new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: ['111122223333'] });
    const archive = new ExternalReplicationDestination(stack, 'Archive', { bucketName: 'archive', keyArn: KEY_WEST, accountId: '444455556666' });
    new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: archive }] });
    const json = synthJson(stack);
    const destination = onlyResource(json, 'aws_s3_bucket_replication_configuration').rule[0].destination;
    expect(destination).toEqual({
      bucket: 'arn:aws:s3:::archive',
      account: '444455556666',
      access_control_translation: { owner: 'Destination' },
      encryption_configuration: { replica_kms_key_id: KEY_WEST },
    });
    const write = parsePolicy(onlyResource(json, 'aws_iam_role_policy').policy).Statement.find((s) => s.Sid === 'WriteReplicas0')!;
    expect(write.Action).toEqual(['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner']);
    const encrypt = parsePolicy(onlyResource(json, 'aws_iam_role_policy').policy).Statement.find((s) => s.Sid === 'EncryptReplicas0Key0')!;
    expect(encrypt.Condition!.StringEquals).toEqual({ 'kms:ViaService': ['s3.us-west-2.${data.aws_partition.EncryptedS3Partition.dns_suffix}'] });
  });

  test('without known accounts there is no owner override, and the replica key still lets the role in (it may be another account\'s)', () => {
    const { stack, west } = twoRegions();
    new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }) }] });
    const json = synthJson(stack);
    const destination = onlyResource(json, 'aws_s3_bucket_replication_configuration').rule[0].destination;
    expect(destination.access_control_translation).toBeUndefined();
    expect(destination.account).toBeUndefined();
    const replicaKey = resourcesOf(json, 'aws_kms_key').find((k) => k.provider === 'aws.west');
    const statement = parsePolicy(replicaKey.policy).Statement.find((s) => s.Sid?.startsWith('Replication'));
    expect(statement?.Action).toEqual(['kms:Encrypt', 'kms:GenerateDataKey']);
  });

  test('the destination\'s bucket-policy statement for the role has no empty Condition block', () => {
    const { stack, west } = twoRegions();
    const destination = new EncryptedBucket(stack, 'A', { provider: west });
    new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination }] });
    const policy = resourcesOf(synthJson(stack), 'aws_s3_bucket_policy').find((p) => p.provider === 'aws.west');
    const statement = parsePolicy(policy.policy).Statement.find((s) => s.Sid?.startsWith('Replication'))!;
    expect(statement.Action).toEqual(expect.arrayContaining(['s3:ReplicateObject']));
    expect(statement).not.toHaveProperty('Condition');
  });

  test('with both accounts known to be the same, IAM policies suffice: no replica key statement', () => {
    const stack = testStack();
    const same = new AwsProvider(stack, 'same', { alias: 'same', region: 'us-west-2', allowedAccountIds: ['111122223333'] });
    const source = new AwsProvider(stack, 'src', { alias: 'src', region: 'us-east-1', allowedAccountIds: ['111122223333'] });
    new EncryptedBucket(stack, 'Source', { provider: source, replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: same }) }] });
    const replicaKey = resourcesOf(synthJson(stack), 'aws_kms_key').find((k) => k.provider === 'aws.same');
    expect(parsePolicy(replicaKey.policy).Statement.map((s) => s.Sid).filter((sid) => sid?.startsWith('Replication'))).toEqual([]);
  });
});

/** The one rule a source replicating into a west bucket with `options` renders. */
function renderedRule(options: Omit<ReplicationRule, 'destination'>): any {
  const { stack, west } = twoRegions();
  new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), ...options }] });
  return onlyResource(synthJson(stack), 'aws_s3_bucket_replication_configuration').rule[0];
}

const DESTINATION = {
  bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.A_Bucket_[0-9A-F]+\.arn\}$/),
  encryption_configuration: { replica_kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.A_Key_[0-9A-F]+\.arn\}$/) },
};
const SSE_KMS_ONLY = { sse_kms_encrypted_objects: { status: 'Enabled' } };

describe('the options of a rule, as rendered', () => {
  test('by default: no filter but the prefix, no delete markers, SSE-KMS objects, no metrics, RTC or replica sync', () => {
    expect(renderedRule({})).toEqual({
      id: 'replicate-0',
      priority: 0,
      status: 'Enabled',
      filter: {},
      delete_marker_replication: { status: 'Disabled' },
      source_selection_criteria: SSE_KMS_ONLY,
      destination: DESTINATION,
    });
  });

  test('replicationTimeControl: RTC and metrics, both 15 minutes', () => {
    expect(renderedRule({ replicationTimeControl: true })).toEqual({
      id: 'replicate-0',
      priority: 0,
      status: 'Enabled',
      filter: {},
      delete_marker_replication: { status: 'Disabled' },
      source_selection_criteria: SSE_KMS_ONLY,
      destination: {
        ...DESTINATION,
        metrics: { status: 'Enabled', event_threshold: { minutes: 15 } },
        replication_time: { status: 'Enabled', time: { minutes: 15 } },
      },
    });
    expect(renderedRule({ replicationTimeControl: true, metrics: true }).destination.metrics).toEqual({ status: 'Enabled', event_threshold: { minutes: 15 } });
  });

  test('metrics alone: enabled without an event threshold (S3 refuses one without RTC), and no RTC', () => {
    const destination = renderedRule({ metrics: true }).destination;
    expect(destination).toEqual({ ...DESTINATION, metrics: { status: 'Enabled' } });
    expect(renderedRule({ metrics: false }).destination).toEqual(DESTINATION);
  });

  test('replicaModifications: replica modification sync beside the SSE-KMS selection', () => {
    expect(renderedRule({ replicaModifications: true }).source_selection_criteria).toEqual({
      sse_kms_encrypted_objects: { status: 'Enabled' }, replica_modifications: { status: 'Enabled' },
    });
    expect(renderedRule({ replicaModifications: false }).source_selection_criteria).toEqual(SSE_KMS_ONLY);
  });

  test.each([
    ['one tag, no prefix: filter.tag', { tags: { team: 'data' } }, { tag: { key: 'team', value: 'data' } }],
    ['one tag and a prefix: filter.and', { tags: { team: 'data' }, prefix: 'logs/' }, { and: { prefix: 'logs/', tags: { team: 'data' } } }],
    ['two tags: filter.and without a prefix', { tags: { team: 'data', tier: 'hot' } }, { and: { tags: { team: 'data', tier: 'hot' } } }],
    ['two tags and a prefix', { tags: { team: 'data', tier: 'hot' }, prefix: 'logs/' }, { and: { prefix: 'logs/', tags: { team: 'data', tier: 'hot' } } }],
    ['no tags ({}): the prefix alone', { tags: {}, prefix: 'logs/' }, { prefix: 'logs/' }],
  ])('tags, %s', (_what, options, filter) => {
    const rule = renderedRule(options);
    expect(rule.filter).toEqual(filter);
    expect(rule.delete_marker_replication).toEqual({ status: 'Disabled' });
  });

  test('tags given as a token: filter.and, and nothing checked', () => {
    const tags = Token.asStringMap('${var.tags}');
    expect(renderedRule({ tags, replicateDeleteMarkers: true }).filter).toEqual({ and: { tags: '${var.tags}' } });
  });

  test('storageClass: every member of StorageClass, STANDARD included', () => {
    for (const storageClass of Object.values(StorageClass)) {
      expect(renderedRule({ storageClass }).destination.storage_class).toBe(storageClass);
    }
  });

  test('every new option at once', () => {
    expect(renderedRule({
      tags: { team: 'data' },
      prefix: 'logs/',
      storageClass: StorageClass.GLACIER_IR,
      replicationTimeControl: true,
      replicaModifications: true,
    })).toEqual({
      id: 'replicate-0',
      priority: 0,
      status: 'Enabled',
      filter: { and: { prefix: 'logs/', tags: { team: 'data' } } },
      delete_marker_replication: { status: 'Disabled' },
      source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' }, replica_modifications: { status: 'Enabled' } },
      destination: {
        ...DESTINATION,
        storage_class: 'GLACIER_IR',
        metrics: { status: 'Enabled', event_threshold: { minutes: 15 } },
        replication_time: { status: 'Enabled', time: { minutes: 15 } },
      },
    });
  });
});

describe('the replication role', () => {
  test('has the bucket\'s tags', () => {
    const { stack, west } = twoRegions();
    new EncryptedBucket(stack, 'Source', { tags: { team: 'data', env: 'prod' }, replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }) }] });
    expect(onlyResource(synthJson(stack), 'aws_iam_role').tags).toEqual({ team: 'data', env: 'prod' });
  });

  test('has no tags when the bucket has none', () => {
    const { stack, west } = twoRegions();
    new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }) }] });
    expect(onlyResource(synthJson(stack), 'aws_iam_role')).not.toHaveProperty('tags');
  });
});

describe('two buckets that replicate to each other', () => {
  test('each has its own role and configuration, each lets the other\'s role in, both sync replica modifications', () => {
    const { stack, west } = twoRegions();
    const a = new EncryptedBucket(stack, 'A');
    const b = new EncryptedBucket(stack, 'B', { provider: west });
    a.addReplicationRule({ destination: b, replicaModifications: true, replicateDeleteMarkers: true });
    b.addReplicationRule({ destination: a, replicaModifications: true, replicateDeleteMarkers: true });
    const json = synthJson(stack);
    const configurations = resourcesOf(json, 'aws_s3_bucket_replication_configuration');
    expect(configurations.map((c) => [c.provider, c.rule[0].source_selection_criteria.replica_modifications])).toEqual([
      [undefined, { status: 'Enabled' }], ['aws.west', { status: 'Enabled' }],
    ]);
    expect(resourcesOf(json, 'aws_iam_role')).toHaveLength(2);
    const roleSids = (provider: string | undefined) => parsePolicy(resourcesOf(json, 'aws_s3_bucket_policy').find((p) => p.provider === provider).policy)
      .Statement.map((s) => s.Sid).filter((sid) => sid?.startsWith('Replication'));
    expect(roleSids(undefined)).toHaveLength(1);
    expect(roleSids('aws.west')).toHaveLength(1);
  });
});

describe('bad input is refused at synth, naming the option', () => {
  const cases: Array<[string, () => unknown, string, string]> = [
    ['an unversioned source', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { versioned: false, replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }) }] });
    }, 'replicationRules[0]', 'EncryptedBucket "test/Source": replicationRules[0] needs versioned true on this bucket: S3 replicates only from versioned buckets (got false)'],
    ['an unversioned destination', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west, versioned: false }) }] });
    }, 'replicationRules[0].destination', 'EncryptedBucket "test/Source": replicationRules[0].destination must be versioned (versioned: true): S3 replicates only into versioned buckets (got "test/A")'],
    ['a replica key in another region than the destination', () => {
      const { stack, west } = twoRegions();
      const eastKey = new ManagedCmk(stack, 'EastKey', { alias: 'east' });
      new EncryptedBucket(stack, 'Source', {
        replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west, pinEncryptionKey: false }), replicaKey: eastKey }],
      });
    }, 'replicationRules[0].replicaKey', 'EncryptedBucket "test/Source": replicationRules[0].replicaKey must be in the destination\'s region, us-west-2: S3 uses only keys in the bucket\'s own region (got "test/EastKey in us-east-1")'],
    ['a destination in another stack', () => {
      const app = testApp();
      const other = new TerraformStack(app, 'other');
      new AwsProvider(other, 'aws', { region: 'us-west-2' });
      const stack = new TerraformStack(app, 'test');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(other, 'A') }] });
    }, 'replicationRules[0].destination', 'EncryptedBucket "test/Source": replicationRules[0].destination must be in the source\'s stack (test); for a bucket in another stack, use an ExternalReplicationDestination and give its policies replicationRoleArn (got "other/A")'],
    ['a destination equal to the source', () => {
      const stack = testStack();
      const source = new EncryptedBucket(stack, 'Source');
      source.addReplicationRule({ destination: source });
    }, 'addReplicationRule.destination', 'EncryptedBucket "test/Source": addReplicationRule.destination must be another bucket: a bucket cannot replicate into itself (got "test/Source")'],
    ['an external destination naming the source bucket', () => {
      const stack = testStack();
      const archive = new ExternalReplicationDestination(stack, 'Archive', { bucketName: 'data', keyArn: KEY_WEST, accountId: '444455556666' });
      new EncryptedBucket(stack, 'Source', { bucketName: 'data', replicationRules: [{ destination: archive }] });
    }, 'replicationRules[0].destination', 'EncryptedBucket "test/Source": replicationRules[0].destination must be another bucket: a bucket cannot replicate into itself (got "test/Archive")'],
    ['duplicate priorities', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', {
        replicationRules: [
          { destination: new EncryptedBucket(stack, 'A', { provider: west }), priority: 1 },
          { destination: new EncryptedBucket(stack, 'B', { provider: west }), priority: 1 },
        ],
      });
    }, 'replicationRules[1].priority', 'EncryptedBucket "test/Source": replicationRules[1].priority must be unique among the bucket\'s replication rules: rule "replicate-1" already has it (got 1)'],
    ['a default priority that clashes with a given one', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', {
        replicationRules: [
          { destination: new EncryptedBucket(stack, 'A', { provider: west }), priority: 1 },
          { destination: new EncryptedBucket(stack, 'B', { provider: west }) },
        ],
      });
    }, 'replicationRules[1].priority', 'EncryptedBucket "test/Source": replicationRules[1].priority must be unique among the bucket\'s replication rules: rule "replicate-1" already has it (got 1)'],
    ['a replica key other than the key the destination pins', () => {
      const { stack, west } = twoRegions();
      const otherKey = new ManagedCmk(stack, 'Other', { alias: 'other', provider: west });
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), replicaKey: otherKey }] });
    }, 'replicationRules[0].replicaKey', 'EncryptedBucket "test/Source": replicationRules[0].replicaKey must be the destination\'s own key: the destination pins its key (pinEncryptionKey) and denies replicas encrypted with any other (got "test/Other")'],
    ['an S3_MANAGED destination without a replica key', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west, encryption: BucketEncryption.S3_MANAGED }) }] });
    }, 'replicationRules[0].replicaKey', 'EncryptedBucket "test/Source": replicationRules[0].replicaKey must be given when the destination has no KMS key (S3_MANAGED): replicas of SSE-KMS objects need a key in the destination region (got "test/A")'],
    ['a source key that IAM policies cannot grant', () => {
      const { stack, west } = twoRegions();
      const key = new ManagedCmk(stack, 'Locked', { alias: 'locked', enableIamPolicies: false, keyAdministratorArns: ['arn:aws:iam::111122223333:role/admin'] });
      new EncryptedBucket(stack, 'Source', { encryptionKey: key, replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }) }] });
    }, 'replicationRules[0]', 'EncryptedBucket "test/Source": replicationRules[0] needs a source key whose policy lets IAM policies grant its use (enableIamPolicies): the replication role decrypts through its own policy (got "test/Locked")'],
    ['an unknown storage class', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), storageClass: 'COLD' as StorageClass }] });
    }, 'replicationRules[0].storageClass', 'must be one of "STANDARD"'],
    ['a storage class S3 has but the enum does not', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), storageClass: 'REDUCED_REDUNDANCY' as StorageClass }] });
    }, 'replicationRules[0].storageClass', 'must be one of "STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE" (got "REDUCED_REDUNDANCY")'],
    ['delete marker replication on a rule with tags', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), tags: { team: 'data' }, replicateDeleteMarkers: true }] });
    }, 'replicationRules[0].replicateDeleteMarkers', 'EncryptedBucket "test/Source": replicationRules[0].replicateDeleteMarkers cannot be true on a rule with tags: S3 does not replicate delete markers for tag-based rules (got true)'],
    ['replication time control with metrics off', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), replicationTimeControl: true, metrics: false }] });
    }, 'replicationRules[0].metrics', 'EncryptedBucket "test/Source": replicationRules[0].metrics cannot be false with replicationTimeControl: S3 Replication Time Control requires replication metrics (got false)'],
    ['more than 10 tags', () => {
      const { stack, west } = twoRegions();
      const tags = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']));
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), tags }] });
    }, 'replicationRules[0].tags', 'EncryptedBucket "test/Source": replicationRules[0].tags must have at most 10 tags: an object carries no more, so the rule would replicate nothing (got 11)'],
    ['a tag key of 129 characters', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), tags: { ['k'.repeat(129)]: 'v' } }] });
    }, 'replicationRules[0].tags', `replicationRules[0].tags keys must be 1-128 characters (got "${'k'.repeat(129)}")`],
    ['an empty tag key', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), tags: { '': 'v' } }] });
    }, 'replicationRules[0].tags', 'replicationRules[0].tags keys must be 1-128 characters (got "")'],
    ['a tag value of 257 characters', () => {
      const { stack, west } = twoRegions();
      new EncryptedBucket(stack, 'Source', { replicationRules: [{ destination: new EncryptedBucket(stack, 'A', { provider: west }), tags: { team: 'v'.repeat(257) } }] });
    }, 'replicationRules[0].tags', 'replicationRules[0].tags values must be strings of at most 256 characters (key "team")'],
    ['an external destination with neither bucketArn nor bucketName', () => {
      new ExternalReplicationDestination(testStack(), 'Archive', { keyArn: KEY_WEST, accountId: '444455556666' });
    }, 'bucketArn', 'ExternalReplicationDestination "test/Archive": bucketArn or bucketName must be given, not both'],
  ];

  test.each(cases)('%s', (_what, build, option, message) => {
    const error = errorOf(build);
    expect(error.option).toBe(option);
    expect(error.message).toContain(message);
  });
});
