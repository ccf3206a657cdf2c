/**
 * The example stacks of examples/main.ts with real Terraform: each validates and plans
 * with the AWS provider, and its bucket and key policies, as Terraform renders them,
 * are evaluated with an IAM policy simulator against the scenarios of the seeds.
 *
 * Each stack is synthesized in its own App and goes through Terraform once
 * (synth, validate, plan, rendered state); every assertion on it reads that one run.
 */
import { App, TerraformStack } from 'cdktf';
import { AccessLogsStack } from '../../examples/access-logs';
import { DefaultEncryptionStack } from '../../examples/default-encryption';
import { ManagedCmkStack } from '../../examples/managed-cmk';
import { PinnedCmkStack } from '../../examples/pinned-cmk';
import { RequireSseKmsStack } from '../../examples/require-sse-kms';
import { SseS3HttpsOnlyStack } from '../../examples/sse-s3-https-only';
import { Decision, evaluate } from '../support/iam';
import { A, decisionOf, decisions, Mode, OTHER_KEY, RenderedBucket, TABLE } from '../support/request-table';
import {
  PlanResult, RenderedState, SynthResult, ValidateResult,
  addressesIn, renderedState, synthStack, terraformPlan, terraformValidate,
} from '../support/terraform';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
/** `data.aws_caller_identity` as the Terraform helpers override it: whoever deploys. */
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:user/deployer`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const KEY_ARN = new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`);
const KMS_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };

/** Each stack of examples/main.ts, with the outputs it should have and its key's alias. */
interface Example {
  readonly build: (app: App) => TerraformStack;
  /** Prefixes of `<prefix>bucket_name` / `<prefix>bucket_arn` outputs, one per bucket. */
  readonly buckets: string[];
  /** The key's alias, for stacks with a key (outputs `key_arn` and `key_alias`). */
  readonly alias?: string;
  /** Planned default encryption of each bucket: [sse_algorithm, bucket_key_enabled]. */
  readonly encryption: Array<[algorithm: string, bucketKey: boolean]>;
  /** Planned `deletion_window_in_days` of the key, for stacks with a key. */
  readonly deletionWindow?: number;
}

const EXAMPLES: Record<string, Example> = {
  'managed-cmk': {
    build: (app) => new ManagedCmkStack(app, 'managed-cmk'),
    buckets: [],
    alias: 'alias/managed-cmk-example',
    encryption: [],
    deletionWindow: 7,
  },
  'require-sse-kms': {
    build: (app) => new RequireSseKmsStack(app, 'require-sse-kms'),
    buckets: [''],
    alias: 'alias/require-sse-kms-example',
    encryption: [['aws:kms', true]],
    deletionWindow: 30,
  },
  'pinned-cmk': {
    build: (app) => new PinnedCmkStack(app, 'pinned-cmk'),
    buckets: [''],
    alias: 'alias/aws-CMK-key-pinned',
    encryption: [['aws:kms', true]],
    deletionWindow: 30,
  },
  'default-encryption': {
    build: (app) => new DefaultEncryptionStack(app, 'default-encryption'),
    buckets: [''],
    alias: 'alias/default-encryption-example',
    encryption: [['aws:kms', true]],
    deletionWindow: 7,
  },
  'sse-s3-https-only': {
    build: (app) => new SseS3HttpsOnlyStack(app, 'sse-s3-https-only'),
    buckets: [''],
    encryption: [['AES256', false]],
  },
  'access-logs': {
    build: (app) => new AccessLogsStack(app, 'access-logs'),
    buckets: ['log_', 'raw_', 'curated_'],
    alias: 'alias/access-logs-example',
    // The log bucket is SSE-S3 (log delivery requires it); the data buckets use the key.
    encryption: [['AES256', false], ['aws:kms', true], ['aws:kms', true]],
    deletionWindow: 30,
  },
};

/** One Terraform run of a stack, shared by every assertion on it. */
interface Run {
  readonly synth: SynthResult;
  readonly validate: ValidateResult;
  readonly plan: PlanResult;
  readonly state: RenderedState;
}

const runs = new Map<string, Run>();
function runOf(name: string): Run {
  const run = runs.get(name);
  if (!run) throw new Error(`no Terraform run of ${name}: its beforeAll failed or was filtered out`);
  return run;
}

/** The rendered bucket behind the `<prefix>bucket_name` output, with its policy and default encryption. */
function bucketOf(state: RenderedState, prefix: string) {
  const name = state.outputs[`${prefix}bucket_name`];
  const bucket = state.valuesOf('aws_s3_bucket').find((b) => b.bucket === name);
  const policy = state.valuesOf('aws_s3_bucket_policy').find((p) => p.bucket === name);
  const encryption = state.valuesOf('aws_s3_bucket_server_side_encryption_configuration').find((e) => e.bucket === name);
  if (!bucket || !policy || !encryption) throw new Error(`no bucket, policy or encryption configuration for ${prefix}bucket_name = ${name}`);
  const byDefault = encryption.rule[0].apply_server_side_encryption_by_default[0];
  return { name: name as string, arn: bucket.arn as string, policy: policy.policy as string, algorithm: byDefault.sse_algorithm as string };
}

