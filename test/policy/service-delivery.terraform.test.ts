/**
 * allowDeliveryFrom, proved on the bucket and key policies as Terraform renders them
 * (mock-provider apply), by IAM evaluation: each service may deliver for its source
 * (the trail, or the account's log deliveries) and is denied for another account's
 * source, another trail, another folder, or without the ACL its documentation requires.
 *
 * The simulator does not fill in aws:SourceAccount and aws:SourceArn for service
 * principals: each request passes them, as the service sends them. iam-simulate does not
 * match `kms:EncryptionContext:*`; `resolveEncryptionContext` decides those conditions,
 * and every simulation must report no ignored context key.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { DeliveryService, EncryptedBucket, EncryptionEnforcement } from '../../src';
import { Decision, resolveEncryptionContext, simulate } from '../support/iam';
import { RenderedState, TEST_ACCOUNT_ID, renderedState, synthStack } from '../support/terraform';

const ACCOUNT = TEST_ACCOUNT_ID;
const OTHER_ACCOUNT = '999988887777';
const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/audit`;
const OTHER_TRAIL_HERE = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/shadow`;
const OTHER_ACCOUNT_TRAIL = `arn:aws:cloudtrail:us-east-1:${OTHER_ACCOUNT}:trail/audit`;
const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
const LOG_DELIVERY = 'delivery.logs.amazonaws.com';
const A: Decision = 'Allowed';

function buildStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'deliveries');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new EncryptedBucket(stack, 'Trail', { bucketName: 'trail-logs' }).allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL, prefix: 'ct' });
  const flow = new EncryptedBucket(stack, 'Flow', { bucketName: 'flow-logs' });
  flow.allowDeliveryFrom(DeliveryService.VPC_FLOW_LOGS);
  flow.allowDeliveryFrom(DeliveryService.VPC_FLOW_LOGS);
  new EncryptedBucket(stack, 'Strict', { bucketName: 'strict-trail-logs', encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS })
    .allowDeliveryFrom(DeliveryService.CLOUDTRAIL);
  return stack;
}

let state: RenderedState;

interface Rendered {
  readonly bucketArn: string;
  readonly bucketPolicy: any;
  readonly keyArn: string;
  readonly keyPolicy: any;
}

/** The rendered bucket policy and key of one bucket. */
function rendered(bucket: string, id: string): Rendered {
  const bucketPolicy = JSON.parse(state.valuesOf('aws_s3_bucket_policy').find((p) => p.bucket === bucket)!.policy);
  const alias = state.valuesOf('aws_kms_alias').find((a) => a.name === `alias/encrypted-bucket/deliveries/${id}`);
  const key = state.valuesOf('aws_kms_key').find((k) => k.key_id === alias?.target_key_id);
  if (!key) throw new Error(`no key for ${bucket}`);
  return { bucketArn: `arn:aws:s3:::${bucket}`, bucketPolicy, keyArn: key.arn, keyPolicy: JSON.parse(key.policy) };
}

let trail: Rendered;
let flow: Rendered;
let strict: Rendered;

beforeAll(() => {
  state = renderedState(synthStack(buildStack).dir);
  trail = rendered('trail-logs', 'Trail');
  flow = rendered('flow-logs', 'Flow');
  strict = rendered('strict-trail-logs', 'Strict');
});

async function s3(on: Rendered, principal: string, action: string, resource: string, context: Record<string, string>): Promise<Decision> {
  const result = await simulate({ principal, action, resource, resourcePolicy: on.bucketPolicy, context });
  expect(result.ignoredContextKeys).toEqual([]);
  return result.decision;
}

async function kms(
  on: Rendered, principal: string, action: string, context: Record<string, string>, encryptionContext: Record<string, string> = {},
): Promise<Decision> {
  const resourcePolicy = resolveEncryptionContext(on.keyPolicy, encryptionContext);
  const result = await simulate({ principal, action, resource: on.keyArn, resourcePolicy, context });
  expect(result.ignoredContextKeys).toEqual([]);
  return result.decision;
}

