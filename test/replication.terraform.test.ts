/**
 * Replication across providers with real Terraform: the replication example (two
 * provider aliases, two regions, two keys) and a cross-account stack validate and plan
 * with the AWS provider; their policies, as Terraform renders them, are evaluated
 * request by request: the replication role can do each step of replication and
 * nothing else, an outsider can do none of it, and the destination denies replicas
 * under any key but its own.
 *
 * KMS requests carry S3's encryption context (`aws:s3:arn`), which the simulator
 * ignores: `evaluateWithS3Context` decides those conditions and fails if the simulator
 * skipped anything else.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { ReplicationStack } from '../examples/replication';
import { EncryptedBucket, ManagedCmk, StorageClass } from '../src';
import { Decision, evaluate, evaluateWithS3Context, SimRequest } from './support/iam';
import { SSE, SSE_KEY } from './support/policy';
import {
  PlanResult, RenderedState, SynthResult, ValidateResult,
  addressesIn, configOf, renderedState, synthStack, terraformPlan, terraformValidate,
} from './support/terraform';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const A: Decision = 'Allowed';
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const OUTSIDER = `arn:aws:iam::${OTHER_ACCOUNT}:user/mallory`;
const OTHER_KEY = `arn:aws:kms:us-west-2:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`;

interface Run {
  readonly synth: SynthResult;
  readonly validate: ValidateResult;
  readonly plan: PlanResult;
  readonly state: RenderedState;
}

function run(build: Parameters<typeof synthStack>[0], providers: Record<string, { region?: string; accountId?: string }>): Run {
  const synth = synthStack(build);
  return { synth, validate: terraformValidate(synth.dir), plan: terraformPlan(synth.dir), state: renderedState(synth.dir, { providers }) };
}

/** The rendered pieces of a replication: both buckets, both keys, the role and its policy. */
interface Rendered {
  readonly role: { arn: string; trust: string; policy: string };
  readonly source: { arn: string; policy: string; key: string; keyPolicy: string };
  readonly destination: { arn: string; policy: string; key: string; keyPolicy: string };
  readonly configuration: Record<string, any>;
}

function rendered(state: RenderedState, sourceId: string, destinationId: string): Rendered {
  const byAddress = (prefix: string) => state.resources.find((r) => r.mode === 'managed' && r.name.startsWith(prefix))!.values;
  const bucket = (id: string) => {
    const b = byAddress(`${id}_Bucket_`);
    const key = state.resources.find((r) => r.type === 'aws_kms_key' && r.name.startsWith(`${id}Key_`))!.values;
    return { arn: b.arn as string, policy: byAddress(`${id}_Policy_`).policy as string, key: key.arn as string, keyPolicy: key.policy as string };
  };
  const role = byAddress(`${sourceId}_ReplicationRole_`);
  return {
    role: { arn: role.arn, trust: role.assume_role_policy, policy: byAddress(`${sourceId}_ReplicationPolicy_`).policy },
    source: bucket(sourceId),
    destination: bucket(destinationId),
    configuration: state.singleValuesOf('aws_s3_bucket_replication_configuration'),
  };
}

/** The role's session, as S3 uses it. */
const sessionOf = (roleArn: string) => roleArn.replace(/^arn:aws:iam::(\d{12}):role\/(.+)$/, 'arn:aws:sts::$1:assumed-role/$2/s3-replication');

/**
 * Requests replication makes, and one decision per principal: [name, action, resource,
 * resource policy, S3 context, encryption context (KMS only)].
 */
type Step = [what: string, action: string, resource: (r: Rendered) => string, policy: (r: Rendered) => string,
  context: Record<string, string | undefined>, s3Arn?: (r: Rendered) => string];

/** `resourceAccount`: who owns the resource (S3 ARNs name no account); by default the source account. */
async function decide(r: Rendered, principal: string, identity: unknown[], step: Step, resourceAccount = ACCOUNT): Promise<Decision> {
  const [, action, resource, policy, context, s3Arn] = step;
  const req: SimRequest = {
    principal, action, resource: resource(r), resourcePolicy: policy(r), identityPolicies: identity, context, resourceAccount,
  };
  return s3Arn ? evaluateWithS3Context(req, s3Arn(r)) : evaluate(req);
}

