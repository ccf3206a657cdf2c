/**
 * Grants to users, groups and roles, scoped to key patterns, put and delete apart: proved
 * on the identity, bucket and key policies as Terraform renders them (mock-provider
 * apply), by IAM evaluation. Every caller is in the bucket's account unless named
 * otherwise, so an identity policy's Allow is enough where no Deny applies; a caller gets
 * exactly the identity policies the stack attached to it (or to its group).
 *
 * The key part: with an S3 Bucket Key (the default) S3 asks KMS with the bucket's ARN as
 * encryption context, so no key permission can follow a key prefix. These tests prove
 * what a scoped grant's key part allows instead: an identity grant, the key (through S3
 * or not, for any encryption context); a grant to a principal, the key through S3 for
 * this bucket only. What keeps a grantee inside its pattern is S3's own decision.
 * iam-simulate does not match `kms:EncryptionContext:*` keys: `evaluateWithS3Context`
 * decides them and fails on any key the simulator ignored.
 */
import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { EncryptedBucket } from '../../src';
import { Decision, evaluateWithS3Context, simulate } from '../support/iam';
import { renderedState, synthStack, terraformValidate } from '../support/terraform';

const ACCOUNT = '111122223333';
const BUCKET = 'scoped-data';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const object = (key: string) => `${BUCKET_ARN}/${key}`;
/** Put into `incoming/*`: a CI user the stack creates. */
const UPLOADER = `arn:aws:iam::${ACCOUNT}:user/ci-uploader`;
/** Read `reports/*`: a member of the group `analysts`. */
const ANALYST = `arn:aws:iam::${ACCOUNT}:user/alice`;
/** Delete in `tmp/*`: a session of the role `janitor`. */
const JANITOR = `arn:aws:sts::${ACCOUNT}:assumed-role/janitor/sweep`;
/** Read and write `shared/*`: a session of a role the stack reads (DataAwsIamRole). */
const ETL = `arn:aws:sts::${ACCOUNT}:assumed-role/etl-runner/nightly`;
/** A user of the same account that nothing was granted to. */
const INTERN = `arn:aws:iam::${ACCOUNT}:user/intern`;
/** Read `exports/*`, granted by ARN in the bucket and key policies: a role in another account. */
const READER = 'arn:aws:iam::444455556666:role/reader';
const VIA_S3 = { 'kms:ViaService': 's3.us-east-1.amazonaws.com' };
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const A: Decision = 'Allowed';

let bucketPolicy: any;
let key: { arn: string; policy: any };
/** The identity policies attached to each caller. */
let identity: Record<string, any[]>;

beforeAll(() => {
  const synth = synthStack((app) => {
    const stack = new TerraformStack(app, 'scoped-grants');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const bucket = new EncryptedBucket(stack, 'Data', { bucketName: BUCKET });
    bucket.grantPut(new IamUser(stack, 'Uploader', { name: 'ci-uploader' }), 'incoming/*');
    bucket.grantRead(new IamGroup(stack, 'Analysts', { name: 'analysts' }), 'reports/*');
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    bucket.grantDelete(new IamRole(stack, 'Janitor', { name: 'janitor', assumeRolePolicy: trust }), 'tmp/*');
    bucket.grantReadWrite(new DataAwsIamRole(stack, 'Etl', { name: 'etl-runner' }), 'shared/*');
    bucket.grantReadToPrincipal(READER, 'exports/*');
    return stack;
  });
  expect(terraformValidate(synth.dir).valid).toBe(true);
  const state = renderedState(synth.dir, { accountId: ACCOUNT });
  bucketPolicy = JSON.parse(state.singleValuesOf('aws_s3_bucket_policy').policy);
  const keyValues = state.singleValuesOf('aws_kms_key');
  key = { arn: keyValues.arn, policy: JSON.parse(keyValues.policy) };
  const policyOf = (type: string, attribute: string, name: string) => {
    const policies = state.valuesOf(type).filter((p) => p[attribute] === name).map((p) => JSON.parse(p.policy));
    expect(policies).toHaveLength(1);
    return policies;
  };
  identity = {
    [UPLOADER]: policyOf('aws_iam_user_policy', 'user', 'ci-uploader'),
    // The simulator takes identity policies directly: a group's policy applies to each of
    // its members, so the member's request carries it.
    [ANALYST]: policyOf('aws_iam_group_policy', 'group', 'analysts'),
    [JANITOR]: policyOf('aws_iam_role_policy', 'role', 'janitor'),
    [ETL]: policyOf('aws_iam_role_policy', 'role', 'etl-runner'),
    [INTERN]: [],
    [READER]: [ALLOW_ALL],
  };
});

