/**
 * EncryptedBucket with real Terraform: every variant validates and plans with the AWS
 * provider, and its bucket policy, as Terraform renders it, is evaluated request by
 * request with an IAM policy simulator.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { BucketEncryption, EncryptedBucket, EncryptionEnforcement, ManagedCmk } from '../src';
import { evaluate } from './support/iam';
import { SSE, SSE_KEY } from './support/policy';
import {
  A, ACCOUNT, Context, D, decide, decisionOf, decisions, Mode, OTHER_KEY, RenderedBucket, TABLE,
} from './support/request-table';
import {
  RenderedState, SynthResult, addressesIn, renderedState, synthStack, terraformPlan, terraformValidate,
} from './support/terraform';

const IMPORTED_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** One bucket per policy variant; names double as the rows' column keys. */
function buildStack(app: any): TerraformStack {
  const stack = new TerraformStack(app, 'buckets');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const bucket = (name: string, props: object = {}) => new EncryptedBucket(stack, name, { bucketName: name, ...props });

  bucket('kms-mismatch-pinned');
  bucket('kms-require-pinned', { encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS });
  bucket('kms-require-unpinned', { encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS, pinEncryptionKey: false });
  bucket('sse-s3-require', { encryption: BucketEncryption.S3_MANAGED, encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS });
  bucket('kms-mismatch-unpinned', { pinEncryptionKey: false });
  bucket('sse-s3-mismatch', { encryption: BucketEncryption.S3_MANAGED });
  bucket('dsse-mismatch-pinned', { encryption: BucketEncryption.DSSE_KMS });
  bucket('kms-none', { encryptionEnforcement: EncryptionEnforcement.NONE });
  bucket('kms-imported-key', { encryptionKey: ManagedCmk.fromKeyArn(stack, 'Imported', IMPORTED_KEY) });
  bucket('tls13', { minimumTlsVersion: 1.3 });
  bucket('http-allowed', { enforceHttps: false });
  bucket('sse-c-allowed', { denySseC: false });
  const extra = bucket('extra-statements', {
    policyStatements: [{
      sid: 'DenyDeleteObject',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:DeleteObject'],
      resources: ['arn:aws:s3:::extra-statements/*'],
    }],
  });
  extra.addToResourcePolicy({
    sid: 'AllowPartnerRead',
    principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::444455556666:root'] }],
    actions: ['s3:GetObject'],
    resources: [`${extra.bucketArn}/shared/*`],
  });

  const logs = bucket('access-log-target', { encryption: BucketEncryption.S3_MANAGED });
  bucket('logged-source', { serverAccessLogs: { targetBucket: logs, prefix: 'logged-source/' } });

  const shared = bucket('grants');
  const role = (name: string) => new IamRole(stack, name, {
    name,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  shared.grantRead(role('reader'));
  shared.grantWrite(role('writer'));
  shared.grantReadWrite(role('reader-writer'));
  return stack;
}

let synth: SynthResult;
let state: RenderedState;

beforeAll(() => {
  synth = synthStack(buildStack);
  state = renderedState(synth.dir);
});

test('validates and plans with the real AWS provider: creates every declared resource, once', () => {
  expect(terraformValidate(synth.dir).valid).toBe(true);
  const plan = terraformPlan(synth.dir);
  // Exactly the managed resources of cdk.tf.json, each planned as a plain create.
  expect(plan.resourceChanges.map((rc) => rc.address).sort()).toEqual(addressesIn(synth.json, 'resource').sort());
  expect(plan.resourceChanges.filter((rc) => rc.actions.join() !== 'create').map((rc) => `${rc.address}: ${rc.actions}`)).toEqual([]);
  console.log(`encrypted-bucket variants: ${plan.summary}`);

  /** Construct path (`buckets/<bucket>/<part>`) of a planned resource, from cdk.tf.json. */
  const pathOf = (rc: { type: string; address: string }) => synth.json.resource[rc.type][rc.address.split('.')[1]]['//'].metadata.path;
  const plannedOf = (type: string) => plan.resourceChanges.filter((rc) => rc.type === type);
  const byDefault = (bucket: string) => {
    const rc = plannedOf('aws_s3_bucket_server_side_encryption_configuration').find((c) => pathOf(c) === `buckets/${bucket}/Encryption`);
    if (!rc) throw new Error(`no planned encryption configuration for ${bucket}`);
    const rule = rc.after!.rule[0];
    return { ...rule.apply_server_side_encryption_by_default[0], bucket_key_enabled: rule.bucket_key_enabled };
  };
  // Default encryption as the real provider plans it (the key ARN is known after apply).
  expect(byDefault('kms-mismatch-pinned')).toEqual({ sse_algorithm: 'aws:kms', bucket_key_enabled: true });
  expect(byDefault('sse-s3-require')).toEqual({ sse_algorithm: 'AES256', kms_master_key_id: '', bucket_key_enabled: false });
  expect(byDefault('dsse-mismatch-pinned')).toEqual({ sse_algorithm: 'aws:kms:dsse', bucket_key_enabled: false });
  expect(byDefault('kms-imported-key')).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: IMPORTED_KEY, bucket_key_enabled: true });

  // A key of its own for every KMS bucket not given one; none for SSE-S3 buckets or the imported key's bucket.
  const keys = plannedOf('aws_kms_key');
  const withoutOwnKey = ['sse-s3-require', 'sse-s3-mismatch', 'access-log-target', 'kms-imported-key'];
  const buckets = plannedOf('aws_s3_bucket').map((rc) => rc.after!.bucket as string);
  expect(keys.map((rc) => pathOf(rc).split('/')[1]).sort()).toEqual(buckets.filter((b) => !withoutOwnKey.includes(b)).sort());
  for (const key of keys) {
    expect({ key: key.address, window: key.after!.deletion_window_in_days, rotation: key.after!.enable_key_rotation })
      .toEqual({ key: key.address, window: 30, rotation: true });
  }
});

