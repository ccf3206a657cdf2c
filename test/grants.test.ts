/**
 * Grants that fit real roles: idempotent, for roles the stack reads as well as those it
 * creates, and (on a key) narrowed to encrypt, decrypt or named actions that never
 * include managing the key. Grants to a principal (an account or a role, in another
 * account too): what they add to which policy, and the principals they refuse. What
 * those statements allow and deny is proved in test/policy/cross-account.terraform.test.ts.
 */
import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TerraformStack } from 'cdktf';
import { BucketEncryption, EncryptedBucket, ManagedCmk } from '../src';
import { parsePolicy, Statement } from './support/policy';
import { errorOf, resourcesOf, synthJson, testStack } from './support/synth';
import { KEY_POLICY_SIDS } from '../src/private/key-policy';
import { BUCKET_WRITE_ACTIONS as BUCKET_WRITE } from '../src/private/perms';

function roleIn(stack: TerraformStack, id = 'Role'): IamRole {
  return new IamRole(stack, id, {
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
}

/** Each inline role policy of the stack: the role it is on and its one statement's actions. */
function grantsOf(stack: TerraformStack): Array<{ role: string; actions: string[][] }> {
  return resourcesOf(synthJson(stack), 'aws_iam_role_policy').map((p) => ({
    role: p.role,
    actions: parsePolicy(p.policy).Statement.map((s) => [s.Action].flat() as string[]),
  }));
}

describe('granting twice', () => {
  test('the same bucket grant to the same role returns the policy it already has', () => {
    const stack = testStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    const role = roleIn(stack);
    const first = bucket.grantRead(role);
    expect(bucket.grantRead(role)).toBe(first);
    expect(grantsOf(stack)).toHaveLength(1);
  });

  test('the same key grant to the same role returns the policy it already has; other grants add their own', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'k' });
    const role = roleIn(stack);
    expect(key.grantDecrypt(role)).toBe(key.grantDecrypt(role));
    expect(key.grant(role, 'kms:Decrypt', 'kms:Encrypt')).toBe(key.grant(role, 'kms:Encrypt', 'kms:Decrypt'));
    key.grant(role, 'kms:GenerateDataKey');
    expect(grantsOf(stack)).toHaveLength(3);
  });
});

test('a role the stack reads (DataAwsIamRole) can be granted to, by name', () => {
  const stack = testStack();
  const role = new DataAwsIamRole(stack, 'Existing', { name: 'etl-runner' });
  new EncryptedBucket(stack, 'Data').grantReadWrite(role);
  new ManagedCmk(stack, 'Key', { alias: 'k' }).grantEncrypt(role);
  expect(grantsOf(stack).map((g) => g.role)).toEqual(['${data.aws_iam_role.Existing.name}', '${data.aws_iam_role.Existing.name}']);
});

describe('ManagedCmk grants', () => {
  test.each<[string, (key: ManagedCmk, role: IamRole) => unknown, string[]]>([
    ['grantEncrypt', (key, role) => key.grantEncrypt(role), ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']],
    ['grantDecrypt', (key, role) => key.grantDecrypt(role), ['kms:Decrypt', 'kms:DescribeKey']],
    ['grant', (key, role) => key.grant(role, 'kms:GenerateMac', 'kms:VerifyMac'), ['kms:GenerateMac', 'kms:VerifyMac']],
  ])('%s allows exactly its actions on the key', (_name, grant, actions) => {
    const stack = testStack();
    grant(new ManagedCmk(stack, 'Key', { alias: 'k' }), roleIn(stack));
    expect(grantsOf(stack).map((g) => g.actions)).toEqual([[actions]]);
  });

  test.each([
    ['kms:PutKeyPolicy', 'kms:PutKeyPolicy'],
    ['kms:*', 'kms:*'],
    ['kms:Create*', 'kms:Create*'],
    ['kms:schedulekeydeletion', 'kms:schedulekeydeletion'],
    ['kms:?isableKey', 'kms:?isableKey'],
  ])('grant refuses %s, which would let the grantee manage the key', (action, value) => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'k' });
    const error = errorOf(() => key.grant(roleIn(stack), 'kms:Decrypt', action));
    expect(error.message).toBe(`ManagedCmk "test/Key": actions must not include actions that manage the key (policy, grants, aliases, rotation, state, deletion); name administrators in keyAdministratorArns (got "${value}")`);
  });

  test.each([
    ['no actions', [], /actions must name at least one KMS action/],
    ['an S3 action', ['s3:GetObject'], /actions must be KMS actions such as kms:Decrypt \(the grant is on this key\) \(got "s3:GetObject"\)/],
  ])('grant refuses %s', (_label, actions, message) => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'k' });
    expect(errorOf(() => key.grant(roleIn(stack), ...actions)).message).toMatch(message);
  });

  test.each(['grantEncrypt', 'grantDecrypt', 'grant'] as const)('%s needs IAM policies enabled on the key', (method) => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'k', enableIamPolicies: false, keyAdministratorArns: ['arn:aws:iam::111122223333:role/admin'] });
    const error = errorOf(() => (method === 'grant' ? key.grant(roleIn(stack), 'kms:Decrypt') : key[method](roleIn(stack))));
    expect(error.message).toMatch(new RegExp(`enableIamPolicies must be true for ${method}, which works through an IAM policy`));
  });
});

