/**
 * ManagedCmk with real Terraform: keys validate and plan with the AWS provider, and
 * their key policies, as Terraform renders them, grant what they claim and no more.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { ManagedCmk } from '../src';
import { evaluate } from './support/iam';
import { RenderedState, SynthResult, renderedState, synthStack, terraformPlan, terraformValidate } from './support/terraform';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/key-admin`;
const USER = `arn:aws:iam::${ACCOUNT}:role/key-user`;
const BYSTANDER = `arn:aws:iam::${ACCOUNT}:user/bystander`;
const OUTSIDER = 'arn:aws:iam::444455556666:user/outsider';
const KMS_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };

function buildStack(app: any): TerraformStack {
  const stack = new TerraformStack(app, 'keys');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const roles = { keyAdministratorArns: [ADMIN], keyUserArns: [USER] };

  const byDefault = new ManagedCmk(stack, 'Default', { alias: 'default-key' });
  new ManagedCmk(stack, 'WithRoles', { alias: 'alias/with-roles', ...roles });
  new ManagedCmk(stack, 'KeyPolicyOnly', { alias: 'key-policy-only', enableIamPolicies: false, ...roles });
  new ManagedCmk(stack, 'ViaS3', { alias: 'via-s3', restrictKeyUsersToS3: true, ...roles });
  new ManagedCmk(stack, 'Disposable', { alias: 'disposable', dangerouslyAllowKeyDestroy: true, ...roles });
  new ManagedCmk(stack, 'Tuned', {
    alias: 'tuned',
    deletionWindowInDays: 7,
    rotationPeriodInDays: 180,
    multiRegion: true,
    tags: { team: 'platform' },
    policyStatements: [{
      sid: 'AllowAuditorDescribe',
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::444455556666:role/auditor'] }],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
    }],
  });
  byDefault.grantEncryptDecrypt(new IamRole(stack, 'App', {
    name: 'app',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  }));
  return stack;
}

let synth: SynthResult;
let state: RenderedState;

beforeAll(() => {
  synth = synthStack(buildStack);
  state = renderedState(synth.dir);
});

test('validates and plans with the real AWS provider', () => {
  expect(terraformValidate(synth.dir).valid).toBe(true);
  const plan = terraformPlan(synth.dir);
  // Six keys with their aliases, one role and its grant policy.
  expect(plan.summary).toBe('Plan: 14 to add, 0 to change, 0 to destroy.');
  console.log(`managed-cmk variants: ${plan.summary}`);
});

/** The rendered key whose alias is `alias/<name>`. */
function key(name: string) {
  const alias = state.valuesOf('aws_kms_alias').find((a) => a.name === `alias/${name}`);
  if (!alias) throw new Error(`no alias/${name}`);
  const values = state.valuesOf('aws_kms_key').find((k) => k.key_id === alias.target_key_id);
  if (!values) throw new Error(`no key behind alias/${name}`);
  return values;
}

async function decide(keyName: string, principal: string, action: string, options: { identity?: object; context?: Record<string, string> } = {}) {
  const { arn, policy } = key(keyName);
  return evaluate({
    principal,
    action,
    resource: arn,
    resourcePolicy: policy,
    identityPolicies: options.identity ? [options.identity] : [],
    context: options.context,
  });
}

const A = 'Allowed';
const DENIED = /Denied$/;

test('the rendered keys carry the props', () => {
  expect(key('default-key')).toMatchObject({
    key_usage: 'ENCRYPT_DECRYPT',
    customer_master_key_spec: 'SYMMETRIC_DEFAULT',
    deletion_window_in_days: 30,
    enable_key_rotation: true,
    multi_region: false,
    // Never set: KMS's lockout safety check stays on.
    bypass_policy_lockout_safety_check: null,
    description: 'Customer-managed key for keys/Default, created by cdktf-encrypted-s3.',
  });
  expect(key('tuned')).toMatchObject({
    deletion_window_in_days: 7,
    rotation_period_in_days: 180,
    multi_region: true,
    tags: { team: 'platform' },
  });
});

describe('default key policy (account-root statement only)', () => {
  test('the account root can put the key policy: the key cannot lock its owner out', async () => {
    expect(await decide('default-key', ROOT, 'kms:PutKeyPolicy')).toBe(A);
  });

  test('an IAM user of the account is allowed through an identity policy, and only then', async () => {
    expect(await decide('default-key', BYSTANDER, 'kms:Decrypt', { identity: KMS_ALL })).toBe(A);
    expect(await decide('default-key', BYSTANDER, 'kms:Decrypt')).toMatch(DENIED);
  });

  test('a principal in another account cannot decrypt, whatever its own policies say', async () => {
    expect(await decide('default-key', OUTSIDER, 'kms:Decrypt', { identity: KMS_ALL })).toMatch(DENIED);
  });

  test('a role granted encrypt/decrypt can use the key but not manage it', async () => {
    const grant = state.singleValuesOf('aws_iam_role_policy');
    expect(grant.role).toBe('app');
    const app = `arn:aws:iam::${ACCOUNT}:role/app`;
    for (const action of ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt']) {
      expect(await decide('default-key', app, action, { identity: JSON.parse(grant.policy) })).toBe(A);
    }
    expect(await decide('default-key', app, 'kms:ScheduleKeyDeletion', { identity: JSON.parse(grant.policy) })).toMatch(DENIED);
  });
});