const SSE_KMS = () => ({ 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': key.arn });

/** The decision on an S3 request by `principal`, with its own identity policies and the bucket policy. */
async function s3(principal: string, action: string, resource: string, context: Record<string, string> = {}): Promise<Decision> {
  const result = await simulate({ principal, action, resource, context, identityPolicies: identity[principal], resourcePolicy: bucketPolicy });
  expect(result.ignoredContextKeys).toEqual([]);
  return result.decision;
}

/** The decision on a KMS request by `principal` on the bucket's key, with encryption context `aws:s3:arn = s3Arn`. */
async function kms(principal: string, action: string, s3Arn: string | undefined, context: Record<string, string> = VIA_S3): Promise<Decision> {
  const request = { principal, action, resource: key.arn, context, identityPolicies: identity[principal], resourcePolicy: key.policy };
  return evaluateWithS3Context(request, s3Arn);
}

const upload = (principal: string, key_: string) => s3(principal, 's3:PutObject', object(key_), SSE_KMS());
const list = (principal: string, prefix?: string) => s3(principal, 's3:ListBucket', BUCKET_ARN, prefix === undefined ? {} : { 's3:prefix': prefix });

describe('grantPut(user, "incoming/*")', () => {
  test.each(['s3:PutObjectTagging', 's3:PutObjectRetention', 's3:AbortMultipartUpload'])('the user can upload, and %s, inside the pattern', async (action) => {
    expect(await upload(UPLOADER, 'incoming/2026/batch.csv')).toBe(A);
    expect(await s3(UPLOADER, action, object('incoming/2026/batch.csv'))).toBe(A);
  });

  test.each(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging', 's3:PutObjectLegalHold', 's3:BypassGovernanceRetention'])(
    'the user cannot %s, not even inside the pattern', async (action) => {
      expect(await s3(UPLOADER, action, object('incoming/2026/batch.csv'))).not.toBe(A);
    });

  test('the user cannot upload outside the pattern, nor read or list', async () => {
    expect(await upload(UPLOADER, 'reports/q1.csv')).not.toBe(A);
    expect(await upload(UPLOADER, 'incoming')).not.toBe(A);
    expect(await s3(UPLOADER, 's3:GetObject', object('incoming/2026/batch.csv'))).not.toBe(A);
    expect(await list(UPLOADER, 'incoming/')).not.toBe(A);
  });

  test('the user can make data keys through S3, for its uploads and multipart uploads', async () => {
    expect(await kms(UPLOADER, 'kms:GenerateDataKey', BUCKET_ARN)).toBe(A);
    expect(await kms(UPLOADER, 'kms:Decrypt', BUCKET_ARN)).toBe(A);
  });

  test('another user of the account, granted nothing, cannot upload there', async () => {
    expect(await upload(INTERN, 'incoming/2026/batch.csv')).not.toBe(A);
  });
});

describe('grantRead(group, "reports/*"), for a member of the group', () => {
  test('reads objects inside the pattern, and every version of them', async () => {
    expect(await s3(ANALYST, 's3:GetObject', object('reports/q1.csv'))).toBe(A);
    expect(await s3(ANALYST, 's3:GetObjectVersion', object('reports/2026/q1.csv'))).toBe(A);
  });

  test.each(['incoming/batch.csv', 'reports', 'exports/reports/q1.csv', 'tmp/x'])('cannot read %s, outside the pattern', async (objectKey) => {
    expect(await s3(ANALYST, 's3:GetObject', object(objectKey))).not.toBe(A);
  });

  test.each(['reports/', 'reports/2026/'])('lists with the prefix %s, which matches the pattern', async (prefix) => {
    expect(await list(ANALYST, prefix)).toBe(A);
    expect(await s3(ANALYST, 's3:ListBucketVersions', BUCKET_ARN, { 's3:prefix': prefix })).toBe(A);
  });

  test.each<[string, string | undefined]>([
    ['no prefix (the whole bucket)', undefined],
    ['the empty prefix', ''],
    ['another folder', 'incoming/'],
    ['a prefix that only starts like the folder', 'reports'],
  ])('cannot list with %s', async (_label, prefix) => {
    expect(await list(ANALYST, prefix)).not.toBe(A);
  });

  test('reads the bucket\'s region, and none of the rest of its configuration', async () => {
    expect(await s3(ANALYST, 's3:GetBucketLocation', BUCKET_ARN)).toBe(A);
    for (const action of ['s3:GetBucketPolicy', 's3:GetBucketAcl', 's3:GetBucketTagging', 's3:GetBucketLogging', 's3:ListBucketMultipartUploads']) {
      expect(await s3(ANALYST, action, BUCKET_ARN)).not.toBe(A);
    }
  });

  test.each(['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectTagging'])('cannot %s, even inside the pattern', async (action) => {
    expect(await s3(ANALYST, action, object('reports/q1.csv'), action === 's3:PutObject' ? SSE_KMS() : {})).not.toBe(A);
  });

  test('a user outside the group is denied the same reads', async () => {
    expect(await s3(INTERN, 's3:GetObject', object('reports/q1.csv'))).not.toBe(A);
    expect(await list(INTERN, 'reports/')).not.toBe(A);
  });

  describe('the key part cannot follow the pattern', () => {
    test.each([
      ['the bucket (S3 Bucket Key: what S3 sends for every object)', BUCKET_ARN],
      ['an object inside the pattern (no S3 Bucket Key)', object('reports/q1.csv')],
      ['an object outside the pattern', object('incoming/batch.csv')],
      ['another bucket\'s object', 'arn:aws:s3:::other-bucket/x'],
    ])('the member may decrypt through S3 with the encryption context of %s', async (_label, s3Arn) => {
      expect(await kms(ANALYST, 'kms:Decrypt', s3Arn)).toBe(A);
    });

    test('and outside S3: an identity grant\'s key statement is the whole key', async () => {
      expect(await kms(ANALYST, 'kms:Decrypt', undefined, {})).toBe(A);
    });

    test('but no more than reading: no data keys, no key management', async () => {
      for (const action of ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion']) {
        expect(await kms(ANALYST, action, BUCKET_ARN)).not.toBe(A);
      }
    });
  });
});

describe('grantDelete(role, "tmp/*")', () => {
  test.each(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteObjectTagging'])('the role can %s inside the pattern', async (action) => {
    expect(await s3(JANITOR, action, object('tmp/scratch.bin'))).toBe(A);
  });

  test('the role cannot delete outside the pattern', async () => {
    expect(await s3(JANITOR, 's3:DeleteObject', object('reports/q1.csv'))).not.toBe(A);
    expect(await s3(JANITOR, 's3:DeleteObjectVersion', object('incoming/batch.csv'))).not.toBe(A);
  });

  test('the role cannot put, read or list, even inside the pattern, nor use the key', async () => {
    expect(await upload(JANITOR, 'tmp/scratch.bin')).not.toBe(A);
    expect(await s3(JANITOR, 's3:PutObjectTagging', object('tmp/scratch.bin'))).not.toBe(A);
    expect(await s3(JANITOR, 's3:GetObject', object('tmp/scratch.bin'))).not.toBe(A);
    expect(await list(JANITOR, 'tmp/')).not.toBe(A);
    expect(await kms(JANITOR, 'kms:Decrypt', BUCKET_ARN)).not.toBe(A);
    expect(await kms(JANITOR, 'kms:GenerateDataKey', BUCKET_ARN)).not.toBe(A);
  });
});

describe('grantReadWrite(a role the stack reads, "shared/*")', () => {
  test('reads, uploads and deletes inside the pattern', async () => {
    expect(await s3(ETL, 's3:GetObject', object('shared/a.parquet'))).toBe(A);
    expect(await upload(ETL, 'shared/a.parquet')).toBe(A);
    expect(await s3(ETL, 's3:DeleteObjectVersion', object('shared/a.parquet'))).toBe(A);
    expect(await list(ETL, 'shared/')).toBe(A);
  });

  test('none of it outside the pattern', async () => {
    expect(await s3(ETL, 's3:GetObject', object('reports/q1.csv'))).not.toBe(A);
    expect(await upload(ETL, 'reports/q1.csv')).not.toBe(A);
    expect(await s3(ETL, 's3:DeleteObject', object('reports/q1.csv'))).not.toBe(A);
    expect(await list(ETL, 'reports/')).not.toBe(A);
  });
});

describe('grantReadToPrincipal(role in another account, "exports/*")', () => {
  test('reads and lists inside the pattern, through the bucket policy', async () => {
    expect(await s3(READER, 's3:GetObject', object('exports/2026/a.csv'))).toBe(A);
    expect(await list(READER, 'exports/')).toBe(A);
    expect(await s3(READER, 's3:GetBucketLocation', BUCKET_ARN)).toBe(A);
  });

  test('nothing outside it, nor any write, although its own account allows everything', async () => {
    expect(await s3(READER, 's3:GetObject', object('reports/q1.csv'))).not.toBe(A);
    expect(await list(READER)).not.toBe(A);
    expect(await list(READER, 'reports/')).not.toBe(A);
    expect(await s3(READER, 's3:GetBucketPolicy', BUCKET_ARN)).not.toBe(A);
    expect(await upload(READER, 'exports/2026/a.csv')).not.toBe(A);
    expect(await s3(READER, 's3:DeleteObject', object('exports/2026/a.csv'))).not.toBe(A);
  });

  test('its key grant covers this bucket through S3, whatever the prefix, and nothing else', async () => {
    expect(await kms(READER, 'kms:Decrypt', BUCKET_ARN)).toBe(A);
    expect(await kms(READER, 'kms:Decrypt', object('exports/2026/a.csv'))).toBe(A);
    expect(await kms(READER, 'kms:Decrypt', object('reports/q1.csv'))).toBe(A);
    expect(await kms(READER, 'kms:Decrypt', 'arn:aws:s3:::other-bucket/exports/a.csv')).not.toBe(A);
    expect(await kms(READER, 'kms:Decrypt', BUCKET_ARN, {})).not.toBe(A);
    expect(await kms(READER, 'kms:GenerateDataKey', BUCKET_ARN)).not.toBe(A);
  });
});
