/**
 * Grants to any IAM identity (roles, users and groups, created or read), scoped to a key
 * pattern, and put and delete apart: which policy resource each grantee gets, what the
 * statements say, that the same grant again adds nothing, and the errors. What these
 * policies allow and deny, as Terraform renders them, is proved in
 * test/policy/scoped-grants.terraform.test.ts.
 */
import { DataAwsIamGroup } from '@cdktf/provider-aws/lib/data-aws-iam-group';
import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { DataAwsIamUser } from '@cdktf/provider-aws/lib/data-aws-iam-user';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { EncryptedBucket, ManagedCmk } from '../src';
import { parsePolicy, Statement, grants } from './support/policy';
import { errorOf, resourcesOf, synthJson, testStack } from './support/synth';
import { grantSid } from '../src/private/grants';
import { BUCKET_DELETE_ACTIONS, BUCKET_PUT_ACTIONS, BUCKET_WRITE_ACTIONS, KEY_USER_ACTIONS } from '../src/private/perms';

type Grantee = IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup;

/** Each kind of grantee: how to make it, the policy type it gets and that policy's reference to it. */
const KINDS: Array<[string, (stack: TerraformStack) => Grantee, string, string, string]> = [
  ['IamRole', (s) => new IamRole(s, 'G', { name: 'app', assumeRolePolicy: '{}' }), 'aws_iam_role_policy', 'role', '${aws_iam_role.G.name}'],
  ['DataAwsIamRole', (s) => new DataAwsIamRole(s, 'G', { name: 'app' }), 'aws_iam_role_policy', 'role', '${data.aws_iam_role.G.name}'],
  ['IamUser', (s) => new IamUser(s, 'G', { name: 'ci' }), 'aws_iam_user_policy', 'user', '${aws_iam_user.G.name}'],
  ['DataAwsIamUser', (s) => new DataAwsIamUser(s, 'G', { userName: 'ci' }), 'aws_iam_user_policy', 'user', '${data.aws_iam_user.G.user_name}'],
  ['IamGroup', (s) => new IamGroup(s, 'G', { name: 'analysts' }), 'aws_iam_group_policy', 'group', '${aws_iam_group.G.name}'],
  ['DataAwsIamGroup', (s) => new DataAwsIamGroup(s, 'G', { groupName: 'analysts' }), 'aws_iam_group_policy', 'group', '${data.aws_iam_group.G.group_name}'],
];

const POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/** The reference to the ARN of the stack's one resource of `type`. */
function arnOf(stack: TerraformStack, type: string): string {
  const [name, ...more] = Object.keys(synthJson(stack).resource[type]);
  expect(more).toEqual([]);
  return `\${${type}.${name}.arn}`;
}

/** Every identity policy of the stack, of any kind. */
function identityPolicies(stack: TerraformStack): Array<{ type: string; values: any; statements: Statement[] }> {
  const json = synthJson(stack);
  return POLICY_TYPES.flatMap((type) => resourcesOf(json, type)
    .map((values) => ({ type, values, statements: parsePolicy(values.policy).Statement })));
}

describe.each(KINDS)('a grantee that is an %s', (_kind, make, policyType, attribute, reference) => {
  test.each<[string, (bucket: EncryptedBucket, key: ManagedCmk, grantee: Grantee) => unknown]>([
    ['grantRead', (b, _k, g) => b.grantRead(g)],
    ['grantPut', (b, _k, g) => b.grantPut(g, 'incoming/*')],
    ['grantDelete', (b, _k, g) => b.grantDelete(g)],
    ['grantWrite', (b, _k, g) => b.grantWrite(g)],
    ['grantReadWrite', (b, _k, g) => b.grantReadWrite(g, 'shared/*')],
    ['grantEncryptDecrypt', (_b, k, g) => k.grantEncryptDecrypt(g)],
    ['grantEncrypt', (_b, k, g) => k.grantEncrypt(g)],
    ['grantDecrypt', (_b, k, g) => k.grantDecrypt(g)],
    ['grant', (_b, k, g) => k.grant(g, 'kms:GenerateMac')],
  ])(`%s writes an ${policyType} on it, and the same grant again returns that policy`, (_method, grant) => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'k' });
    const bucket = new EncryptedBucket(stack, 'Data', { encryptionKey: key });
    const grantee = make(stack);
    const first = grant(bucket, key, grantee);
    expect(grant(bucket, key, grantee)).toBe(first);
    const policies = identityPolicies(stack);
    expect(policies.map((p) => [p.type, p.values[attribute]])).toEqual([[policyType, reference]]);
    expect(policies[0].values.name_prefix).toMatch(/^[A-Za-z0-9]+-$/);
  });
});

