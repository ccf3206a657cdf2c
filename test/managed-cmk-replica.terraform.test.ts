/**
 * ManagedCmkReplica with real Terraform: a multi-Region primary in us-east-1, its replica
 * in us-west-2 and a bucket in us-west-2 encrypted with the replica validate and plan
 * with the AWS provider; the replica's key policy, as Terraform renders it, is evaluated
 * against the same requests as its primary's; and Terraform refuses a plan that destroys
 * the replica unless it opts in.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { EncryptedBucket, ManagedCmk, ManagedCmkReplica } from '../src';
import { Decision, evaluate } from './support/iam';
import {
  PlanResult, RenderedState, SynthResult, addressesIn, planDestroying, renderedState, synthStack, terraformPlan, terraformValidate, uuidFor,
} from './support/terraform';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/key-admin`;
const USER = `arn:aws:iam::${ACCOUNT}:role/key-user`;
const OUTSIDER = 'arn:aws:iam::444455556666:user/outsider';
const KMS_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
const A: Decision = 'Allowed';
const DENIED = /Denied$/;

/**
 * The stack: primary (us-east-1), replica (us-west-2), a bucket in us-west-2 with the
 * replica; `allowDestroy` on both keys (`terraform test` destroys everything after its runs).
 */
function build(options: { allowDestroy?: boolean } = {}) {
  const allowDestroy = options.allowDestroy || undefined;
  return (app: App): TerraformStack => {
    const stack = new TerraformStack(app, 'replica');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
    const primaryKey = new ManagedCmk(stack, 'Primary', {
      alias: 'data', multiRegion: true, keyAdministratorArns: [ADMIN], keyUserArns: [USER], restrictKeyUsersToS3: true, dangerouslyAllowKeyDestroy: allowDestroy,
    });
    const replica = new ManagedCmkReplica(stack, 'Replica', {
      primaryKey, provider: west, additionalAliases: ['data-west'], dangerouslyAllowKeyDestroy: allowDestroy,
    });
    new EncryptedBucket(stack, 'West', { provider: west, encryptionKey: replica, bucketName: 'replica-region-data' });
    return stack;
  };
}

let synth: SynthResult;
let plan: PlanResult;
let state: RenderedState;

beforeAll(() => {
  synth = synthStack(build());
  plan = terraformPlan(synth.dir);
  const [primary] = addressesIn(synth.json, 'resource', 'aws_kms_key');
  const [replica] = addressesIn(synth.json, 'resource', 'aws_kms_replica_key');
  // A replica has its primary's key id, and an ARN in its own region.
  const id = uuidFor(primary);
  state = renderedState(synth.dir, {
    providers: { 'aws.west': { region: 'us-west-2' } },
    overrides: [{ target: replica, values: { arn: `arn:aws:kms:us-west-2:${ACCOUNT}:key/${id}`, key_id: id, id } }],
  });
});

test('validates and plans with the real AWS provider: the replica on the west provider, the bucket encrypted with it', () => {
  expect(terraformValidate(synth.dir).valid).toBe(true);
  const creates = (type: string) => plan.resourceChanges.filter((rc) => rc.type === type && rc.actions.join() === 'create');
  expect(creates('aws_kms_key')).toHaveLength(1);
  const [replica] = creates('aws_kms_replica_key');
  expect(replica.after).toMatchObject({ deletion_window_in_days: 30 });
  expect(replica.after).not.toHaveProperty('bypass_policy_lockout_safety_check', true);
  // Both reference the primary's ARN and the replica's ARN, known only at apply.
  expect(replica.afterUnknown.primary_key_arn).toBe(true);
  expect(creates('aws_kms_alias').map((rc) => rc.after!.name).sort()).toEqual(['alias/data', 'alias/data', 'alias/data-west']);
  const [encryption] = creates('aws_s3_bucket_server_side_encryption_configuration');
  expect(encryption.afterUnknown.rule).toBeTruthy();
  // The primary and its alias, the replica and its two aliases, the bucket and its six configurations.
  expect(plan.summary).toBe('Plan: 12 to add, 0 to change, 0 to destroy.');
});

