/**
 * Grants to a principal, proved on the bucket and key policies as Terraform renders them
 * (mock-provider apply), by IAM evaluation. Grantees live in other accounts, so the
 * simulator needs both the resource policy and an identity policy in the grantee's
 * account: each grantee's own policy allows everything, which leaves the bucket and key
 * policies to decide. Without the grant's statements the same requests are denied.
 *
 * iam-simulate does not match `kms:EncryptionContext:aws:s3:arn`; `resolveEncryptionContext`
 * decides those conditions, and every simulation must report no ignored context key.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { EncryptedBucket } from '../../src';
import { Decision, resolveEncryptionContext, simulate } from '../support/iam';
import { RenderedState, SynthResult, addressesIn, renderedState, synthStack, terraformPlan, terraformValidate } from '../support/terraform';

const BUCKET = 'cross-account-data';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const OBJECT = `${BUCKET_ARN}/reports/q1.csv`;
/** A role in another account, granted read by its ARN. */
const READER = 'arn:aws:iam::444455556666:role/reader';
/** An account granted write by its id; any of its principals that its own IAM policies allow. */
const WRITER_ACCOUNT = '777788889999';
const WRITER = `arn:aws:iam::${WRITER_ACCOUNT}:role/uploader`;
/** A principal of an account nobody granted anything. */
const OUTSIDER = 'arn:aws:iam::999988887777:role/outsider';
const VIA_S3 = { 'kms:ViaService': 's3.us-east-1.amazonaws.com' };
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const A: Decision = 'Allowed';

function buildStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'cross-account');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const bucket = new EncryptedBucket(stack, 'Data', { bucketName: BUCKET });
  bucket.grantReadToPrincipal(READER);
  bucket.grantReadToPrincipal(READER);
  bucket.grantWriteToPrincipal(WRITER_ACCOUNT);
  // A name Terraform picks: the key policy cannot read it without a cycle (the bucket
  // depends on its key), so this grant is limited to S3 but not to the bucket.
  new EncryptedBucket(stack, 'Unnamed').grantReadToPrincipal(READER);
  return stack;
}

let synth: SynthResult;
let state: RenderedState;
let bucketPolicy: any;
let key: { arn: string; policy: any };

/** The rendered key behind `alias/encrypted-bucket/cross-account/<bucket>`. */
function keyOf(bucket: string): { arn: string; policy: any } {
  const alias = state.valuesOf('aws_kms_alias').find((a) => a.name === `alias/encrypted-bucket/cross-account/${bucket}`);
  const values = state.valuesOf('aws_kms_key').find((k) => k.key_id === alias?.target_key_id);
  if (!values) throw new Error(`no key for ${bucket}`);
  return { arn: values.arn, policy: JSON.parse(values.policy) };
}

beforeAll(() => {
  synth = synthStack(buildStack);
  state = renderedState(synth.dir);
  bucketPolicy = JSON.parse(state.valuesOf('aws_s3_bucket_policy').find((p) => p.bucket === BUCKET)!.policy);
  key = keyOf('Data');
});

/** The policy without the statements that name a grantee: what the bucket and key have without the grants. */
function withoutGrants(policy: any): any {
  const grantees = [READER, `arn:aws:iam::${WRITER_ACCOUNT}:root`];
  return { ...policy, Statement: policy.Statement.filter((s: any) => ![s.Principal?.AWS].flat().some((p: string) => grantees.includes(p))) };
}

interface Request {
  readonly principal: string;
  readonly action: string;
  readonly context?: Record<string, string>;
  /** The caller's own IAM policies (default: allow everything). */
  readonly identity?: object[];
  /** Evaluate against the policy without the grants' statements. */
  readonly ungranted?: boolean;
}

/** The bucket policy's decision on an object (or, for bucket actions, the bucket). */
async function s3(request: Request & { readonly resource?: string }): Promise<Decision> {
  const result = await simulate({
    principal: request.principal,
    action: request.action,
    resource: request.resource ?? OBJECT,
    resourcePolicy: request.ungranted ? withoutGrants(bucketPolicy) : bucketPolicy,
    identityPolicies: request.identity ?? [ALLOW_ALL],
    context: request.context,
  });
  expect(result.ignoredContextKeys).toEqual([]);
  return result.decision;
}

/**
 * The key policy's decision, for a request carrying `encryptionContext` (S3 sends the
 * object's ARN, or the bucket's with an S3 Bucket Key).
 */
