/**
 * Object Lock: the configuration EncryptedBucket writes (never the bucket's own
 * `object_lock_enabled`, which forces a new bucket), the bucket-policy statements that
 * guard it, its adoption, and every error at synth. The policies' effect is proved by IAM
 * evaluation in object-lock.terraform.test.ts, the in-place update on the local AWS
 * endpoint in deploy/object-lock.deploy.test.ts.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { EncryptedBucket, EncryptedBucketProps, ObjectLockMode, ObjectLockRetention } from '../src';
import { parsePolicy, sids, statement } from './support/policy';
import { errorOf, onlyResource, resourcesOf, synthJson, testStack } from './support/synth';

const ADMIN = 'arn:aws:iam::111122223333:role/backup-admin';

function synth(props: EncryptedBucketProps): { json: any; stack: TerraformStack } {
  const stack = testStack();
  new EncryptedBucket(stack, 'Vault', { bucketName: 'vault-bucket', ...props });
  return { json: synthJson(stack), stack };
}

function policyOf(json: any) {
  return parsePolicy(onlyResource(json, 'aws_s3_bucket_policy').policy).Statement;
}

function warnings(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

describe('the Object Lock configuration', () => {
  test('by default there is none, and the policy has no Object Lock statement', () => {
    const { json } = synth({});
    expect(resourcesOf(json, 'aws_s3_bucket_object_lock_configuration')).toEqual([]);
    expect(sids(policyOf(json))).not.toContain('DenyGovernanceBypass');
    expect(sids(policyOf(json))).not.toContain('DenyComplianceRetention');
  });

  test('objectLockEnabled alone turns it on, without a default retention, after versioning', () => {
    const { json } = synth({ objectLockEnabled: true });
    const config = onlyResource(json, 'aws_s3_bucket_object_lock_configuration');
    expect(config).toEqual({
      bucket: '${aws_s3_bucket.bucket_vault-bucket.id}',
      object_lock_enabled: 'Enabled',
      depends_on: ['aws_s3_bucket_versioning.bucket_vault-bucket'],
      lifecycle: { prevent_destroy: true },
    });
    // Never on the bucket: object_lock_enabled there forces a new bucket.
    expect(onlyResource(json, 'aws_s3_bucket')).not.toHaveProperty('object_lock_enabled');
  });

  test('the bucket and its Object Lock configuration are kept from destroy; a bucket without Object Lock is not', () => {
    expect(onlyResource(synth({ objectLockEnabled: true }).json, 'aws_s3_bucket').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(synth({}).json, 'aws_s3_bucket')).not.toHaveProperty('lifecycle');
  });

  test.each([
    ['governance', ObjectLockRetention.governance(30), 'GOVERNANCE', 30],
    ['compliance', ObjectLockRetention.compliance(7), 'COMPLIANCE', 7],
  ])('a %s default retention is the rule, and turns Object Lock on by itself', (_, retention, mode, days) => {
    const { json } = synth({ objectLockDefaultRetention: retention, dangerouslyAllowComplianceRetention: mode === 'COMPLIANCE' ? true : undefined });
    expect(onlyResource(json, 'aws_s3_bucket_object_lock_configuration').rule).toEqual({ default_retention: { mode, days } });
  });

  test('ObjectLockRetention says its mode and days', () => {
    expect(ObjectLockRetention.governance(30)).toMatchObject({ mode: ObjectLockMode.GOVERNANCE, days: 30 });
    expect(ObjectLockRetention.compliance(365)).toMatchObject({ mode: ObjectLockMode.COMPLIANCE, days: 365 });
  });
});

describe('the bucket policy of a bucket with Object Lock', () => {
  const objects = '${aws_s3_bucket.bucket_vault-bucket.arn}/*';

  test('denies the governance bypass to everyone, and COMPLIANCE retention to uploads and retention changes', () => {
    const statements = policyOf(synth({ objectLockDefaultRetention: ObjectLockRetention.governance(30) }).json);
    expect(statement(statements, 'DenyGovernanceBypass')).toEqual({
      Sid: 'DenyGovernanceBypass', Effect: 'Deny', Principal: '*', Action: ['s3:BypassGovernanceRetention'], Resource: [objects],
    });
    expect(statement(statements, 'DenyComplianceRetention')).toEqual({
      Sid: 'DenyComplianceRetention',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:PutObject', 's3:PutObjectRetention'],
      Resource: [objects],
      Condition: { StringEquals: { 's3:object-lock-mode': ['COMPLIANCE'] } },
    });
  });

  test('lets only the named principals bypass governance', () => {
    const statements = policyOf(synth({ objectLockEnabled: true, governanceBypassPrincipalArns: [ADMIN] }).json);
    expect(statement(statements, 'DenyGovernanceBypass').Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': [ADMIN] } });
  });

  test('with dangerouslyAllowComplianceRetention, COMPLIANCE is not denied, and synth warns what it means', () => {
    const { json, stack } = synth({ objectLockDefaultRetention: ObjectLockRetention.compliance(365), dangerouslyAllowComplianceRetention: true });
    expect(sids(policyOf(json))).not.toContain('DenyComplianceRetention');
    expect(sids(policyOf(json))).toContain('DenyGovernanceBypass');
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('a default retention of COMPLIANCE for 365 days');
    expect(found[0]).toContain('the account root included');
    expect(found[0]).toContain('cdktf destroy fails');
    expect(found[0]).toContain('billed');
  });

  test('a GOVERNANCE bucket synthesizes without warnings', () => {
    expect(warnings(synth({ objectLockDefaultRetention: ObjectLockRetention.governance(30) }).stack)).toEqual([]);
  });
});

describe('adopting a bucket with Object Lock', () => {
  const importIds = (json: any) => (json.import ?? []).filter((b: any) => b.to.startsWith('aws_s3_bucket_object_lock_configuration.')).map((b: any) => b.id);

  test('imports its Object Lock configuration by the bucket name', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Vault', { adopt: { bucketName: 'vault-bucket' }, objectLockDefaultRetention: ObjectLockRetention.governance(30) });
    expect(importIds(synthJson(stack))).toEqual(['vault-bucket']);
  });

  test('creates it when the bucket has none (objectLockConfigurationExists false), and imports nothing without Object Lock', () => {
    const created = testStack();
    new EncryptedBucket(created, 'Vault', { adopt: { bucketName: 'vault-bucket', objectLockConfigurationExists: false }, objectLockEnabled: true });
    const json = synthJson(created);
    expect(importIds(json)).toEqual([]);
    expect(resourcesOf(json, 'aws_s3_bucket_object_lock_configuration')).toHaveLength(1);
    const none = testStack();
    new EncryptedBucket(none, 'Vault', { adopt: { bucketName: 'vault-bucket' } });
    expect(importIds(synthJson(none))).toEqual([]);
  });
});

describe('errors at synth', () => {
  const cases: Array<{ label: string; props: EncryptedBucketProps; option: string; message: RegExp }> = [
    { label: 'Object Lock without versioning', props: { objectLockEnabled: true, versioned: false }, option: 'versioned', message: /must be true with Object Lock: S3 locks object versions.* \(got false\)/ },
    {
      label: 'a COMPLIANCE retention without the opt-in',
      props: { objectLockDefaultRetention: ObjectLockRetention.compliance(30) },
      option: 'objectLockDefaultRetention',
      message: /in COMPLIANCE mode needs dangerouslyAllowComplianceRetention: true\. No one, the account root included.* \(got "COMPLIANCE for 30 days"\)/,
    },
    {
      label: 'the opt-in with a GOVERNANCE retention',
      props: { objectLockDefaultRetention: ObjectLockRetention.governance(30), dangerouslyAllowComplianceRetention: true },
      option: 'dangerouslyAllowComplianceRetention',
      message: /must be set only with a COMPLIANCE default retention \(got "GOVERNANCE for 30 days"\)/,
    },
    { label: 'the opt-in without Object Lock', props: { dangerouslyAllowComplianceRetention: true }, option: 'dangerouslyAllowComplianceRetention', message: /cannot be set without Object Lock/ },
    {
      label: 'a retention with objectLockEnabled false',
      props: { objectLockEnabled: false, objectLockDefaultRetention: ObjectLockRetention.governance(1) },
      option: 'objectLockDefaultRetention',
      message: /cannot be set when objectLockEnabled is false \(got "GOVERNANCE for 1 days"\)/,
    },
    { label: '0 days', props: { objectLockDefaultRetention: ObjectLockRetention.governance(0) }, option: 'objectLockDefaultRetention.days', message: /integer between 1 and 36500 \(got 0\)/ },
    { label: 'a fraction of a day', props: { objectLockDefaultRetention: ObjectLockRetention.governance(1.5) }, option: 'objectLockDefaultRetention.days', message: /\(got 1.5\)/ },
    { label: 'more than 100 years', props: { objectLockDefaultRetention: ObjectLockRetention.governance(36501) }, option: 'objectLockDefaultRetention.days', message: /\(got 36501\)/ },
    { label: 'forceDestroy with Object Lock', props: { objectLockEnabled: true, forceDestroy: true }, option: 'forceDestroy', message: /cannot be true with Object Lock: locked versions cannot be deleted/ },
    { label: 'bypass principals without Object Lock', props: { governanceBypassPrincipalArns: [ADMIN] }, option: 'governanceBypassPrincipalArns', message: /cannot be set without Object Lock/ },
    { label: 'a bypass principal that is no ARN', props: { objectLockEnabled: true, governanceBypassPrincipalArns: ['backup-admin'] }, option: 'governanceBypassPrincipalArns', message: /must be IAM principal ARNs.* \(got "backup-admin"\)/ },
    {
      label: 'adopt.objectLockConfigurationExists without Object Lock',
      props: { bucketName: undefined, adopt: { bucketName: 'vault-bucket', objectLockConfigurationExists: true } },
      option: 'adopt.objectLockConfigurationExists',
      message: /needs Object Lock \(objectLockEnabled or objectLockDefaultRetention\)/,
    },
  ];
  test.each(cases)('$label', ({ props, option, message }) => {
    const error = errorOf(() => synth(props));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`EncryptedBucket "test/Vault": ${option} `);
    expect(error.message).toMatch(message);
  });

  test('a bucket with Object Lock cannot receive server access logs', () => {
    const stack = testStack();
    const target = new EncryptedBucket(stack, 'Logs', { objectLockEnabled: true, encryption: 'AES256' as any });
    const error = errorOf(() => new EncryptedBucket(stack, 'Data', { serverAccessLogs: { targetBucket: target } }));
    expect(error.option).toBe('serverAccessLogs.targetBucket');
    expect(error.message).toMatch(/its objectLockEnabled must be false for a bucket that receives server access logs: S3 does not deliver logs into buckets with Object Lock/);
  });

  test('allowServerAccessLogsFrom on a bucket with Object Lock names the option', () => {
    const stack = testStack();
    new AwsProvider(stack, 'unused', { alias: 'unused', region: 'us-west-2' });
    const target = new EncryptedBucket(stack, 'Logs', { objectLockEnabled: true, encryption: 'AES256' as any });
    const error = errorOf(() => target.allowServerAccessLogsFrom('arn:aws:s3:::source', 'logs/'));
    expect(error.option).toBe('objectLockEnabled');
  });
});

describe('replication from a bucket with Object Lock', () => {
  function replicating(destinationLocked: boolean): { json: any } {
    const stack = testStack();
    const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
    const replica = new EncryptedBucket(stack, 'Replica', { provider: west, objectLockEnabled: destinationLocked });
    new EncryptedBucket(stack, 'Vault', { objectLockEnabled: true, replicationRules: [{ destination: replica }] });
    return { json: synthJson(stack) };
  }

  test('the role also reads each version\'s retention and legal hold, which replicas keep', () => {
    const role = parsePolicy(onlyResource(replicating(true).json, 'aws_iam_role_policy').policy).Statement;
    expect(statement(role, 'ReadSourceVersions').Action).toEqual([
      's3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging', 's3:GetObjectRetention', 's3:GetObjectLegalHold',
    ]);
  });

  test('without Object Lock on the source the role reads no retention', () => {
    const stack = testStack();
    const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
    new EncryptedBucket(stack, 'Vault', { replicationRules: [{ destination: new EncryptedBucket(stack, 'Replica', { provider: west }) }] });
    const role = parsePolicy(onlyResource(synthJson(stack), 'aws_iam_role_policy').policy).Statement;
    expect(statement(role, 'ReadSourceVersions').Action).not.toContain('s3:GetObjectRetention');
  });

  test('a destination without Object Lock is an error', () => {
    const error = errorOf(() => replicating(false));
    expect(error.option).toBe('replicationRules[0].destination');
    expect(error.message).toMatch(/must have Object Lock \(objectLockEnabled\), as this bucket has: S3 replicates locked versions only into buckets with Object Lock \(got "test\/Replica"\)/);
  });
});