test('an imported key grants to users and groups too', () => {
  const stack = testStack();
  const key = ManagedCmk.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
  key.grantEncryptDecrypt(new IamUser(stack, 'U', { name: 'ci' }));
  key.grantEncryptDecrypt(new IamGroup(stack, 'G', { name: 'ops' }));
  expect(identityPolicies(stack).map((p) => p.type)).toEqual(['aws_iam_user_policy', 'aws_iam_group_policy']);
});

test('something that is no IAM role, user or group is refused, naming what it is', () => {
  const stack = testStack();
  const bucket = new EncryptedBucket(stack, 'Data');
  const notIdentity = new S3Bucket(stack, 'Other', {}) as unknown as IamRole;
  expect(() => bucket.grantRead(notIdentity)).toThrow('test/Data: Read grants to an IAM role, user or group (aws_iam_role, aws_iam_user, aws_iam_group), not aws_s3_bucket');
});

describe('what each grant allows, unscoped', () => {
  let BUCKET: string;
  let KEY: string;
  function statementsOf(grant: (bucket: EncryptedBucket, role: IamRole) => unknown): Statement[] {
    const stack = testStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    grant(bucket, new IamRole(stack, 'R', { assumeRolePolicy: '{}' }));
    BUCKET = arnOf(stack, 'aws_s3_bucket');
    KEY = arnOf(stack, 'aws_kms_key');
    return identityPolicies(stack)[0].statements;
  }

  test('grantPut: uploads, tags, retention and aborting uploads, with the key-user actions; nothing that deletes', () => {
    const [s3, kms, ...more] = statementsOf((b, r) => b.grantPut(r));
    expect(more).toEqual([]);
    expect(s3.Action).toEqual(['s3:PutObject', 's3:PutObjectRetention', 's3:PutObjectTagging', 's3:PutObjectVersionTagging', 's3:AbortMultipartUpload']);
    expect(s3.Resource).toEqual([BUCKET, `${BUCKET}/*`]);
    for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteObjectTagging', 's3:PutObjectLegalHold', 's3:BypassGovernanceRetention', 's3:GetObject']) {
      expect(grants(s3.Action!, action)).toBe(false);
    }
    expect(kms).toEqual({ Effect: 'Allow', Action: KEY_USER_ACTIONS, Resource: [KEY] });
  });

  test('grantDelete: deletes of objects, versions and tags only, and no key statement (S3 deletes without KMS)', () => {
    const [s3, ...more] = statementsOf((b, r) => b.grantDelete(r));
    expect(more).toEqual([]);
    expect(s3.Action).toEqual(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging']);
    expect(grants(s3.Action!, 's3:PutObject')).toBe(false);
  });

  test('grantWrite is exactly grantPut and grantDelete together', () => {
    const [s3, kms] = statementsOf((b, r) => b.grantWrite(r));
    expect(s3.Action).toEqual([...BUCKET_PUT_ACTIONS, ...BUCKET_DELETE_ACTIONS]);
    expect(BUCKET_WRITE_ACTIONS).toEqual(s3.Action);
    expect(kms.Action).toEqual(KEY_USER_ACTIONS);
  });

  test('grantDelete needs no IAM policies on the key: it uses none', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'k', enableIamPolicies: false, keyAdministratorArns: ['arn:aws:iam::111122223333:role/admin'] });
    const bucket = new EncryptedBucket(stack, 'Data', { encryptionKey: key });
    const role = new IamRole(stack, 'R', { assumeRolePolicy: '{}' });
    bucket.grantDelete(role);
    expect(() => bucket.grantPut(role)).toThrow(/encryptionKey must have enableIamPolicies true for grantPut/);
  });
});