describe('EncryptedBucket grants to a principal (an account or a role, possibly in another account)', () => {
  const ROLE = 'arn:aws:iam::444455556666:role/reader';
  const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  const OWN_KEY_SIDS = Object.values(KEY_POLICY_SIDS);

  /** The bucket policy's and the key policy's Allow statements naming a principal (the grants). */
  function principalStatements(stack: TerraformStack): { bucket: Statement[]; key: Statement[]; bucketArns: string[] } {
    const json = synthJson(stack);
    const bucketArns = Object.keys(json.resource.aws_s3_bucket).map((name) => `\${aws_s3_bucket.${name}.arn}`);
    const named = (policy: string) => parsePolicy(policy).Statement.filter((s) => s.Effect === 'Allow' && s.Principal?.AWS !== undefined);
    return {
      bucket: resourcesOf(json, 'aws_s3_bucket_policy').flatMap((p) => named(p.policy)),
      key: resourcesOf(json, 'aws_kms_key').flatMap((k) => named(k.policy).filter((s) => !OWN_KEY_SIDS.includes(s.Sid!))),
      bucketArns,
    };
  }

  test.each([
    ['grantReadToPrincipal', ['s3:GetObject*', 's3:GetBucket*', 's3:List*'], ['kms:Decrypt']],
    ['grantWriteToPrincipal', BUCKET_WRITE, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*']],
    ['grantReadWriteToPrincipal', ['s3:GetObject*', 's3:GetBucket*', 's3:List*', ...BUCKET_WRITE], ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*']],
  ] as const)('%s names the principal in the bucket policy and, through S3 for this bucket only, in the key policy', (method, s3, kms) => {
    const stack = testStack();
    const bucket = new EncryptedBucket(stack, 'Data', { bucketName: 'data' });
    bucket[method](ROLE);
    const { bucket: [onBucket, ...moreOnBucket], key: [onKey, ...moreOnKey], bucketArns: [bucketArn] } = principalStatements(stack);
    const nameArn = 'arn:${data.aws_partition.EncryptedS3Partition.partition}:s3:::data';
    expect(moreOnBucket).toEqual([]);
    expect(moreOnKey).toEqual([]);
    expect(onBucket).toEqual({ Sid: expect.stringMatching(/^Grant\w+To[0-9a-f]{12}$/), Effect: 'Allow', Principal: { AWS: [ROLE] }, Action: s3, Resource: [bucketArn, `${bucketArn}/*`] });
    expect(onKey).toEqual({
      Sid: expect.stringMatching(/^S3\w+[0-9a-f]{12}$/),
      Effect: 'Allow',
      Principal: { AWS: [ROLE] },
      Action: kms,
      Resource: ['*'],
      Condition: {
        StringEquals: { 'kms:ViaService': ['s3.${data.aws_region.EncryptedS3Region.id}.${data.aws_partition.EncryptedS3Partition.dns_suffix}'] },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [nameArn, `${nameArn}/*`] },
      },
    });
  });

  test('granting the same again adds nothing; another grant or principal adds its own statements', () => {
    const stack = testStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    bucket.grantReadToPrincipal(ROLE);
    bucket.grantReadToPrincipal(ROLE);
    expect(principalStatements(stack)).toMatchObject({ bucket: { length: 1 }, key: { length: 1 } });
    bucket.grantWriteToPrincipal(ROLE);
    bucket.grantReadToPrincipal('444455556666');
    bucket.grantReadToPrincipal('444455556666');
    expect(principalStatements(stack)).toMatchObject({ bucket: { length: 3 }, key: { length: 3 } });
  });

  test('an account id becomes the account root ARN in the stack\'s partition', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data').grantReadToPrincipal('444455556666');
    const root = 'arn:${data.aws_partition.EncryptedS3Partition.partition}:iam::444455556666:root';
    const { bucket, key } = principalStatements(stack);
    expect([...bucket, ...key].map((s) => s.Principal)).toEqual([{ AWS: [root] }, { AWS: [root] }]);
  });

  test('a principal known only at apply (a token) is taken as given', () => {
    const stack = testStack();
    const role = roleIn(stack);
    new EncryptedBucket(stack, 'Data').grantReadWriteToPrincipal(role.arn);
    const { bucket, key } = principalStatements(stack);
    expect([...bucket, ...key].map((s) => s.Principal)).toEqual([{ AWS: ['${aws_iam_role.Role.arn}'] }, { AWS: ['${aws_iam_role.Role.arn}'] }]);
  });

  test('one key shared by two buckets gets a statement for each bucket, limited to that bucket\'s name or prefix', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'shared' });
    new EncryptedBucket(stack, 'A', { encryptionKey: key, bucketName: 'a-data' }).grantReadToPrincipal(ROLE);
    new EncryptedBucket(stack, 'B', { encryptionKey: key, bucketPrefix: 'b-data-' }).grantReadToPrincipal(ROLE);
    const s3 = 'arn:${data.aws_partition.EncryptedS3Partition.partition}:s3:::';
    expect(principalStatements(stack).key.map((s) => s.Condition!.StringLike)).toEqual([
      { 'kms:EncryptionContext:aws:s3:arn': [`${s3}a-data`, `${s3}a-data/*`] },
      { 'kms:EncryptionContext:aws:s3:arn': [`${s3}b-data-*`] },
    ]);
  });

  test('a bucket whose name Terraform picks is limited to S3 only: the key policy cannot read the name (the bucket depends on the key)', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data').grantReadToPrincipal(ROLE);
    const [statement] = principalStatements(stack).key;
    expect(statement.Condition).toEqual({ StringEquals: { 'kms:ViaService': [expect.stringMatching(/^s3\./)] } });
  });

  test('a key that ignores IAM policies still takes the grant: the key policy names the principal', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'k', enableIamPolicies: false, keyAdministratorArns: ['arn:aws:iam::111122223333:role/admin'] });
    new EncryptedBucket(stack, 'Data', { encryptionKey: key }).grantReadToPrincipal(ROLE);
    expect(principalStatements(stack).key).toHaveLength(1);
  });

  test('an S3_MANAGED bucket gets the bucket statement only', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data', { encryption: BucketEncryption.S3_MANAGED }).grantReadToPrincipal(ROLE);
    expect(principalStatements(stack)).toMatchObject({ bucket: { length: 1 }, key: [] });
  });

  test('an imported key cannot be changed: the bucket statement only, and one warning saying what the key owner must allow', () => {
    const stack = testStack();
    const bucket = new EncryptedBucket(stack, 'Data', { encryptionKey: ManagedCmk.fromKeyArn(stack, 'Imported', KEY_ARN) });
    bucket.grantReadToPrincipal(ROLE);
    bucket.grantReadToPrincipal(ROLE);
    expect(principalStatements(stack)).toMatchObject({ bucket: { length: 1 }, key: [] });
    expect(bucket.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data)).toEqual([
      `grantReadToPrincipal(${ROLE}): the bucket's key ${KEY_ARN} was imported, so its key policy is not managed here. ` +
      'Until the key\'s owner allows this principal kms:Decrypt on it, limited to kms:ViaService s3.<region>.amazonaws.com, ' +
      'requests that need the key are denied (README, "Cross-account access").',
    ]);
  });

  const FORMS = 'an account id (123456789012), an account root ARN (arn:aws:iam::123456789012:root) or a role ARN (arn:aws:iam::123456789012:role/Name)';
  test.each([
    ['everyone', '*'],
    ['a wildcard role', 'arn:aws:iam::444455556666:role/*'],
    ['a wildcard account', 'arn:aws:iam::*:root'],
    ['a one-character wildcard', 'arn:aws:iam::44445555666?:root'],
  ])('refuses %s: "*" is everyone, and IAM takes no other wildcard in a principal', (_label, value) => {
    const stack = testStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    const error = errorOf(() => bucket.grantReadToPrincipal(value));
    expect(error.message).toBe(`EncryptedBucket "test/Data": principalArn of grantReadToPrincipal must not be "*" or hold a wildcard: "*" is everyone and would make the bucket public, and IAM takes no other wildcard in a principal; name ${FORMS} (got "${value}")`);
    expect(error.option).toBe('principalArn');
  });

  test.each([
    ['an IAM user', 'arn:aws:iam::444455556666:user/alice'],
    ['a role session', 'arn:aws:sts::444455556666:assumed-role/reader/session'],
    ['a group', 'arn:aws:iam::444455556666:group/readers'],
    ['a service', 's3.amazonaws.com'],
    ['an 11-digit account', '44445555666'],
    ['a role ARN without an account', 'arn:aws:iam:::role/reader'],
    ['a role name alone', 'reader'],
    ['an empty string', ''],
  ])('refuses %s, naming the forms it takes', (_label, value) => {
    const stack = testStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    for (const grant of [() => bucket.grantWriteToPrincipal(value), () => bucket.grantReadWriteToPrincipal(value)]) {
      const error = errorOf(grant);
      expect(error.message).toMatch('EncryptedBucket "test/Data": principalArn of grant');
      expect(error.message).toContain(`must be ${FORMS}; IAM users, role sessions, groups and services are refused: grant a role, or write the statement with addToResourcePolicy (got "${value}")`);
    }
  });
});