/** Buckets that the table covers, per stack: [bucket output prefix, table column]. */
const TABLE_BUCKETS: Record<string, Array<[prefix: string, mode: Mode]>> = {
  'default-encryption': [['', 'KMS, DENY_MISMATCHED_HEADERS, pinned']],
  'pinned-cmk': [['', 'KMS, REQUIRE_HEADERS, pinned']],
  'require-sse-kms': [['', 'KMS, REQUIRE_HEADERS, not pinned']],
  'sse-s3-https-only': [['', 'S3_MANAGED, REQUIRE_HEADERS']],
  // The data buckets use the defaults.
  'access-logs': [['raw_', 'KMS, DENY_MISMATCHED_HEADERS, pinned'], ['curated_', 'KMS, DENY_MISMATCHED_HEADERS, pinned']],
};

/** One bucket of a stack as Terraform rendered it, for the request table. */
function tableBucket(stack: string, prefix: string): RenderedBucket {
  const { state } = runOf(stack);
  const bucket = bucketOf(state, prefix);
  // A stack without a key (SSE-S3) never matches a key id: "CMK" rows use another key there.
  return { ...bucket, cmk: state.valuesOf('aws_kms_key')[0]?.arn ?? OTHER_KEY };
}

/** A key-policy decision on the stack's one key. */
async function keyDecision(stack: string, principal: string, action: string, identityPolicies: object[] = []): Promise<Decision> {
  const key = runOf(stack).state.singleValuesOf('aws_kms_key');
  return evaluate({ principal, action, resource: key.arn, resourcePolicy: key.policy, identityPolicies });
}

// ---------------------------------------------------------------------------
// The stacks, one after the other
// ---------------------------------------------------------------------------

describe.each(Object.keys(EXAMPLES))('%s', (name) => {
  const example = EXAMPLES[name];

  beforeAll(() => {
    const synth = synthStack(example.build);
    const validate = terraformValidate(synth.dir);
    const plan = terraformPlan(synth.dir);
    const state = renderedState(synth.dir);
    runs.set(name, { synth, validate, plan, state });
  }, 10 * 60 * 1000);

  test('validates and plans with the real AWS provider: creates every declared resource, once', () => {
    const { synth, validate, plan } = runOf(name);
    expect(synth.stackName).toBe(name);
    expect(validate.valid).toBe(true);
    expect(validate.warnings).toEqual([]);
    // Exactly the managed resources of cdk.tf.json, each planned as a plain create.
    expect(plan.resourceChanges.map((rc) => rc.address).sort()).toEqual(addressesIn(synth.json, 'resource').sort());
    expect(plan.resourceChanges.filter((rc) => rc.actions.join() !== 'create').map((rc) => `${rc.address}: ${rc.actions}`)).toEqual([]);
    console.log(`${name}: ${plan.summary}`);
  });

  test('plans each bucket\'s default encryption, and the key\'s deletion window and rotation', () => {
    const { plan } = runOf(name);
    const planned = (type: string) => plan.resourceChanges.filter((rc) => rc.type === type).map((rc) => rc.after!);
    const encryption = planned('aws_s3_bucket_server_side_encryption_configuration').map((after) => {
      const rule = after.rule[0];
      return [rule.apply_server_side_encryption_by_default[0].sse_algorithm, rule.bucket_key_enabled];
    });
    expect(encryption.sort()).toEqual([...example.encryption].sort());
    const keys = planned('aws_kms_key').map((k) => ({ deletion_window_in_days: k.deletion_window_in_days, enable_key_rotation: k.enable_key_rotation }));
    expect(keys).toEqual(example.deletionWindow ? [{ deletion_window_in_days: example.deletionWindow, enable_key_rotation: true }] : []);
  });

  test('outputs every bucket\'s name and ARN and the key\'s ARN and alias, concrete', () => {
    const { state } = runOf(name);
    const expected = [
      ...example.buckets.flatMap((prefix) => [`${prefix}bucket_name`, `${prefix}bucket_arn`]),
      ...(example.alias ? ['key_arn', 'key_alias'] : []),
    ];
    expect(Object.keys(state.outputs).sort()).toEqual(expected.sort());

    // Every bucket and key of the stack has its outputs.
    const names = example.buckets.map((prefix) => state.outputs[`${prefix}bucket_name`]);
    expect(state.valuesOf('aws_s3_bucket').map((b) => b.bucket).sort()).toEqual([...names].sort());
    expect(state.valuesOf('aws_kms_key')).toHaveLength(example.alias ? 1 : 0);

    for (const prefix of example.buckets) {
      const bucket = bucketOf(state, prefix);
      expect(bucket.name).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
      expect(state.outputs[`${prefix}bucket_arn`]).toBe(`arn:aws:s3:::${bucket.name}`);
      expect(bucket.arn).toBe(`arn:aws:s3:::${bucket.name}`);
    }
    if (example.alias) {
      const key = state.singleValuesOf('aws_kms_key');
      const alias = state.singleValuesOf('aws_kms_alias');
      expect(state.outputs.key_arn).toMatch(KEY_ARN);
      expect(state.outputs.key_arn).toBe(key.arn);
      expect(state.outputs.key_alias).toBe(example.alias);
      expect(alias).toMatchObject({ name: example.alias, target_key_id: key.key_id });
    }
  });

  const tableBuckets = TABLE_BUCKETS[name] ?? [];
  if (tableBuckets.length > 0) {
    describe.each(tableBuckets)('bucket policy of the %sbucket (%s)', (prefix, mode) => {
      test.each(TABLE)('%s', async (...row) => {
        const all = await decisions(tableBucket(name, prefix), row[0]);
        expect(all).toEqual(all.map(() => decisionOf(row, mode)));
      });
    });
  }
});