// ---------------------------------------------------------------------------
// The replication example: same account, two regions
// ---------------------------------------------------------------------------

describe('replication example (two provider aliases, us-east-1 -> us-west-2)', () => {
  let example: Run;
  let r: Rendered;
  const S3_EAST = 's3.us-east-1.amazonaws.com';
  const S3_WEST = 's3.us-west-2.amazonaws.com';

  beforeAll(() => {
    example = run((app) => new ReplicationStack(app, 'replication'), {
      'aws.source': { region: 'us-east-1' },
      'aws.replica': { region: 'us-west-2' },
    });
    r = rendered(example.state, 'Source', 'Replica');
  }, 10 * 60 * 1000);

  test('validates and plans with the real provider: every resource created once, each on its alias', () => {
    const { synth, validate, plan } = example;
    expect(validate.valid).toBe(true);
    expect(validate.warnings).toEqual([]);
    expect(plan.resourceChanges.map((rc) => rc.address).sort()).toEqual(addressesIn(synth.json, 'resource').sort());
    expect(plan.resourceChanges.filter((rc) => rc.actions.join() !== 'create')).toEqual([]);
    const onProvider = (address: string) => configOf(synth.json, address).provider;
    const summary: Record<string, string[]> = {};
    for (const address of [...addressesIn(synth.json, 'resource'), ...addressesIn(synth.json, 'data')]) {
      (summary[onProvider(address) ?? 'default'] ??= []).push(address);
    }
    expect(Object.keys(summary).sort()).toEqual(['aws.replica', 'aws.source']);
    expect(summary['aws.replica'].filter((a) => /^aws_(s3_bucket|kms_key)\./.test(a)).map((a) => a.split('.')[0]).sort())
      .toEqual(['aws_kms_key', 'aws_s3_bucket']);
    console.log(`replication: ${plan.summary}\n${JSON.stringify(summary, undefined, 2)}`);
  });

  test('the configuration selects SSE-KMS objects, names the replica key, depends on versioning on both sides', () => {
    const rule = r.configuration.rule[0];
    expect(rule.source_selection_criteria[0].sse_kms_encrypted_objects[0].status).toBe('Enabled');
    expect(rule.destination[0].encryption_configuration[0].replica_kms_key_id).toBe(r.destination.key);
    expect(rule.destination[0].bucket).toBe(r.destination.arn);
    expect(rule.destination[0].access_control_translation).toEqual([]);
    expect(rule.delete_marker_replication[0].status).toBe('Enabled');
    const dependsOn: string[] = configOf(example.synth.json, addressesIn(example.synth.json, 'resource', 'aws_s3_bucket_replication_configuration')[0]).depends_on;
    expect(dependsOn.filter((d) => d.startsWith('aws_s3_bucket_versioning.')).sort()).toEqual(
      addressesIn(example.synth.json, 'resource', 'aws_s3_bucket_versioning').sort());
  });

  test('the keys are in their buckets\' regions', () => {
    expect(r.source.key).toMatch(/^arn:aws:kms:us-east-1:/);
    expect(r.destination.key).toMatch(/^arn:aws:kms:us-west-2:/);
  });

  const object = (arn: string) => `${arn}/photos/cat.jpg`;
  const REPLICA_HEADERS = (r2: Rendered) => ({ [SSE]: 'aws:kms', [SSE_KEY]: r2.destination.key });
  const steps = (): Step[] => [
    ['read the replication configuration', 's3:GetReplicationConfiguration', (x) => x.source.arn, (x) => x.source.policy, {}],
    ['list the source', 's3:ListBucket', (x) => x.source.arn, (x) => x.source.policy, {}],
    ['read a source version', 's3:GetObjectVersionForReplication', (x) => object(x.source.arn), (x) => x.source.policy, {}],
    ['read its ACL', 's3:GetObjectVersionAcl', (x) => object(x.source.arn), (x) => x.source.policy, {}],
    ['read its tags', 's3:GetObjectVersionTagging', (x) => object(x.source.arn), (x) => x.source.policy, {}],
    ['decrypt it (object context)', 'kms:Decrypt', (x) => x.source.key, (x) => x.source.keyPolicy, { 'kms:ViaService': S3_EAST }, (x) => object(x.source.arn)],
    ['decrypt it (bucket-key context)', 'kms:Decrypt', (x) => x.source.key, (x) => x.source.keyPolicy, { 'kms:ViaService': S3_EAST }, (x) => x.source.arn],
    ['write the replica under the replica key', 's3:ReplicateObject', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
    ['write its tags', 's3:ReplicateTags', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
    ['replicate a delete marker', 's3:ReplicateDelete', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
    ['get a data key (object context)', 'kms:GenerateDataKey', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_WEST }, (x) => object(x.destination.arn)],
    ['get a data key (bucket-key context)', 'kms:GenerateDataKey', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_WEST }, (x) => x.destination.arn],
    ['encrypt (object context)', 'kms:Encrypt', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_WEST }, (x) => object(x.destination.arn)],
  ];
  const allowedSteps = steps();

  describe('the replication role can do each step', () => {
    test.each(allowedSteps)('%s', async (...step) => {
      const withHeaders: Step = step[1] === 's3:ReplicateObject' ? [step[0], step[1], step[2], step[3], REPLICA_HEADERS(r), step[5]] : step;
      expect(await decide(r, sessionOf(r.role.arn), [r.role.policy], withHeaders)).toBe(A);
    });
  });

  describe('an outsider (another account, allowed everything by its own account) can do none of it', () => {
    test.each(allowedSteps)('%s', async (...step) => {
      expect(await decide(r, OUTSIDER, [ALLOW_ALL], step)).not.toBe(A);
    });
  });

  describe('and the role can do nothing else', () => {
    const denied = (): Step[] => [
      ['read a destination object', 's3:GetObject', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
      ['read a destination version for replication', 's3:GetObjectVersionForReplication', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
      ['list the destination', 's3:ListBucket', (x) => x.destination.arn, (x) => x.destination.policy, {}],
      ['read a source object the ordinary way', 's3:GetObject', (x) => object(x.source.arn), (x) => x.source.policy, {}],
      ['upload to the source', 's3:PutObject', (x) => object(x.source.arn), (x) => x.source.policy, {}],
      ['upload to the destination', 's3:PutObject', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
      ['delete a destination version', 's3:DeleteObjectVersion', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
      ['replicate into the source', 's3:ReplicateObject', (x) => object(x.source.arn), (x) => x.source.policy, {}],
      ['decrypt with the replica key', 'kms:Decrypt', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_WEST }, (x) => object(x.destination.arn)],
      ['encrypt with the source key', 'kms:GenerateDataKey', (x) => x.source.key, (x) => x.source.keyPolicy, { 'kms:ViaService': S3_EAST }, (x) => object(x.source.arn)],
      ['decrypt with the source key outside S3', 'kms:Decrypt', (x) => x.source.key, (x) => x.source.keyPolicy, {}, (x) => object(x.source.arn)],
      ['decrypt with the source key through S3 in another region', 'kms:Decrypt', (x) => x.source.key, (x) => x.source.keyPolicy, { 'kms:ViaService': S3_WEST }, (x) => object(x.source.arn)],
      ['decrypt with the source key for another bucket', 'kms:Decrypt', (x) => x.source.key, (x) => x.source.keyPolicy, { 'kms:ViaService': S3_EAST }, () => 'arn:aws:s3:::another-bucket/photos/cat.jpg'],
      ['decrypt with the source key for a bucket whose name extends it', 'kms:Decrypt', (x) => x.source.key, (x) => x.source.keyPolicy, { 'kms:ViaService': S3_EAST }, (x) => `${x.source.arn}-copy/a`],
      ['decrypt with the source key without an encryption context', 'kms:Decrypt', (x) => x.source.key, (x) => x.source.keyPolicy, { 'kms:ViaService': S3_EAST }, () => undefined as unknown as string],
      ['encrypt with the replica key outside S3', 'kms:Encrypt', (x) => x.destination.key, (x) => x.destination.keyPolicy, {}, (x) => object(x.destination.arn)],
      ['encrypt with the replica key for the source bucket', 'kms:GenerateDataKey', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_WEST }, (x) => object(x.source.arn)],
      ['re-encrypt with the replica key', 'kms:ReEncryptTo', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_WEST }, (x) => object(x.destination.arn)],
      ['manage the replica key', 'kms:PutKeyPolicy', (x) => x.destination.key, (x) => x.destination.keyPolicy, {}],
    ];
    test.each(denied())('cannot %s', async (...step) => {
      expect(await decide(r, sessionOf(r.role.arn), [r.role.policy], step)).not.toBe(A);
    });
  });

  describe('pinning on the destination', () => {
    const replicate = (headers: Record<string, string>) => evaluate({
      principal: sessionOf(r.role.arn),
      action: 's3:ReplicateObject',
      resource: object(r.destination.arn),
      resourcePolicy: r.destination.policy,
      identityPolicies: [r.role.policy],
      context: headers,
    });
    test('a replica under the destination key is allowed', async () => {
      expect(await replicate({ [SSE]: 'aws:kms', [SSE_KEY]: r.destination.key })).toBe(A);
    });
    test.each([
      ['another key', () => ({ [SSE]: 'aws:kms', [SSE_KEY]: OTHER_KEY })],
      ['the source key', () => ({ [SSE]: 'aws:kms', [SSE_KEY]: r.source.key })],
      ['SSE-S3', () => ({ [SSE]: 'AES256' })],
      ['aws:kms without a key id (the AWS-managed key)', () => ({ [SSE]: 'aws:kms' })],
    ])('a replica under %s is explicitly denied', async (_what, headers) => {
      expect(await replicate(headers())).toBe('ExplicitlyDenied');
    });
  });

  describe('the role\'s trust policy', () => {
    const assume = (principal: string, sourceAccount: string | undefined) => evaluate({
      principal,
      action: 'sts:AssumeRole',
      resource: r.role.arn,
      resourcePolicy: r.role.trust,
      context: { 'aws:SourceAccount': sourceAccount },
    });
    test('S3 may assume it for buckets of this account only', async () => {
      expect(await assume('s3.amazonaws.com', ACCOUNT)).toBe(A);
      expect(await assume('s3.amazonaws.com', OTHER_ACCOUNT)).not.toBe(A);
      expect(await assume('s3.amazonaws.com', undefined)).not.toBe(A);
      expect(await assume('lambda.amazonaws.com', ACCOUNT)).not.toBe(A);
    });
  });
});

// ---------------------------------------------------------------------------
// Cross-account: the destination on a provider of another account
// ---------------------------------------------------------------------------

describe('cross-account replication (accounts stated by allowed_account_ids)', () => {
  let cross: Run;
  let r: Rendered;

  beforeAll(() => {
    cross = run((app) => {
      const stack = new TerraformStack(app, 'cross-account');
      new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: [ACCOUNT] });
      const other = new AwsProvider(stack, 'other', { alias: 'other', region: 'eu-west-1', allowedAccountIds: [OTHER_ACCOUNT] });
      const replica = new EncryptedBucket(stack, 'Replica', {
        provider: other, encryptionKey: new ManagedCmk(stack, 'ReplicaKey', { alias: 'replica', provider: other }),
      });
      new EncryptedBucket(stack, 'Source', {
        encryptionKey: new ManagedCmk(stack, 'SourceKey', { alias: 'source' }),
        replicationRules: [{ destination: replica, prefix: 'shared/' }],
      });
      return stack;
    }, { 'aws.other': { region: 'eu-west-1', accountId: OTHER_ACCOUNT } });
    r = rendered(cross.state, 'Source', 'Replica');
  }, 10 * 60 * 1000);

  test('validates and plans with the real provider', () => {
    expect(cross.validate.valid).toBe(true);
    expect(cross.plan.resourceChanges.map((rc) => rc.address).sort()).toEqual(addressesIn(cross.synth.json, 'resource').sort());
    console.log(`cross-account: ${cross.plan.summary}`);
  });

  test('replicas are owned by the destination account', () => {
    const destination = r.configuration.rule[0].destination[0];
    expect(destination.account).toBe(OTHER_ACCOUNT);
    expect(destination.access_control_translation).toEqual([{ owner: 'Destination' }]);
    expect(r.configuration.rule[0].filter[0].prefix).toBe('shared/');
  });

  const object = (arn: string) => `${arn}/shared/report.csv`;
  const S3_EU = 's3.eu-west-1.amazonaws.com';
  const crossSteps = (): Step[] => [
    ['write the replica', 's3:ReplicateObject', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
    ['write its tags', 's3:ReplicateTags', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
    ['hand ownership to the destination account', 's3:ObjectOwnerOverrideToBucketOwner', (x) => object(x.destination.arn), (x) => x.destination.policy, {}],
    ['get a data key from the other account\'s key', 'kms:GenerateDataKey', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_EU }, (x) => object(x.destination.arn)],
    ['encrypt with it (bucket-key context)', 'kms:Encrypt', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_EU }, (x) => x.destination.arn],
  ];

  describe('the role, in the source account, gets into the other account\'s bucket and key', () => {
    test.each(crossSteps())('%s', async (...step) => {
      expect(await decide(r, sessionOf(r.role.arn), [r.role.policy], step, OTHER_ACCOUNT)).toBe(A);
    });
  });

  describe('without the destination\'s bucket and key policy statements it could not (cross-account needs both)', () => {
    const withoutReplicationStatements = (policy: string) => {
      const doc = JSON.parse(policy);
      return JSON.stringify({ ...doc, Statement: doc.Statement.filter((s: any) => !String(s.Sid ?? '').startsWith('Replication')) });
    };
    test.each(crossSteps())('%s', async (...step) => {
      const stripped: Step = [step[0], step[1], step[2], (x) => withoutReplicationStatements(step[3](x)), step[4], step[5]];
      expect(await decide(r, sessionOf(r.role.arn), [r.role.policy], stripped, OTHER_ACCOUNT)).not.toBe(A);
    });
  });

  describe('an outsider (a third account, allowed everything by its own account) can do none of it', () => {
    test.each(crossSteps())('%s', async (...step) => {
      expect(await decide(r, 'arn:aws:iam::777788889999:user/mallory', [ALLOW_ALL], step, OTHER_ACCOUNT)).not.toBe(A);
    });
  });

  test('the role cannot decrypt with the other account\'s key, nor read the destination', async () => {
    expect(await decide(r, sessionOf(r.role.arn), [r.role.policy],
      ['decrypt', 'kms:Decrypt', (x) => x.destination.key, (x) => x.destination.keyPolicy, { 'kms:ViaService': S3_EU }, (x) => object(x.destination.arn)], OTHER_ACCOUNT)).not.toBe(A);
    expect(await decide(r, sessionOf(r.role.arn), [r.role.policy],
      ['read', 's3:GetObject', (x) => object(x.destination.arn), (x) => x.destination.policy, {}], OTHER_ACCOUNT)).not.toBe(A);
  });
});