/** The bucket named `name` as Terraform rendered it: its policy, key and default encryption. */
function bucketUnderTest(name: string): RenderedBucket {
  const policy = state.valuesOf('aws_s3_bucket_policy').find((p) => p.bucket === name);
  const encryption = state.valuesOf('aws_s3_bucket_server_side_encryption_configuration').find((e) => e.bucket === name);
  if (!policy || !encryption) throw new Error(`no policy or encryption configuration for bucket ${name}`);
  const byDefault = encryption.rule[0].apply_server_side_encryption_by_default[0];
  const keyArn: string | undefined = byDefault.kms_master_key_id || undefined;
  return {
    arn: `arn:aws:s3:::${name}`,
    policy: policy.policy,
    // A bucket without a key never matches a key id: "CMK" rows use another key there.
    cmk: keyArn ?? OTHER_KEY,
    algorithm: byDefault.sse_algorithm,
  };
}

/** One request by the same-account user whose identity policy allows s3:*. */
async function request(bucket: string, action: string, context: Context = {}) {
  const [decision] = await decide(bucketUnderTest(bucket), [[action, context]]);
  return decision;
}

/** Buckets of this stack for the README's columns. */
const COLUMNS: Array<[bucket: string, mode: Mode]> = [
  ['kms-mismatch-pinned', 'KMS, DENY_MISMATCHED_HEADERS, pinned'],
  ['kms-require-pinned', 'KMS, REQUIRE_HEADERS, pinned'],
  ['kms-require-unpinned', 'KMS, REQUIRE_HEADERS, not pinned'],
  ['kms-mismatch-unpinned', 'KMS, DENY_MISMATCHED_HEADERS, not pinned'],
  ['sse-s3-mismatch', 'S3_MANAGED, DENY_MISMATCHED_HEADERS'],
  ['sse-s3-require', 'S3_MANAGED, REQUIRE_HEADERS'],
];

describe.each(COLUMNS)('bucket policy of %s (%s)', (bucket, mode) => {
  test.each(TABLE)('%s', async (...row) => {
    const all = await decisions(bucketUnderTest(bucket), row[0]);
    expect(new Set(all)).toEqual(new Set([decisionOf(row, mode)]));
  });
});

