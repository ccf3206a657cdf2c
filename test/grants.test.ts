/**
 * Grants that fit real roles: idempotent, for roles the stack reads as well as those it
 * creates, and (on a key) narrowed to encrypt, decrypt or named actions that never
 * include managing the key.
 */
import { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TerraformStack } from 'cdktf';
import { EncryptedBucket, ManagedCmk } from '../src';
import { parsePolicy } from './support/policy';
import { errorOf, resourcesOf, synthJson, testStack } from './support/synth';

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
