import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { TerraformVariable } from 'cdktf';
import { ACCOUNT_ROOT, compliantKey, findingsOf, newStack, verdict } from '../helpers';

/** KMS-KEY-POLICY, on stacks written by hand with raw provider classes. */
describe('KMS-KEY-POLICY', () => {
  const policy = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const root = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'kms:*', Resource: '*' };

  test('flags a key without a policy', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { policy: undefined });
    expect(findingsOf(stack).map((f) => f.message)).toEqual([expect.stringMatching(/^no key policy, so KMS attaches its default policy\./)]);
  });

  test.each([
    ['"Principal": "*"', { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }],
    ['"AWS": "*"', { Sid: 'Open', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'kms:Decrypt', Resource: '*' }],
  ])('flags an Allow to %s without a condition', (_, statement) => {
    const stack = newStack();
    compliantKey(stack, 'key', { policy: policy(root, statement) });
    expect(findingsOf(stack).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      expect.stringMatching(/^KMS-KEY-POLICY: aws_kms_key.key allows the "\*" principal \(or everyone but a NotPrincipal list\) without a condition that limits the caller \(statement Open\)\./),
    ]);
  });

  test('flags an Allow with NotPrincipal and no condition: it reaches everyone not listed', () => {
    const stack = newStack();
    compliantKey(stack, 'key', {
      policy: policy(root, { Sid: 'AllButOne', Effect: 'Allow', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:user/bob'] }, Action: 'kms:Decrypt', Resource: '*' }),
    });
    expect(verdict(stack)).toEqual(['KMS-KEY-POLICY stack/key']);
  });

  test('allows "*" narrowed by a condition, and a Deny to "*"', () => {
    const stack = newStack();
    compliantKey(stack, 'key', {
      policy: policy(
        root,
        { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } },
        { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ),
    });
    expect(verdict(stack)).toEqual([]);
  });

  test('reads an aws_kms_key_policy for the key', () => {
    const stack = newStack();
    const key = compliantKey(stack, 'key', { policy: undefined });
    new KmsKeyPolicy(stack, 'policy', { keyId: key.id, policy: policy(root) });
    const open = compliantKey(stack, 'open', { policy: undefined });
    new KmsKeyPolicy(stack, 'openPolicy', { keyId: open.keyId, policy: policy({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }) });
    expect(verdict(stack)).toEqual(['KMS-KEY-POLICY stack/open']);
  });

  test('reports a policy it cannot read', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { policy: new TerraformVariable(stack, 'policy', { type: 'string' }).stringValue });
    expect(findingsOf(stack)[0].message).toMatch(/^cannot read the key policy of aws_kms_key.key; acknowledge KMS-KEY-POLICY if it is compliant\./);
  });
});

describe('KMS-KEY-POLICY: conditions that do not limit the caller', () => {
  const policy = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const root = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'kms:*', Resource: '*' };

  test.each([
    ['only TLS', { Bool: { 'aws:SecureTransport': 'true' } }],
    ['only kms:ViaService (any account, through S3)', { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } }],
    ['a wildcard principal ARN', { StringLike: { 'aws:PrincipalArn': '*' } }],
    ['ForAllValues: (true when the key is absent)', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['a principal ARN in any account', { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }],
    ['kms:CallerAccount "?*"', { StringLike: { 'kms:CallerAccount': '?*' } }],
    ['a policy variable as the account', { StringEquals: { 'kms:CallerAccount': '$${aws:PrincipalAccount}' } }],
  ])('flags an Allow to "*" with %s', (_name, Condition) => {
    const stack = newStack();
    compliantKey(stack, 'key', { policy: policy(root, { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition }) });
    expect(verdict(stack)).toEqual(['KMS-KEY-POLICY stack/key']);
  });

  test('flags "*" beside an account in one principal list, as the construct guard does', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { policy: policy(root, { Effect: 'Allow', Principal: { AWS: ['*', ACCOUNT_ROOT] }, Action: 'kms:Decrypt', Resource: '*' }) });
    expect(verdict(stack)).toEqual(['KMS-KEY-POLICY stack/key']);
  });

  test('accepts a principal ARN pattern whose account is fixed', () => {
    const stack = newStack();
    const Condition = { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' } };
    compliantKey(stack, 'key', { policy: policy(root, { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition }) });
    expect(verdict(stack)).toEqual([]);
  });
});