// Variants beyond the README's columns, with the same rows.
const VARIANTS: Array<[string, string, Record<string, string>]> = [
  ['kms-none', 'no encryption statements; SSE-C still denied', {
    'PutObject, no encryption headers': A,
    'PutObject, AES256': A,
    'PutObject, aws:kms, no key id': A,
    'PutObject, aws:kms + CMK': A,
    'PutObject, aws:kms + other': A,
    'PutObject, SSE-C headers': D,
    'any request over HTTP': D,
  }],
  ['kms-imported-key', 'pinned to the imported key', {
    'PutObject, no encryption headers': A,
    'PutObject, aws:kms + CMK': A,
    'PutObject, aws:kms + other': D,
    'UpdateObjectEncryption, aws:kms + CMK': A,
    'UpdateObjectEncryption, aws:kms + other': D,
  }],
  ['tls13', 'TLS 1.3 floor', {
    'any request with TLS 1.3': A, 'any request with TLS 1.2': D, 'any request with TLS 1.1': D,
  }],
  ['http-allowed', 'no transport statements', {
    'any request over HTTP': A, 'any request with TLS 1.0': A,
  }],
  ['sse-c-allowed', 'SSE-C not denied', {
    'PutObject, SSE-C headers': A, 'PutObject, AES256': D,
  }],
];

describe.each(VARIANTS)('bucket policy of %s: %s', (bucket, _what, expectations) => {
  test.each(Object.entries(expectations))('%s', async (row, decision) => {
    const all = await decisions(bucketUnderTest(bucket), row);
    expect(new Set(all)).toEqual(new Set([decision]));
  });
});

describe('DSSE-KMS', () => {
  const DSSE = 'aws:kms:dsse';
  test('default encryption is aws:kms:dsse with the bucket key off', () => {
    const configuration = state.valuesOf('aws_s3_bucket_server_side_encryption_configuration')
      .find((e) => e.bucket === 'dsse-mismatch-pinned')!;
    expect(configuration.rule[0].apply_server_side_encryption_by_default[0].sse_algorithm).toBe(DSSE);
    expect(configuration.rule[0].bucket_key_enabled).toBe(false);
  });

  test.each([
    ['no headers', {}, A],
    ['aws:kms:dsse + CMK', { [SSE]: DSSE, [SSE_KEY]: 'CMK' }, A],
    ['aws:kms:dsse without key id', { [SSE]: DSSE }, D],
    ['aws:kms:dsse + other', { [SSE]: DSSE, [SSE_KEY]: OTHER_KEY }, D],
    ['aws:kms + CMK (single layer)', { [SSE]: 'aws:kms', [SSE_KEY]: 'CMK' }, D],
    ['AES256', { [SSE]: 'AES256' }, D],
  ])('PutObject with %s', async (_name, headers: Context, expected) => {
    const { cmk } = bucketUnderTest('dsse-mismatch-pinned');
    const context = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'CMK' ? cmk : v]));
    expect(await request('dsse-mismatch-pinned', 's3:PutObject', context)).toBe(expected);
  });
});

describe('extra statements merged into the one policy', () => {
  test('a policyStatements deny applies', async () => {
    expect(await request('extra-statements', 's3:DeleteObject')).toBe(D);
    expect(await request('extra-statements', 's3:GetObject')).toBe(A);
  });

  test('an addToResourcePolicy allow lets another account read its prefix only', async () => {
    const { policy } = bucketUnderTest('extra-statements');
    const partner = (resource: string) => evaluate({
      principal: 'arn:aws:iam::444455556666:user/partner',
      action: 's3:GetObject',
      resource,
      identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }],
      resourcePolicy: policy,
    });
    expect(await partner('arn:aws:s3:::extra-statements/shared/report.csv')).toBe(A);
    expect(await partner('arn:aws:s3:::extra-statements/private/report.csv')).not.toBe(A);
  });

  test('another account gets nothing from the default policy', async () => {
    const { policy } = bucketUnderTest('kms-mismatch-pinned');
    expect(await evaluate({
      principal: 'arn:aws:iam::444455556666:user/mallory',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::kms-mismatch-pinned/data/file.txt',
      identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }],
      resourcePolicy: policy,
    })).not.toBe(A);
  });
});

