/**
 * Proves the test-support modules work: a hand-written stack goes through
 * synth -> validate -> plan -> rendered state, and the rendered policies are
 * evaluated with the IAM simulator.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import { evaluate, isAllowed, simulate } from './iam';
import { SSE } from './policy';
import {
  OVERRIDE_FILE, RenderedState, SynthResult,
  renderedState, synthStack, terraformPlan, terraformValidate,
} from './terraform';

const ACCOUNT = '111122223333';
const BUCKET = 'support-test-bucket';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const doc = (...Statement: any[]) => ({ Version: '2012-10-17', Statement });

describe('terraform + iam support', () => {
  let synth: SynthResult;
  let state: RenderedState;

  beforeAll(() => {
    synth = synthStack((app) => {
      const stack = new TerraformStack(app, 'support');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      // An aliased provider, to exercise the per-alias override blocks.
      new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
      const me = new DataAwsCallerIdentity(stack, 'x');
      const key = new KmsKey(stack, 'key', {
        policy: Fn.jsonencode(doc({
          Sid: 'EnableIamUserPermissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${me.accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        })),
      });
      const bucket = new S3Bucket(stack, 'bucket', { bucket: BUCKET });
      new S3BucketPolicy(stack, 'bucket_policy', {
        bucket: bucket.id,
        policy: Fn.jsonencode(doc({
          Sid: 'DenyUnencryptedPut',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${bucket.arn}/*`,
          Condition: { StringNotEquals: { [SSE]: 'aws:kms' } },
        })),
      });
      // A bucket named by an expression: renderedState learns its name in a first pass.
      const logs = new S3Bucket(stack, 'logs', { bucket: `logs-${me.accountId}` });
      new TerraformOutput(stack, 'key_arn', { value: key.arn });
      new TerraformOutput(stack, 'logs_arn', { value: logs.arn });
      return stack;
    });
  });

  test('synthStack writes the stack dir and the provider override', () => {
    expect(synth.stackName).toBe('support');
    expect(synth.dir).toMatch(/stacks[/\\]support$/);
    expect(synth.json.provider.aws).toHaveLength(2);
    const override = JSON.parse(fs.readFileSync(path.join(synth.dir, OVERRIDE_FILE), 'utf8'));
    expect(override.provider.aws.map((p: any) => p.alias)).toEqual([undefined, 'west']);
    expect(override.provider.aws[0]).toMatchObject({ skip_credentials_validation: true, skip_requesting_account_id: true });
  });

  test('validate and plan with the real provider, offline', () => {
    expect(terraformValidate(synth.dir).valid).toBe(true);
    const plan = terraformPlan(synth.dir);
    expect(plan.summary).toMatch(/Plan: \d+ to add/);
    expect(plan.summary).toBe('Plan: 4 to add, 0 to change, 0 to destroy.');
  });

  test('renderedState renders concrete, deterministic policies', () => {
    state = renderedState(synth.dir);
    const key = state.singleValuesOf('aws_kms_key');
    expect(key.arn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36}$`));
    expect(state.outputs.key_arn).toBe(key.arn);
    expect(state.outputs.logs_arn).toBe(`arn:aws:s3:::logs-${ACCOUNT}`);

    const bucketPolicy: string = state.singleValuesOf('aws_s3_bucket_policy').policy;
    expect(bucketPolicy).not.toContain('${');
    expect(bucketPolicy).toContain(`arn:aws:s3:::${BUCKET}/*`);
    expect(JSON.parse(key.policy).Statement[0].Principal.AWS).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    // Deterministic across runs: the ARN only depends on the resource address.
    expect(state.resource('aws_kms_key.key').values.key_id).toBe(key.arn.split('/').pop());
  });

  test('bucket policy semantics', async () => {
    const bucketPolicy = state.singleValuesOf('aws_s3_bucket_policy').policy;
    const base = {
      principal: ALICE,
      identityPolicies: [doc({ Effect: 'Allow', Action: 's3:*', Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] })],
      resourcePolicy: bucketPolicy,
      resource: `arn:aws:s3:::${BUCKET}/key.txt`,
    };
    expect(await evaluate({ ...base, action: 's3:PutObject', context: { [SSE]: 'aws:kms' } })).toBe('Allowed');
    expect(await evaluate({ ...base, action: 's3:PutObject' })).toBe('ExplicitlyDenied');
    expect(await evaluate({ ...base, action: 's3:PutObject', context: { [SSE]: 'AES256' } })).toBe('ExplicitlyDenied');
    expect(await evaluate({ ...base, action: 's3:GetObject' })).toBe('Allowed');
  });

  test('key policy semantics', async () => {
    const key = state.singleValuesOf('aws_kms_key');
    const kmsAll = doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });
    const req = { resource: key.arn, resourcePolicy: key.policy };
    // Root user: implicit identity permissions + the key policy's account statement.
    expect(await isAllowed({ ...req, principal: `arn:aws:iam::${ACCOUNT}:root`, action: 'kms:PutKeyPolicy' })).toBe(true);
    // Same-account user: identity policy counts because the key policy trusts the account.
    expect(await isAllowed({ ...req, principal: ALICE, action: 'kms:Decrypt', identityPolicies: [kmsAll] })).toBe(true);
    expect(await isAllowed({ ...req, principal: ALICE, action: 'kms:Decrypt' })).toBe(false);
    // Other account: its identity policy alone is not enough.
    expect(await evaluate({ ...req, principal: 'arn:aws:iam::444455556666:user/mallory', action: 'kms:Decrypt', identityPolicies: [kmsAll] }))
      .toBe('ImplicitlyDenied');
    // Service principal not named in the key policy.
    expect(await isAllowed({ ...req, principal: 'logs.amazonaws.com', action: 'kms:Decrypt' })).toBe(false);
  });
});

describe('iam simulator conditions', () => {
  const BUCKET_ARN = 'arn:aws:s3:::b';
  const allowS3 = doc({ Effect: 'Allow', Action: 's3:*', Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`] });
  const deny = (Condition: any) => doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`], Condition });
  const get = (resourcePolicy: any, context?: Record<string, string | string[] | undefined>) =>
    evaluate({ principal: ALICE, action: 's3:GetObject', resource: `${BUCKET_ARN}/k`, identityPolicies: [allowS3], resourcePolicy, context });

  test('defaults: HTTPS and TLS 1.2, removable with undefined', async () => {
    const tls = deny({ NumericLessThan: { 's3:TlsVersion': '1.2' } });
    expect(await get(tls)).toBe('Allowed');
    expect(await get(tls, { 's3:TlsVersion': '1.0' })).toBe('ExplicitlyDenied');
    const http = deny({ Bool: { 'aws:SecureTransport': 'false' } });
    expect(await get(http)).toBe('Allowed');
    expect(await get(http, { 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
    expect(await get(http, { 'aws:SecureTransport': undefined })).toBe('Allowed'); // absent key: Bool does not match
    expect(await get(deny({ Null: { 'aws:SecureTransport': 'true' } }), { 'aws:SecureTransport': undefined })).toBe('ExplicitlyDenied');
    const result = await simulate({ principal: ALICE, action: 's3:GetObject', resource: `${BUCKET_ARN}/k`, context: { 'aws:SecureTransport': undefined } });
    expect(result.context['aws:SecureTransport']).toBeUndefined();
    expect(result.context['s3:TlsVersion']).toBe('1.2');
  });

  test('string and ARN operators; absent key makes StringNotEquals true', async () => {
    expect(await get(deny({ StringNotEquals: { [SSE]: 'aws:kms' } }))).toBe('ExplicitlyDenied');
    expect(await get(deny({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }))).toBe('ExplicitlyDenied');
    expect(await get(deny({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/al*' } }))).toBe('ExplicitlyDenied');
    expect(await get(deny({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/bob' } }))).toBe('Allowed');
    expect(await get(deny({ ArnEquals: { 'aws:PrincipalArn': ALICE } }))).toBe('ExplicitlyDenied');
  });

  test('service principal needs a resource-policy grant; source conditions come from context', async () => {
    const policy = doc({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${BUCKET_ARN}/*`,
      Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::src' }, StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    const req = { principal: 'logging.s3.amazonaws.com', action: 's3:PutObject', resource: `${BUCKET_ARN}/log`, resourcePolicy: policy };
    expect(await isAllowed({ ...req, context: { 'aws:SourceArn': 'arn:aws:s3:::src', 'aws:SourceAccount': ACCOUNT } })).toBe(true);
    expect(await isAllowed({ ...req, context: { 'aws:SourceArn': 'arn:aws:s3:::src', 'aws:SourceAccount': '444455556666' } })).toBe(false);
    expect(await isAllowed({ ...req, resourcePolicy: undefined, identityPolicies: [allowS3] })).toBe(false);
  });

  test('cross-account S3 needs both identity and bucket policy', async () => {
    const bob = 'arn:aws:iam::444455556666:user/bob';
    const grant = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: `${BUCKET_ARN}/*` });
    const req = { principal: bob, action: 's3:GetObject', resource: `${BUCKET_ARN}/k` };
    expect(await isAllowed({ ...req, identityPolicies: [allowS3] })).toBe(false);
    expect(await isAllowed({ ...req, resourcePolicy: grant })).toBe(false);
    expect(await isAllowed({ ...req, identityPolicies: [allowS3], resourcePolicy: grant })).toBe(true);
  });

  test('kms:EncryptionContext keys are honoured', async () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f3c2a5e-1111-4222-8333-444455556666`;
    const keyPolicy = doc({
      Effect: 'Allow',
      Principal: { AWS: ALICE },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b', 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    });
    const req = { principal: ALICE, action: 'kms:Decrypt', resource: key, resourcePolicy: keyPolicy };
    const via = { 'kms:ViaService': 's3.us-east-1.amazonaws.com' };
    expect(await isAllowed({ ...req, context: { ...via, 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b' } })).toBe(true);
    expect(await isAllowed({ ...req, context: { ...via, 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::other' } })).toBe(false);
    expect(await isAllowed({ ...req, context: via })).toBe(false);
  });
});