async function kms(request: Request & { readonly encryptionContext?: Record<string, string>; readonly key?: typeof key }): Promise<Decision> {
  const { arn, policy: keyPolicy } = request.key ?? key;
  const policy = request.ungranted ? withoutGrants(keyPolicy) : keyPolicy;
  const result = await simulate({
    principal: request.principal,
    action: request.action,
    resource: arn,
    resourcePolicy: resolveEncryptionContext(policy, request.encryptionContext ?? {}),
    identityPolicies: request.identity ?? [ALLOW_ALL],
    context: request.context,
  });
  expect(result.ignoredContextKeys).toEqual([]);
  return result.decision;
}

const OF_OBJECT = { 'aws:s3:arn': OBJECT };
const OF_BUCKET = { 'aws:s3:arn': BUCKET_ARN };
const SSE_KMS = () => ({ 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': key.arn });

test('validates and plans with the real AWS provider (no dependency cycle between a bucket and its key)', () => {
  expect(terraformValidate(synth.dir).valid).toBe(true);
  const plan = terraformPlan(synth.dir);
  expect(plan.resourceChanges.map((rc) => rc.address).sort()).toEqual(addressesIn(synth.json, 'resource').sort());
  expect(plan.resourceChanges.filter((rc) => rc.actions.join() !== 'create')).toEqual([]);
});

test('granting read twice rendered one statement in each policy', () => {
  const naming = (policy: any) => policy.Statement.filter((s: any) => [s.Principal?.AWS].flat().includes(READER));
  expect(naming(bucketPolicy)).toHaveLength(1);
  expect(naming(key.policy)).toHaveLength(1);
});

describe('a role in another account granted read', () => {
  test.each([
    ['s3:GetObject', OBJECT],
    ['s3:GetObjectVersion', OBJECT],
    ['s3:ListBucket', BUCKET_ARN],
  ])('can %s, through the bucket policy\'s grant only', async (action, resource) => {
    expect(await s3({ principal: READER, action, resource })).toBe(A);
    expect(await s3({ principal: READER, action, resource, ungranted: true })).not.toBe(A);
  });

  test('needs its own account\'s IAM policy too (cross-account)', async () => {
    expect(await s3({ principal: READER, action: 's3:GetObject', identity: [] })).not.toBe(A);
    expect(await kms({ principal: READER, action: 'kms:Decrypt', context: VIA_S3, encryptionContext: OF_OBJECT, identity: [] })).not.toBe(A);
  });

  test.each([
    ['an object', OF_OBJECT],
    ['the bucket (S3 Bucket Key)', OF_BUCKET],
  ])('can decrypt through S3 for %s, through the key policy\'s grant only', async (_label, encryptionContext) => {
    expect(await kms({ principal: READER, action: 'kms:Decrypt', context: VIA_S3, encryptionContext })).toBe(A);
    expect(await kms({ principal: READER, action: 'kms:Decrypt', context: VIA_S3, encryptionContext, ungranted: true })).not.toBe(A);
  });

  test.each([
    ['s3:PutObject', () => SSE_KMS()],
    ['s3:DeleteObject', () => ({})],
    ['s3:DeleteObjectVersion', () => ({})],
    ['s3:PutObjectAcl', () => ({})],
  ])('cannot %s', async (action, context) => {
    expect(await s3({ principal: READER, action, context: context() })).not.toBe(A);
  });

  test.each(['s3:PutBucketPolicy', 's3:DeleteBucket', 's3:PutEncryptionConfiguration'])('cannot %s', async (action) => {
    expect(await s3({ principal: READER, action, resource: BUCKET_ARN })).not.toBe(A);
  });

  test.each<[string, string, Record<string, string>, Record<string, string>]>([
    ['decrypt outside S3', 'kms:Decrypt', {}, OF_OBJECT],
    ['decrypt through another service', 'kms:Decrypt', { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' }, OF_OBJECT],
    ['decrypt through S3 in another region', 'kms:Decrypt', { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' }, OF_OBJECT],
    ['decrypt another bucket\'s objects through S3', 'kms:Decrypt', VIA_S3, { 'aws:s3:arn': 'arn:aws:s3:::other-bucket/reports/q1.csv' }],
    ['decrypt through S3 for a bucket whose name only starts like this one', 'kms:Decrypt', VIA_S3, { 'aws:s3:arn': `${BUCKET_ARN}-copy/x` }],
    ['encrypt new data keys through S3 (read only)', 'kms:GenerateDataKey', VIA_S3, OF_OBJECT],
    ['describe the key', 'kms:DescribeKey', VIA_S3, {}],
  ])('cannot %s', async (_label, action, context, encryptionContext) => {
    expect(await kms({ principal: READER, action, context, encryptionContext })).not.toBe(A);
  });

  test.each(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:CreateGrant', 'kms:UpdateKeyDescription'])(
    'cannot manage the key: %s', async (action) => {
      expect(await kms({ principal: READER, action, context: VIA_S3, encryptionContext: OF_OBJECT })).not.toBe(A);
    });
});

describe('an account granted write, by its id', () => {
  test('its principals can upload with the bucket\'s key, through the bucket policy\'s grant only', async () => {
    expect(await s3({ principal: WRITER, action: 's3:PutObject', context: SSE_KMS() })).toBe(A);
    expect(await s3({ principal: WRITER, action: 's3:PutObject', context: SSE_KMS(), ungranted: true })).not.toBe(A);
  });

  test('the account decides which of its principals: one its IAM policies do not allow is denied', async () => {
    expect(await s3({ principal: WRITER, action: 's3:PutObject', context: SSE_KMS(), identity: [] })).not.toBe(A);
  });

  test.each(['kms:GenerateDataKey', 'kms:Decrypt'])('can %s through S3 (uploads, multipart), through the key policy\'s grant only', async (action) => {
    expect(await kms({ principal: WRITER, action, context: VIA_S3, encryptionContext: OF_OBJECT })).toBe(A);
    expect(await kms({ principal: WRITER, action, context: VIA_S3, encryptionContext: OF_OBJECT, ungranted: true })).not.toBe(A);
  });

  test('cannot read (write only)', async () => {
    expect(await s3({ principal: WRITER, action: 's3:GetObject' })).not.toBe(A);
  });

  test('cannot upload with another key: the bucket\'s deny still applies to grantees', async () => {
    const context = { ...SSE_KMS(), 's3:x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:777788889999:key/0f3c2a5e-1111-4222-8333-444455556666' };
    expect(await s3({ principal: WRITER, action: 's3:PutObject', context })).toBe('ExplicitlyDenied');
  });

  test.each([
    ['outside S3', {}],
    ['through another service', { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' }],
  ])('cannot use the key %s', async (_label, context) => {
    expect(await kms({ principal: WRITER, action: 'kms:GenerateDataKey', context, encryptionContext: OF_OBJECT })).not.toBe(A);
  });

  test.each(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CreateGrant'])('cannot manage the key: %s', async (action) => {
    expect(await kms({ principal: WRITER, action, context: VIA_S3, encryptionContext: OF_OBJECT })).not.toBe(A);
  });
});

describe('an outsider (another account) whose own policies allow everything', () => {
  test.each<[string, () => Record<string, string>, string]>([
    ['s3:GetObject', () => ({}), OBJECT],
    ['s3:ListBucket', () => ({}), BUCKET_ARN],
    ['s3:PutObject', SSE_KMS, OBJECT],
    ['s3:DeleteObject', () => ({}), OBJECT],
  ])('cannot %s', async (action, context, resource) => {
    expect(await s3({ principal: OUTSIDER, action, context: context(), resource })).not.toBe(A);
  });

  test.each(['kms:Decrypt', 'kms:GenerateDataKey', 'kms:PutKeyPolicy'])('cannot %s, through S3 or not', async (action) => {
    expect(await kms({ principal: OUTSIDER, action, context: VIA_S3, encryptionContext: OF_OBJECT })).not.toBe(A);
    expect(await kms({ principal: OUTSIDER, action })).not.toBe(A);
  });
});

describe('a bucket whose name Terraform picks (no bucketName or bucketPrefix)', () => {
  test('the grantee can decrypt through S3 only, and for any encryption context: the key policy cannot name the bucket', async () => {
    const unnamed = keyOf('Unnamed');
    const otherBucket = { 'aws:s3:arn': 'arn:aws:s3:::other-bucket/x' };
    expect(await kms({ key: unnamed, principal: READER, action: 'kms:Decrypt', context: VIA_S3, encryptionContext: OF_OBJECT })).toBe(A);
    expect(await kms({ key: unnamed, principal: READER, action: 'kms:Decrypt', context: VIA_S3, encryptionContext: otherBucket })).toBe(A);
    expect(await kms({ key: unnamed, principal: READER, action: 'kms:Decrypt', encryptionContext: OF_OBJECT })).not.toBe(A);
    expect(await kms({ key: unnamed, principal: READER, action: 'kms:Decrypt', context: VIA_S3, encryptionContext: OF_OBJECT, ungranted: true })).not.toBe(A);
  });
});