/** What CloudTrail sends for a trail: its ARN and account, the ACL, and (with a KMS key on the trail) the key. */
const trailSource = (arn: string) => ({ 'aws:SourceArn': arn, 'aws:SourceAccount': arn.split(':')[4] });
const trailUpload = (on: Rendered, arn = TRAIL) => ({
  ...trailSource(arn),
  's3:x-amz-acl': 'bucket-owner-full-control',
  's3:x-amz-server-side-encryption': 'aws:kms',
  's3:x-amz-server-side-encryption-aws-kms-key-id': on.keyArn,
});
const trailLog = (account = ACCOUNT) => `arn:aws:s3:::trail-logs/ct/AWSLogs/${account}/CloudTrail/us-east-1/2026/12/08/${account}_x.json.gz`;

describe('CloudTrail, for one trail', () => {
  test('the trail checks the bucket ACL and writes its logs, through the delivery\'s statements only', async () => {
    expect(await s3(trail, CLOUDTRAIL, 's3:GetBucketAcl', trail.bucketArn, trailSource(TRAIL))).toBe(A);
    expect(await s3(trail, CLOUDTRAIL, 's3:PutObject', trailLog(), trailUpload(trail))).toBe(A);
    const statements = trail.bucketPolicy.Statement.filter((s: any) => !s.Principal?.Service);
    const without = { ...trail, bucketPolicy: { ...trail.bucketPolicy, Statement: statements } };
    expect(await s3(without, CLOUDTRAIL, 's3:PutObject', trailLog(), trailUpload(trail))).not.toBe(A);
  });

  test.each<[string, () => string, () => Record<string, string>]>([
    ['another account\'s trail (the confused deputy)', () => trailLog(OTHER_ACCOUNT), () => trailUpload(trail, OTHER_ACCOUNT_TRAIL)],
    ['another account\'s trail, into this account\'s folder', () => trailLog(), () => trailUpload(trail, OTHER_ACCOUNT_TRAIL)],
    ['another trail of the same account', () => trailLog(), () => trailUpload(trail, OTHER_TRAIL_HERE)],
    ['no source at all', () => trailLog(), () => ({ ...trailUpload(trail), 'aws:SourceArn': '', 'aws:SourceAccount': '' })],
    ['outside the prefix', () => `arn:aws:s3:::trail-logs/AWSLogs/${ACCOUNT}/x.json.gz`, () => trailUpload(trail)],
    ['outside AWSLogs/<account>/', () => 'arn:aws:s3:::trail-logs/ct/other/x.json.gz', () => trailUpload(trail)],
    ['without the bucket-owner-full-control ACL', () => trailLog(), () => ({ ...trailUpload(trail), 's3:x-amz-acl': 'private' })],
  ])('cannot write for %s', async (_label, resource, context) => {
    const ctx = Object.fromEntries(Object.entries(context()).filter(([, value]) => value !== ''));
    expect(await s3(trail, CLOUDTRAIL, 's3:PutObject', resource(), ctx)).not.toBe(A);
  });

  test('cannot check the ACL for another account\'s trail, nor read or delete logs', async () => {
    expect(await s3(trail, CLOUDTRAIL, 's3:GetBucketAcl', trail.bucketArn, trailSource(OTHER_ACCOUNT_TRAIL))).not.toBe(A);
    expect(await s3(trail, CLOUDTRAIL, 's3:GetObject', trailLog(), trailSource(TRAIL))).not.toBe(A);
    expect(await s3(trail, CLOUDTRAIL, 's3:DeleteObject', trailLog(), trailSource(TRAIL))).not.toBe(A);
  });

  test('a trail whose KMS key is not the bucket\'s is denied by the key pinning', async () => {
    const otherKey = { ...trailUpload(trail), 's3:x-amz-server-side-encryption-aws-kms-key-id': `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f3c2a5e-1111-4222-8333-444455556666` };
    expect(await s3(trail, CLOUDTRAIL, 's3:PutObject', trailLog(), otherKey)).toBe('ExplicitlyDenied');
  });

  test('the key makes data keys for the trail\'s logs (encryption context aws:cloudtrail:arn), through the delivery\'s statement only', async () => {
    const context = { 'aws:cloudtrail:arn': TRAIL, 'aws:s3:arn': trailLog() };
    expect(await kms(trail, CLOUDTRAIL, 'kms:GenerateDataKey', trailSource(TRAIL), context)).toBe(A);
    const statements = trail.keyPolicy.Statement.filter((s: any) => !s.Principal?.Service);
    const without = { ...trail, keyPolicy: { ...trail.keyPolicy, Statement: statements } };
    expect(await kms(without, CLOUDTRAIL, 'kms:GenerateDataKey', trailSource(TRAIL), context)).not.toBe(A);
  });

  test.each<[string, Record<string, string>, Record<string, string>]>([
    ['for another account\'s trail', trailSource(OTHER_ACCOUNT_TRAIL), { 'aws:cloudtrail:arn': OTHER_ACCOUNT_TRAIL }],
    ['for another trail of the same account', trailSource(OTHER_TRAIL_HERE), { 'aws:cloudtrail:arn': OTHER_TRAIL_HERE }],
    ['with another trail as encryption context', trailSource(TRAIL), { 'aws:cloudtrail:arn': OTHER_TRAIL_HERE }],
    ['without the trail as encryption context', trailSource(TRAIL), { 'aws:s3:arn': 'arn:aws:s3:::trail-logs/x' }],
  ])('makes no data key %s', async (_label, context, encryptionContext) => {
    expect(await kms(trail, CLOUDTRAIL, 'kms:GenerateDataKey', context, encryptionContext)).not.toBe(A);
  });

  test('decrypts (S3 Bucket Key) and describes the key for the trail only, and cannot manage it', async () => {
    expect(await kms(trail, CLOUDTRAIL, 'kms:Decrypt', trailSource(TRAIL))).toBe(A);
    expect(await kms(trail, CLOUDTRAIL, 'kms:DescribeKey', trailSource(TRAIL))).toBe(A);
    expect(await kms(trail, CLOUDTRAIL, 'kms:Decrypt', trailSource(OTHER_ACCOUNT_TRAIL))).not.toBe(A);
    for (const action of ['kms:Encrypt', 'kms:ReEncryptFrom', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:ScheduleKeyDeletion']) {
      expect(await kms(trail, CLOUDTRAIL, action, trailSource(TRAIL), { 'aws:cloudtrail:arn': TRAIL })).not.toBe(A);
    }
  });
});

describe('CloudTrail into a bucket with REQUIRE_HEADERS and a pinned key', () => {
  const log = `arn:aws:s3:::strict-trail-logs/AWSLogs/${ACCOUNT}/x.json.gz`;

  test('any trail of the account, naming the bucket\'s key, may write; another account\'s may not', async () => {
    expect(await s3(strict, CLOUDTRAIL, 's3:PutObject', log, trailUpload(strict, OTHER_TRAIL_HERE))).toBe(A);
    expect(await s3(strict, CLOUDTRAIL, 's3:PutObject', log, trailUpload(strict, OTHER_ACCOUNT_TRAIL))).not.toBe(A);
  });

  test('a trail without a KMS key (no encryption headers) is denied', async () => {
    const noHeaders = { ...trailSource(TRAIL), 's3:x-amz-acl': 'bucket-owner-full-control' };
    expect(await s3(strict, CLOUDTRAIL, 's3:PutObject', log, noHeaders)).toBe('ExplicitlyDenied');
  });
});

describe('VPC Flow Logs, for the bucket\'s account', () => {
  const delivery = (account: string) => ({ 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:logs:us-east-1:${account}:*` });
  const upload = (account = ACCOUNT) => ({ ...delivery(account), 's3:x-amz-acl': 'bucket-owner-full-control' });
  const flowLog = (folder: string) => `arn:aws:s3:::flow-logs/AWSLogs/${folder}/vpcflowlogs/us-east-1/2026/12/08/x.log.gz`;
  const objects = { 'aws:s3:arn': flowLog(ACCOUNT) };

  test.each([
    ['the default folder', flowLog(ACCOUNT)],
    ['the Hive-compatible folder', flowLog(`aws-account-id=${ACCOUNT}`)],
  ])('log delivery writes, with no encryption headers, into %s', async (_label, resource) => {
    expect(await s3(flow, LOG_DELIVERY, 's3:PutObject', resource, upload())).toBe(A);
  });

  test('log delivery checks the ACL and lists the bucket', async () => {
    expect(await s3(flow, LOG_DELIVERY, 's3:GetBucketAcl', flow.bucketArn, delivery(ACCOUNT))).toBe(A);
    expect(await s3(flow, LOG_DELIVERY, 's3:ListBucket', flow.bucketArn, delivery(ACCOUNT))).toBe(A);
  });

  test.each<[string, string, Record<string, string>]>([
    ['another account\'s deliveries (the confused deputy)', flowLog(OTHER_ACCOUNT), upload(OTHER_ACCOUNT)],
    ['another account\'s deliveries, into this account\'s folder', flowLog(ACCOUNT), upload(OTHER_ACCOUNT)],
    ['a source that is not CloudWatch Logs\'', flowLog(ACCOUNT), { ...upload(), 'aws:SourceArn': `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc-flow-log/fl-1` }],
    ['without the ACL', flowLog(ACCOUNT), delivery(ACCOUNT)],
    ['outside AWSLogs/', 'arn:aws:s3:::flow-logs/elsewhere/x.log.gz', upload()],
  ])('cannot write for %s', async (_label, resource, context) => {
    expect(await s3(flow, LOG_DELIVERY, 's3:PutObject', resource, context)).not.toBe(A);
  });

  test('granting twice rendered each statement once', () => {
    expect(flow.bucketPolicy.Statement.filter((s: any) => s.Principal?.Service)).toHaveLength(2);
    expect(flow.keyPolicy.Statement.filter((s: any) => s.Principal?.Service)).toHaveLength(1);
  });

  test('the key makes and decrypts data keys for S3\'s requests for this bucket\'s objects', async () => {
    expect(await kms(flow, LOG_DELIVERY, 'kms:GenerateDataKey', delivery(ACCOUNT), objects)).toBe(A);
    expect(await kms(flow, LOG_DELIVERY, 'kms:Decrypt', delivery(ACCOUNT), objects)).toBe(A);
    // With an S3 Bucket Key, S3 sends the bucket's ARN.
    expect(await kms(flow, LOG_DELIVERY, 'kms:GenerateDataKey', delivery(ACCOUNT), { 'aws:s3:arn': flow.bucketArn })).toBe(A);
  });

  test.each<[string, string, Record<string, string>, Record<string, string>]>([
    ['for another account\'s deliveries', 'kms:GenerateDataKey', delivery(OTHER_ACCOUNT), objects],
    ['for another bucket\'s objects', 'kms:GenerateDataKey', delivery(ACCOUNT), { 'aws:s3:arn': 'arn:aws:s3:::trail-logs/x' }],
    ['without an encryption context', 'kms:GenerateDataKey', delivery(ACCOUNT), {}],
    ['to encrypt directly', 'kms:Encrypt', delivery(ACCOUNT), objects],
    ['to manage the key', 'kms:PutKeyPolicy', delivery(ACCOUNT), objects],
  ])('the key refuses log delivery %s', async (_label, action, context, encryptionContext) => {
    expect(await kms(flow, LOG_DELIVERY, action, context, encryptionContext)).not.toBe(A);
  });

  test('CloudTrail is not log delivery: the flow-log bucket refuses it', async () => {
    expect(await s3(flow, CLOUDTRAIL, 's3:PutObject', flowLog(ACCOUNT), { ...upload(), ...trailSource(TRAIL) })).not.toBe(A);
  });
});