// ---------------------------------------------------------------------------
// Per-stack details beyond the table
// ---------------------------------------------------------------------------

describe.each(['managed-cmk', 'default-encryption'])('key policy of %s: administered by its deployer', (stack) => {
  test('the deploying identity can schedule deletion and put the key policy with no identity policy', async () => {
    expect(await keyDecision(stack, DEPLOYER, 'kms:ScheduleKeyDeletion')).toBe(A);
    expect(await keyDecision(stack, DEPLOYER, 'kms:PutKeyPolicy')).toBe(A);
  });

  test('the deploying identity cannot decrypt with no identity policy', async () => {
    expect(await keyDecision(stack, DEPLOYER, 'kms:Decrypt')).not.toBe(A);
  });

  test('a principal in another account cannot decrypt, even with an identity policy allowing kms:*', async () => {
    expect(await keyDecision(stack, `arn:aws:iam::${OTHER_ACCOUNT}:user/mallory`, 'kms:Decrypt', [KMS_ALL])).not.toBe(A);
  });

  test('the account root can put the key policy', async () => {
    expect(await keyDecision(stack, ROOT, 'kms:PutKeyPolicy')).toBe(A);
  });

  test('the key is deleted 7 days after destroy', () => {
    expect(runOf(stack).state.singleValuesOf('aws_kms_key').deletion_window_in_days).toBe(7);
  });
});

test('managed-cmk: deletion_window_in_days is 7 in the synthesized JSON', () => {
  const keys = Object.values<any>(runOf('managed-cmk').synth.json.resource.aws_kms_key);
  expect(keys).toHaveLength(1);
  expect(keys[0].deletion_window_in_days).toBe(7);
});

test('require-sse-kms: the key has the seed\'s description, and an alias of its own', () => {
  const { state } = runOf('require-sse-kms');
  expect(state.singleValuesOf('aws_kms_key').description).toBe('Customer Master Key for encrypting S3 data');
  expect(state.singleValuesOf('aws_kms_alias').name).toBe('alias/require-sse-kms-example');
});

describe('access-logs: S3 log delivery into the log bucket', () => {
  const LOGGING = 'logging.s3.amazonaws.com';
  const deliver = (key: string, sourceArn: string, sourceAccount: string) => {
    const logs = bucketOf(runOf('access-logs').state, 'log_');
    return evaluate({
      principal: LOGGING,
      action: 's3:PutObject',
      resource: `${logs.arn}/${key}`,
      resourcePolicy: logs.policy,
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount },
    });
  };
  const arnOf = (prefix: string) => bucketOf(runOf('access-logs').state, prefix).arn;

  test('the log bucket is SSE-S3, which S3 log delivery requires', () => {
    expect(bucketOf(runOf('access-logs').state, 'log_').algorithm).toBe('AES256');
  });

  test('each data bucket delivers into its own prefix', async () => {
    expect(await deliver('raw/2026-11-22-00-00-00-0123456789ABCDEF', arnOf('raw_'), ACCOUNT)).toBe(A);
    expect(await deliver('curated/2026-11-22-00-00-00-0123456789ABCDEF', arnOf('curated_'), ACCOUNT)).toBe(A);
  });

  test.each([
    ['another source account', 'raw/log', () => arnOf('raw_'), OTHER_ACCOUNT],
    ['another source bucket', 'raw/log', () => 'arn:aws:s3:::someone-elses-bucket', ACCOUNT],
    ['the curated bucket writing into raw/', 'raw/log', () => arnOf('curated_'), ACCOUNT],
  ])('refused for %s', async (_what, key, sourceArn, sourceAccount) => {
    expect(await deliver(key, sourceArn(), sourceAccount)).not.toBe(A);
  });

  test('the data buckets log into the log bucket under their prefixes', () => {
    const { state } = runOf('access-logs');
    const logs = bucketOf(state, 'log_').name;
    const logging = state.valuesOf('aws_s3_bucket_logging').map((l) => [l.bucket, l.target_bucket, l.target_prefix]);
    expect(logging.sort()).toEqual([
      [bucketOf(state, 'raw_').name, logs, 'raw/'],
      [bucketOf(state, 'curated_').name, logs, 'curated/'],
    ].sort());
  });
});