// ---------------------------------------------------------------------------
// Every option of a rule, and two buckets that replicate to each other
// ---------------------------------------------------------------------------

describe('a rule with every option (tags and prefix, storage class, RTC, metrics, replica modification sync)', () => {
  let all: Run;

  beforeAll(() => {
    all = run((app) => {
      const stack = new TerraformStack(app, 'all-options');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
      new EncryptedBucket(stack, 'Source', {
        tags: { team: 'data' },
        replicationRules: [{
          destination: new EncryptedBucket(stack, 'Replica', { provider: west }),
          prefix: 'logs/',
          tags: { team: 'data', tier: 'hot' },
          storageClass: StorageClass.STANDARD,
          replicationTimeControl: true,
          metrics: true,
          replicaModifications: true,
        }, {
          destination: new EncryptedBucket(stack, 'Metrics', { provider: west }),
          tags: { team: 'data' },
          metrics: true,
        }],
      });
      return stack;
    }, { 'aws.west': { region: 'us-west-2' } });
  }, 10 * 60 * 1000);

  test('validates and plans with the real provider', () => {
    expect(all.validate.valid).toBe(true);
    expect(all.validate.warnings).toEqual([]);
    expect(all.plan.resourceChanges.map((rc) => rc.address).sort()).toEqual(addressesIn(all.synth.json, 'resource').sort());
    console.log(`all options: ${all.plan.summary}`);
  });

  test('the rules, as the provider plans them', () => {
    const configuration = all.plan.resourceChanges.find((rc) => rc.type === 'aws_s3_bucket_replication_configuration')!.after!;
    const [rtc, metricsOnly] = configuration.rule;
    expect(rtc.filter).toEqual([{ and: [{ prefix: 'logs/', tags: { team: 'data', tier: 'hot' } }], prefix: null, tag: [] }]);
    expect(rtc.delete_marker_replication).toEqual([{ status: 'Disabled' }]);
    expect(rtc.source_selection_criteria).toEqual([{ replica_modifications: [{ status: 'Enabled' }], sse_kms_encrypted_objects: [{ status: 'Enabled' }] }]);
    expect(rtc.destination[0]).toMatchObject({
      storage_class: 'STANDARD',
      metrics: [{ status: 'Enabled', event_threshold: [{ minutes: 15 }] }],
      replication_time: [{ status: 'Enabled', time: [{ minutes: 15 }] }],
    });
    expect(metricsOnly.filter).toEqual([{ and: [], prefix: null, tag: [{ key: 'team', value: 'data' }] }]);
    expect(metricsOnly.destination[0]).toMatchObject({ metrics: [{ status: 'Enabled', event_threshold: [] }], replication_time: [] });
  });

  test('the role has the source bucket\'s tags', () => {
    const role = all.plan.resourceChanges.find((rc) => rc.type === 'aws_iam_role')!.after!;
    expect(role.tags).toEqual({ team: 'data' });
  });
});