test('the rendered bucket is encrypted with the replica\'s ARN, in us-west-2', () => {
  const replica = state.singleValuesOf('aws_kms_replica_key');
  const primary = state.singleValuesOf('aws_kms_key');
  expect(replica.arn).toMatch(/^arn:aws:kms:us-west-2:/);
  expect(replica.primary_key_arn).toBe(primary.arn);
  const rule = state.singleValuesOf('aws_s3_bucket_server_side_encryption_configuration').rule[0];
  expect(rule.apply_server_side_encryption_by_default[0].kms_master_key_id).toBe(replica.arn);
});

/** The primary's or the replica's decision on `action` by `principal`. */
type KeyType = 'aws_kms_key' | 'aws_kms_replica_key';
async function decide(which: KeyType, principal: string, action: string, options: { identity?: object; context?: Record<string, string> } = {}) {
  const { arn, policy } = state.singleValuesOf(which);
  const identityPolicies = options.identity ? [options.identity] : [];
  return evaluate({ principal, action, resource: arn, resourcePolicy: policy, identityPolicies, context: options.context });
}

describe('the replica\'s key policy decides as its primary\'s, in its own region', () => {
  const viaS3 = (region: string) => ({ 'kms:ViaService': `s3.${region}.amazonaws.com` });
  const cases: Array<[string, string, string, { identity?: object; context?: Record<string, string> }, 'Allowed' | 'Denied']> = [
    ['the account root may put the key policy (no lockout)', ROOT, 'kms:PutKeyPolicy', {}, 'Allowed'],
    ['nobody may schedule deletion: the root', ROOT, 'kms:ScheduleKeyDeletion', {}, 'Denied'],
    ['nobody may schedule deletion: an administrator', ADMIN, 'kms:ScheduleKeyDeletion', {}, 'Denied'],
    ['an administrator manages', ADMIN, 'kms:DisableKey', {}, 'Allowed'],
    ['an administrator does not decrypt', ADMIN, 'kms:Decrypt', {}, 'Denied'],
    ['an outsider does not decrypt, whatever its policies say', OUTSIDER, 'kms:Decrypt', { identity: KMS_ALL }, 'Denied'],
    ['a user outside S3 does not decrypt', USER, 'kms:Decrypt', {}, 'Denied'],
  ];

  test.each(cases)('%s', async (_label, principal, action, options, expected) => {
    const decisions = [await decide('aws_kms_key', principal, action, options), await decide('aws_kms_replica_key', principal, action, options)];
    for (const decision of decisions) {
      if (expected === A) expect(decision).toBe(A);
      else expect(decision).toMatch(DENIED);
    }
  });

  test('a user decrypts through S3 of the key\'s own region only: us-east-1 for the primary, us-west-2 for the replica', async () => {
    expect(await decide('aws_kms_key', USER, 'kms:Decrypt', { context: viaS3('us-east-1') })).toBe(A);
    expect(await decide('aws_kms_key', USER, 'kms:Decrypt', { context: viaS3('us-west-2') })).toMatch(DENIED);
    expect(await decide('aws_kms_replica_key', USER, 'kms:Decrypt', { context: viaS3('us-west-2') })).toBe(A);
    expect(await decide('aws_kms_replica_key', USER, 'kms:Decrypt', { context: viaS3('us-east-1') })).toMatch(DENIED);
  });
});

describe('destroying the replica', () => {
  const PREVENTED = /Instance cannot be destroyed: Resource (aws_kms_replica_key\.\S+) has lifecycle\.prevent_destroy set/;

  test('by default, a plan that replaces or destroys it fails with Terraform\'s prevent_destroy error', () => {
    const { dir, json } = synthStack(build());
    const [replica] = addressesIn(json, 'resource', 'aws_kms_replica_key');
    const result = planDestroying(dir, [replica], { providers: { 'aws.west': { region: 'us-west-2' } } });
    expect(result.passed).toBe(false);
    expect(new Set(result.errors.map((e) => PREVENTED.exec(e)?.[1]).filter((a) => a !== undefined))).toEqual(new Set([replica]));
  });

  test('dangerouslyAllowKeyDestroy lets the same plan through', () => {
    const { dir, json } = synthStack(build({ allowDestroy: true }));
    const result = planDestroying(dir, addressesIn(json, 'resource', 'aws_kms_replica_key'), { providers: { 'aws.west': { region: 'us-west-2' } } });
    expect(result.errors).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