describe('scheduling deletion', () => {
  test('nobody may schedule a key\'s deletion by default, the account root and administrators included', async () => {
    expect(await decide('default-key', ROOT, 'kms:ScheduleKeyDeletion')).toBe('ExplicitlyDenied');
    expect(await decide('with-roles', ADMIN, 'kms:ScheduleKeyDeletion')).toBe('ExplicitlyDenied');
    expect(await decide('with-roles', ADMIN, 'kms:CancelKeyDeletion')).toBe(A);
  });

  test('administrators keep kms:PutKeyPolicy, so they can lift the Deny on purpose', async () => {
    expect(await decide('with-roles', ADMIN, 'kms:PutKeyPolicy')).toBe(A);
  });

  test('with dangerouslyAllowKeyDestroy, administrators may schedule deletion', async () => {
    expect(await decide('disposable', ADMIN, 'kms:ScheduleKeyDeletion')).toBe(A);
    expect(await decide('disposable', ROOT, 'kms:ScheduleKeyDeletion')).toBe(A);
  });
});

describe.each(['with-roles', 'key-policy-only'])('administrators and users (%s)', (keyName) => {
  test.each([
    // Kept unless the key opts in: see 'scheduling deletion' below.
    ['administrator', ADMIN, 'kms:ScheduleKeyDeletion', 'denied'],
    ['administrator', ADMIN, 'kms:PutKeyPolicy', A],
    ['administrator', ADMIN, 'kms:DisableKey', A],
    ['administrator', ADMIN, 'kms:RotateKeyOnDemand', A],
    ['administrator', ADMIN, 'kms:Decrypt', 'denied'],
    ['administrator', ADMIN, 'kms:GenerateDataKey', 'denied'],
    ['administrator', ADMIN, 'kms:CreateGrant', 'denied'],
    ['user', USER, 'kms:GenerateDataKey', A],
    ['user', USER, 'kms:Decrypt', A],
    ['user', USER, 'kms:Encrypt', A],
    ['user', USER, 'kms:ScheduleKeyDeletion', 'denied'],
    ['user', USER, 'kms:PutKeyPolicy', 'denied'],
  ])('the %s: %s is %s (no identity policy needed)', async (_who, principal, action, expected) => {
    const decision = await decide(keyName, principal, action);
    if (expected === A) expect(decision).toBe(A);
    else expect(decision).toMatch(DENIED);
  });

  test('a user may create grants only for AWS resources', async () => {
    const grantFor = (forAwsResource: string) => decide(keyName, USER, 'kms:CreateGrant', { context: { 'kms:GrantIsForAWSResource': forAwsResource } });
    expect(await grantFor('true')).toBe(A);
    expect(await grantFor('false')).toMatch(DENIED);
  });
});

describe('enableIamPolicies: false', () => {
  test('an IAM user of the account is denied even with an identity policy allowing kms:*', async () => {
    expect(await decide('key-policy-only', BYSTANDER, 'kms:Decrypt', { identity: KMS_ALL })).toMatch(DENIED);
    expect(await decide('key-policy-only', BYSTANDER, 'kms:PutKeyPolicy', { identity: KMS_ALL })).toMatch(DENIED);
  });

  test('the administrator keeps kms:PutKeyPolicy, so the key stays manageable', async () => {
    expect(await decide('key-policy-only', ADMIN, 'kms:PutKeyPolicy')).toBe(A);
  });
});

describe('restrictKeyUsersToS3', () => {
  const S3_US_EAST_1 = 's3.us-east-1.amazonaws.com';
  test('key users may decrypt only through S3 in the key\'s region', async () => {
    expect(await decide('via-s3', USER, 'kms:Decrypt', { context: { 'kms:ViaService': S3_US_EAST_1 } })).toBe(A);
    expect(await decide('via-s3', USER, 'kms:Decrypt')).toMatch(DENIED);
    expect(await decide('via-s3', USER, 'kms:Decrypt', { context: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } })).toMatch(DENIED);
    expect(await decide('via-s3', USER, 'kms:Decrypt', { context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } })).toMatch(DENIED);
  });
});

test('extra policy statements are merged into the key policy', async () => {
  const auditor = 'arn:aws:iam::444455556666:role/auditor';
  const describeOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
  expect(await decide('tuned', auditor, 'kms:DescribeKey', { identity: describeOnly })).toBe(A);
  expect(await decide('tuned', auditor, 'kms:Decrypt', { identity: describeOnly })).toMatch(DENIED);
});

test('no statement allows the "*" principal', () => {
  for (const values of state.valuesOf('aws_kms_key')) {
    for (const statement of JSON.parse(values.policy).Statement) {
      if (statement.Effect !== 'Allow') continue;
      expect(JSON.stringify(statement.Principal)).not.toMatch(/"\*"/);
    }
  }
});