describe('two buckets that replicate to each other (us-east-1 <-> us-west-2, replica modification sync)', () => {
  let twoWay: Run;

  beforeAll(() => {
    twoWay = run((app) => {
      const stack = new TerraformStack(app, 'two-way');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
      const east = new EncryptedBucket(stack, 'East');
      const westBucket = new EncryptedBucket(stack, 'West', { provider: west });
      east.addReplicationRule({ destination: westBucket, replicaModifications: true, replicateDeleteMarkers: true });
      westBucket.addReplicationRule({ destination: east, replicaModifications: true, replicateDeleteMarkers: true });
      return stack;
    }, { 'aws.west': { region: 'us-west-2' } });
  }, 10 * 60 * 1000);

  test('validates and plans (Terraform would report a dependency cycle): each side created once', () => {
    expect(twoWay.validate.valid).toBe(true);
    expect(twoWay.plan.resourceChanges.map((rc) => rc.address).sort()).toEqual(addressesIn(twoWay.synth.json, 'resource').sort());
    expect(twoWay.plan.resourceChanges.filter((rc) => rc.actions.join() !== 'create')).toEqual([]);
    console.log(`two-way: ${twoWay.plan.summary}`);
  });

  test('both configurations sync replica modifications, each into the other bucket', () => {
    const configurations = twoWay.state.resources.filter((r) => r.type === 'aws_s3_bucket_replication_configuration').map((r) => r.values);
    expect(configurations).toHaveLength(2);
    const bucketArn = (prefix: string) => twoWay.state.resources.find((r) => r.type === 'aws_s3_bucket' && r.name.startsWith(prefix))!.values.arn;
    const destinations = configurations.map((c) => [c.bucket, c.rule[0].destination[0].bucket]);
    const [east, west] = [bucketArn('East_'), bucketArn('West_')];
    expect(destinations.map(([, d]) => d).sort()).toEqual([east, west].sort());
    for (const c of configurations) {
      expect(c.rule[0].source_selection_criteria[0].replica_modifications).toEqual([{ status: 'Enabled' }]);
    }
  });
});
