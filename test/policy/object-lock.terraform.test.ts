/**
 * Object Lock's guards, proved on the bucket policy as Terraform renders it (mock-provider
 * apply), by IAM evaluation: GOVERNANCE retention can be bypassed only by the principals
 * the bucket names, whatever IAM policies allow (the account root included), and COMPLIANCE
 * retention is refused to uploads and retention changes unless the bucket opted into it.
 *
 * Every caller here has an identity policy that allows everything, and the root has every
 * permission: what they are denied, the bucket policy denies.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { EncryptedBucket, ObjectLockRetention } from '../../src';
import { Decision, simulate } from '../support/iam';
import { renderedState, synthStack, terraformValidate } from '../support/terraform';

const ACCOUNT = '111122223333';
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/backup-admin`;
const ADMIN_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/backup-admin/incident-42`;
const WRITER = `arn:aws:iam::${ACCOUNT}:role/backup-writer`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const OUTSIDER = 'arn:aws:iam::444455556666:role/admin';
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const A: Decision = 'Allowed';
const D: Decision = 'ExplicitlyDenied';

/** The rendered bucket policy of each bucket, by name. */
let policies: Record<string, any>;

beforeAll(() => {
  const synth = synthStack((app) => {
    const stack = new TerraformStack(app, 'object-lock');
    new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: [ACCOUNT] });
    new EncryptedBucket(stack, 'Named', {
      bucketName: 'vault-named',
      objectLockDefaultRetention: ObjectLockRetention.governance(30),
      governanceBypassPrincipalArns: [ADMIN],
    });
    new EncryptedBucket(stack, 'Nobody', { bucketName: 'vault-nobody', objectLockDefaultRetention: ObjectLockRetention.governance(30) });
    new EncryptedBucket(stack, 'Compliance', {
      bucketName: 'vault-compliance',
      objectLockDefaultRetention: ObjectLockRetention.compliance(1),
      dangerouslyAllowComplianceRetention: true,
    });
    new EncryptedBucket(stack, 'Plain', { bucketName: 'plain-bucket' });
    return stack;
  });
  expect(terraformValidate(synth.dir).valid).toBe(true);
  const state = renderedState(synth.dir, { accountId: ACCOUNT });
  policies = Object.fromEntries(state.valuesOf('aws_s3_bucket_policy').map((p) => [p.bucket, JSON.parse(p.policy)]));
});

async function decide(bucket: string, principal: string, action: string, context: Record<string, string> = {}): Promise<Decision> {
  const result = await simulate({
    principal,
    action,
    resource: `arn:aws:s3:::${bucket}/backups/2026-12-07.tar`,
    resourcePolicy: policies[bucket],
    identityPolicies: [ALLOW_ALL],
    context,
    resourceAccount: ACCOUNT,
  });
  expect(result.ignoredContextKeys).toEqual([]);
  return result.decision;
}

describe('s3:BypassGovernanceRetention', () => {
  test.each([
    ['the named role', A, ADMIN],
    ['a session of the named role', A, ADMIN_SESSION],
    ['another role of the account', D, WRITER],
    ['the account root', D, ROOT],
  ])('on a bucket that names one principal: %s is %s', async (_, decision, principal) => {
    expect(await decide('vault-named', principal, 's3:BypassGovernanceRetention')).toBe(decision);
  });

  test.each([ADMIN, WRITER, ROOT])('on a bucket that names no one, %s is denied', async (principal) => {
    expect(await decide('vault-nobody', principal, 's3:BypassGovernanceRetention')).toBe(D);
  });

  test('another account\'s admin is not allowed either', async () => {
    expect(await decide('vault-named', OUTSIDER, 's3:BypassGovernanceRetention')).not.toBe(A);
  });

  test('without Object Lock the bucket policy leaves it to IAM (nothing to bypass)', async () => {
    expect(await decide('plain-bucket', WRITER, 's3:BypassGovernanceRetention')).toBe(A);
  });
});

describe('COMPLIANCE retention', () => {
  const compliance = { 's3:object-lock-mode': 'COMPLIANCE' };
  const governance = { 's3:object-lock-mode': 'GOVERNANCE' };

  test.each(['s3:PutObject', 's3:PutObjectRetention'])('%s asking for COMPLIANCE is denied, the root included', async (action) => {
    expect(await decide('vault-nobody', WRITER, action, compliance)).toBe(D);
    expect(await decide('vault-nobody', ROOT, action, compliance)).toBe(D);
  });

  test.each(['s3:PutObject', 's3:PutObjectRetention'])('%s asking for GOVERNANCE is allowed', async (action) => {
    expect(await decide('vault-nobody', WRITER, action, governance)).toBe(A);
  });

  test('an upload that asks for no retention is allowed (it gets the default)', async () => {
    expect(await decide('vault-nobody', WRITER, 's3:PutObject')).toBe(A);
  });

  test('a bucket that opted in lets uploads ask for COMPLIANCE', async () => {
    expect(await decide('vault-compliance', WRITER, 's3:PutObjectRetention', compliance)).toBe(A);
  });
});