describe('a grant scoped to a key pattern', () => {
  let BUCKET: string;

  function setUp() {
    const stack = testStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    const group = new IamGroup(stack, 'Analysts', { name: 'analysts' });
    BUCKET = arnOf(stack, 'aws_s3_bucket');
    return { stack, bucket, group };
  }

  test('read: objects under the pattern, listing only for prefixes that match it, the bucket\'s region, and the key', () => {
    const { stack, bucket, group } = setUp();
    bucket.grantRead(group, 'reports/*');
    expect(identityPolicies(stack)[0].statements).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject*'], Resource: [`${BUCKET}/reports/*`] },
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:ListBucketVersions'], Resource: [BUCKET], Condition: { StringLike: { 's3:prefix': ['reports/*'] } } },
      { Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: [BUCKET] },
      // The key part is the same as unscoped: KMS cannot be narrowed to a prefix (see the README, "Grants").
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: [arnOf(stack, 'aws_kms_key')] },
    ]);
  });

  test('put and delete: their object actions on the pattern only, no bucket-level statement', () => {
    const { stack, bucket, group } = setUp();
    bucket.grantPut(group, 'incoming/*');
    bucket.grantDelete(group, 'tmp/*.csv');
    const policies = identityPolicies(stack);
    const put = policies.find((p) => p.statements[0].Action!.includes('s3:PutObject'))!;
    const del = policies.find((p) => p.statements[0].Action!.includes('s3:DeleteObject'))!;
    expect(put.statements[0]).toEqual({ Effect: 'Allow', Action: BUCKET_PUT_ACTIONS, Resource: [`${BUCKET}/incoming/*`] });
    expect(put.statements).toHaveLength(2);
    expect(del.statements).toEqual([{ Effect: 'Allow', Action: BUCKET_DELETE_ACTIONS, Resource: [`${BUCKET}/tmp/*.csv`] }]);
  });

  test('another pattern is another grant, kept beside the first; the same pattern again returns its policy', () => {
    const { stack, bucket, group } = setUp();
    const reports = bucket.grantRead(group, 'reports/*');
    expect(bucket.grantRead(group, 'reports/*')).toBe(reports);
    expect(bucket.grantRead(group, 'exports/*')).not.toBe(reports);
    expect(bucket.grantRead(group)).not.toBe(reports);
    const resources = identityPolicies(stack).map((p) => p.statements[0].Resource);
    expect(resources).toHaveLength(3);
    expect(resources).toEqual(expect.arrayContaining([[`${BUCKET}/reports/*`], [`${BUCKET}/exports/*`], [BUCKET, `${BUCKET}/*`]]));
  });

  test('a policy variable in the pattern reaches IAM as one, in any of its spellings', () => {
    const { stack, bucket } = setUp();
    bucket.grantRead(new IamGroup(stack, 'Staff', { name: 'staff' }), 'home/&{aws:username}/*');
    const json = synthJson(stack);
    const [policy] = resourcesOf(json, 'aws_iam_group_policy');
    expect(policy.policy).toContain(`"Resource":["${BUCKET}/home/$\${aws:username}/*"]`);
    // Escaped once for Terraform, which renders `${aws:username}`.
    expect(policy.policy).toContain('"StringLike":{"s3:prefix":["home/$${aws:username}/*"]}');
  });

  test('a pattern known only at apply is taken as given', () => {
    const { stack, bucket, group } = setUp();
    const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' });
    bucket.grantRead(group, `${prefix.stringValue}/*`);
    expect(identityPolicies(stack)[0].statements[0].Resource).toEqual([`${BUCKET}/\${var.prefix}/*`]);
  });

  describe('to a principal', () => {
    const ROLE = 'arn:aws:iam::444455556666:role/reader';

    function bucketStatements(stack: TerraformStack): Statement[] {
      const [policy] = resourcesOf(synthJson(stack), 'aws_s3_bucket_policy');
      return parsePolicy(policy.policy).Statement.filter((s) => s.Effect === 'Allow');
    }

    test('names the principal in each statement, with Sids of its own; the key-policy statement still covers the bucket', () => {
      const stack = testStack();
      const bucket = new EncryptedBucket(stack, 'Data', { bucketName: 'data' });
      bucket.grantReadToPrincipal(ROLE, 'exports/*');
      bucket.grantReadToPrincipal(ROLE, 'exports/*');
      const sid = grantSid('GrantReadTo', ROLE, 'exports/*');
      const principal = { AWS: [ROLE] };
      const bucketArn = '${aws_s3_bucket.bucket_data.arn}';
      expect(bucketStatements(stack)).toEqual([
        { Sid: sid, Effect: 'Allow', Principal: principal, Action: ['s3:GetObject*'], Resource: [`${bucketArn}/exports/*`] },
        {
          Sid: `${sid}List`,
          Effect: 'Allow',
          Principal: principal,
          Action: ['s3:ListBucket', 's3:ListBucketVersions'],
          Resource: [bucketArn],
          Condition: { StringLike: { 's3:prefix': ['exports/*'] } },
        },
        { Sid: `${sid}Location`, Effect: 'Allow', Principal: principal, Action: ['s3:GetBucketLocation'], Resource: [bucketArn] },
      ]);
      const [key] = resourcesOf(synthJson(stack), 'aws_kms_key');
      const onKey = parsePolicy(key.policy).Statement.filter((s) => s.Principal?.AWS?.includes(ROLE));
      const s3Arn = 'arn:${data.aws_partition.EncryptedS3Partition.partition}:s3:::data';
      expect(onKey.map((s) => s.Condition!.StringLike)).toEqual([{ 'kms:EncryptionContext:aws:s3:arn': [s3Arn, `${s3Arn}/*`] }]);
    });

    test('unscoped, a grant keeps the Sid it had before patterns; scoped and unscoped grants are kept apart', () => {
      const { stack, bucket } = setUp();
      bucket.grantReadToPrincipal(ROLE);
      bucket.grantReadToPrincipal(ROLE, 'exports/*');
      bucket.grantPutToPrincipal(ROLE, 'inbox/*');
      bucket.grantDeleteToPrincipal(ROLE, 'inbox/*');
      const statements = bucketStatements(stack);
      expect(statements[0].Sid).toBe(grantSid('GrantReadTo', ROLE));
      expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
        [['s3:GetObject*', 's3:GetBucket*', 's3:List*'], [`${BUCKET}`, `${BUCKET}/*`]],
        [['s3:GetObject*'], [`${BUCKET}/exports/*`]],
        [['s3:ListBucket', 's3:ListBucketVersions'], [`${BUCKET}`]],
        [['s3:GetBucketLocation'], [`${BUCKET}`]],
        [BUCKET_PUT_ACTIONS, [`${BUCKET}/inbox/*`]],
        [BUCKET_DELETE_ACTIONS, [`${BUCKET}/inbox/*`]],
      ]);
    });

    test('grantDeleteToPrincipal adds nothing to the key policy, and no warning for an imported key: deleting needs no key', () => {
      const stack = testStack();
      const owned = new EncryptedBucket(stack, 'Owned');
      owned.grantDeleteToPrincipal(ROLE);
      const [key] = resourcesOf(synthJson(stack), 'aws_kms_key');
      expect(parsePolicy(key.policy).Statement.filter((s) => s.Principal?.AWS?.includes(ROLE))).toEqual([]);
      const imported = ManagedCmk.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      const bucket = new EncryptedBucket(stack, 'Data', { encryptionKey: imported });
      bucket.grantDeleteToPrincipal(ROLE);
      expect(bucket.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
    });
  });

  const FORM = 'a pattern of object keys relative to the bucket, such as reports/* or reports/2024/*.csv (IAM wildcards * and ?)';
  test.each<[string, string, string]>([
    ['empty', '', 'not empty (leave it out to grant every object)'],
    ['with a leading "/"', '/reports/*', 'without a leading "/" (keys do not start with one, so it would match nothing)'],
    ['longer than any S3 key', `${'a'.repeat(1024)}*`, 'at most 1024 characters (the longest S3 key)'],
    ['with a quote', 'reports/"x"/*', 'without \'"\', \'\\\' or \'%{\' (Terraform would change their meaning)'],
    ['with a template directive', 'reports/%{if}/*', 'without \'"\', \'\\\' or \'%{\' (Terraform would change their meaning)'],
  ])('a pattern %s is refused, naming the method, the value and the form', (_label, pattern, problem) => {
    const { stack, bucket, group } = setUp();
    for (const [method, grant] of [
      ['grantRead', () => bucket.grantRead(group, pattern)],
      ['grantDelete', () => bucket.grantDelete(group, pattern)],
      ['grantPutToPrincipal', () => bucket.grantPutToPrincipal('444455556666', pattern)],
    ] as const) {
      const error = errorOf(grant);
      expect(error.message).toBe(`EncryptedBucket "test/Data": objectsKeyPattern of ${method} must be ${FORM}, ${problem} (got "${pattern}")`);
      expect(error.option).toBe('objectsKeyPattern');
    }
    expect(identityPolicies(stack)).toEqual([]);
  });
});