describe('server access log delivery', () => {
  const LOGGING = 'logging.s3.amazonaws.com';
  const deliver = async (key: string, sourceArn: string, sourceAccount: string) => evaluate({
    principal: LOGGING,
    action: 's3:PutObject',
    resource: `arn:aws:s3:::access-log-target/${key}`,
    resourcePolicy: bucketUnderTest('access-log-target').policy,
    context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount },
  });

  test('the source bucket delivers into its prefix', async () => {
    expect(await deliver('logged-source/2026-11-22-log', 'arn:aws:s3:::logged-source', ACCOUNT)).toBe(A);
  });

  test.each([
    ['another source bucket', 'logged-source/log', 'arn:aws:s3:::someone-elses-bucket', ACCOUNT],
    ['another source account', 'logged-source/log', 'arn:aws:s3:::logged-source', '444455556666'],
    ['outside the prefix', 'elsewhere/log', 'arn:aws:s3:::logged-source', ACCOUNT],
  ])('refused for %s', async (_name, key, sourceArn, sourceAccount) => {
    expect(await deliver(key, sourceArn, sourceAccount)).not.toBe(A);
  });

  test('the source bucket logs into the target', () => {
    const logging = state.singleValuesOf('aws_s3_bucket_logging');
    expect(logging).toMatchObject({ bucket: 'logged-source', target_bucket: 'access-log-target', target_prefix: 'logged-source/' });
  });
});

describe('grants', () => {
  const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const identityPolicyOf = (name: string) => {
    const policies = state.valuesOf('aws_iam_role_policy').filter((p) => p.role === name);
    expect(policies).toHaveLength(1);
    return policies[0].policy as string;
  };
  const keyPolicy = () => {
    const { cmk } = bucketUnderTest('grants');
    return state.valuesOf('aws_kms_key').find((k) => k.arn === cmk)!.policy as string;
  };
  const s3 = (role: string, action: string, context: Context = {}) => evaluate({
    principal: roleArn(role),
    action,
    resource: 'arn:aws:s3:::grants/data/file.txt',
    identityPolicies: [identityPolicyOf(role)],
    resourcePolicy: bucketUnderTest('grants').policy,
    context,
  });
  const kms = (role: string, action: string) => evaluate({
    principal: roleArn(role),
    action,
    resource: bucketUnderTest('grants').cmk,
    identityPolicies: [identityPolicyOf(role)],
    resourcePolicy: keyPolicy(),
  });

  test.each([
    ['reader', 's3:GetObject', A], ['reader', 's3:PutObject', 'ImplicitlyDenied'], ['reader', 's3:DeleteObject', 'ImplicitlyDenied'],
    ['writer', 's3:PutObject', A], ['writer', 's3:GetObject', 'ImplicitlyDenied'],
    ['reader-writer', 's3:GetObject', A], ['reader-writer', 's3:PutObject', A],
  ])('%s: %s is %s', async (role, action, expected) => {
    expect(await s3(role, action)).toBe(expected);
  });

  test('a writer still cannot choose another key', async () => {
    expect(await s3('writer', 's3:PutObject', { [SSE]: 'aws:kms', [SSE_KEY]: OTHER_KEY })).toBe(D);
  });

  test.each([
    ['reader', 'kms:Decrypt', A], ['reader', 'kms:GenerateDataKey', 'ImplicitlyDenied'],
    ['writer', 'kms:GenerateDataKey', A], ['writer', 'kms:Decrypt', A],
    ['reader-writer', 'kms:GenerateDataKey', A], ['reader-writer', 'kms:Decrypt', A],
    // Not granted; and the key policy denies scheduling deletion to everyone.
    ['writer', 'kms:PutKeyPolicy', 'ImplicitlyDenied'], ['writer', 'kms:ScheduleKeyDeletion', 'ExplicitlyDenied'],
  ])('%s: %s on the bucket key is %s', async (role, action, expected) => {
    expect(await kms(role, action)).toBe(expected);
  });
});
