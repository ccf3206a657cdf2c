import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformOutput, Token } from 'cdktf';
import {
  isPublicAllow,
  PolicyStatementJson,
  renderPolicy,
  toPolicyJson,
} from '../../src/private/policy-document';
import { parsePolicy, synthJson, testStack } from '../util';

class Failed extends Error {
  constructor(public readonly requirement: string, public readonly value: unknown) {
    super(requirement);
  }
}

const fail = (requirement: string, value?: unknown): never => {
  throw new Failed(requirement, value);
};

function failure(statement: DataAwsIamPolicyDocumentStatement): Failed {
  try {
    toPolicyJson(statement, fail);
  } catch (error) {
    expect(error).toBeInstanceOf(Failed);
    return error as Failed;
  }
  throw new Error('expected toPolicyJson to fail');
}

describe('toPolicyJson', () => {
  test('maps every field of the provider block shape to its IAM JSON name', () => {
    const json = toPolicyJson({
      sid: 'Everything',
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
      notPrincipals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
      actions: ['s3:GetObject'],
      notActions: ['s3:PutObject'],
      resources: ['arn:aws:s3:::b/*'],
      notResources: ['arn:aws:s3:::b'],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    }, fail);
    expect(json).toEqual({
      Sid: 'Everything',
      Effect: 'Deny',
      Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
      NotPrincipal: { Service: ['s3.amazonaws.com'] },
      Action: ['s3:GetObject'],
      NotAction: ['s3:PutObject'],
      Resource: ['arn:aws:s3:::b/*'],
      NotResource: ['arn:aws:s3:::b'],
      Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
    });
  });

  test('defaults the effect to Allow, as aws_iam_policy_document does, and leaves out unset fields', () => {
    const json = toPolicyJson({ actions: ['s3:GetObject'], resources: ['*'] }, fail);
    expect(json).toEqual({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] });
    expect(Object.keys(json).sort()).toEqual(['Action', 'Effect', 'Resource']);
  });

  test('merges principals of the same type', () => {
    const json = toPolicyJson({
      principals: [
        { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/a'] },
        { type: 'Service', identifiers: ['logging.s3.amazonaws.com'] },
        { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/b'] },
      ],
      actions: ['s3:GetObject'],
    }, fail);
    expect(json.Principal).toEqual({
      AWS: ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:role/b'],
      Service: ['logging.s3.amazonaws.com'],
    });
  });

  test('renders the everyone principal { type: "*", identifiers: ["*"] } as "*"', () => {
    const json = toPolicyJson({ effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:*'] }, fail);
    expect(json.Principal).toBe('*');
  });

  test('merges conditions by operator and key, keeping several operators in one statement', () => {
    const json = toPolicyJson({
      effect: 'Deny',
      actions: ['s3:PutObject'],
      condition: [
        { test: 'Null', variable: 'k1', values: ['false'] },
        { test: 'StringNotEquals', variable: 'k1', values: ['a'] },
        { test: 'StringNotEquals', variable: 'k1', values: ['b'] },
        { test: 'StringNotEquals', variable: 'k2', values: ['c'] },
      ],
    }, fail);
    expect(json.Condition).toEqual({
      Null: { k1: ['false'] },
      StringNotEquals: { k1: ['a', 'b'], k2: ['c'] },
    });
  });

  test.each(['Maybe', 'allow', 'DENY', ''])('rejects the effect %p, naming it', (effect) => {
    const error = failure({ effect, actions: ['s3:GetObject'] });
    expect(error.requirement).toMatch(/effect must be "Allow" or "Deny"/);
    expect(error.value).toBe(effect);
  });

  test.each([
    ['"*" principal', [{ type: '*', identifiers: ['*'] }]],
    ['AWS "*"', [{ type: 'AWS', identifiers: ['*'] }]],
    ['AWS "*" among others', [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root', '*'] }]],
  ])('rejects an unconditional Allow to %s', (_label, principals) => {
    const error = failure({ effect: 'Allow', principals, actions: ['s3:GetObject'], resources: ['*'] });
    expect(error.requirement).toMatch(/must not Allow the "\*" principal \(or use NotPrincipal\) unless a condition limits the caller/);
  });

  test('rejects an unconditional Allow with notPrincipals, which allows everyone but the listed principals', () => {
    const error = failure({
      effect: 'Allow',
      notPrincipals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
      actions: ['s3:GetObject'],
      resources: ['*'],
    });
    expect(error).toBeInstanceOf(Failed);
  });

  test('accepts "*" in a Deny, and in an Allow narrowed by a condition', () => {
    expect(() => toPolicyJson({ effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:*'] }, fail)).not.toThrow();
    expect(() => toPolicyJson({
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['s3:GetObject'],
      condition: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-123'] }],
    }, fail)).not.toThrow();
  });

  test('rejects principals and conditions given as a single token', () => {
    expect(failure({ principals: Token.asAny('x') as any, actions: ['s3:GetObject'] }).requirement)
      .toMatch(/principals must be a list of \{ type, identifiers \}, not a token/);
    expect(failure({ notPrincipals: Token.asAny('x') as any, actions: ['s3:GetObject'] }).requirement)
      .toMatch(/notPrincipals must be a list/);
    expect(failure({ condition: Token.asAny('x') as any, actions: ['s3:GetObject'] }).requirement)
      .toMatch(/condition must be a list of \{ test, variable, values \}, not a token/);
  });
});

describe('isPublicAllow', () => {
  const allow = (extra: Partial<PolicyStatementJson>): PolicyStatementJson => ({ Effect: 'Allow', Action: ['s3:GetObject'], ...extra });

  test.each([
    ['Principal "*"', allow({ Principal: '*' }), true],
    ['AWS ["*"]', allow({ Principal: { AWS: ['*'] } }), true],
    ['a named principal', allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root'] } }), false],
    ['a service principal', allow({ Principal: { Service: ['logging.s3.amazonaws.com'] } }), false],
    ['"*" limited to an organization', allow({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } } }), false],
    ['"*" limited to an account through KMS', allow({ Principal: '*', Condition: { StringEquals: { 'kms:CallerAccount': ['111122223333'] } } }), false],
    ['"*" with only a TLS condition', allow({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': ['true'] } } }), true],
    ['"*" with only kms:ViaService', allow({ Principal: '*', Condition: { StringEquals: { 'kms:ViaService': ['s3.us-east-1.amazonaws.com'] } } }), true],
    ['"*" with an empty condition', allow({ Principal: '*', Condition: {} }), true],
    ['"*" with a wildcard principal ARN', allow({ Principal: '*', Condition: { StringLike: { 'aws:PrincipalArn': ['*'] } } }), true],
    ['"*" with a negated caller test', allow({ Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['111122223333'] } } }), true],
    ['NotPrincipal without a condition', allow({ NotPrincipal: { AWS: ['arn:aws:iam::111122223333:user/bob'] } }), true],
    ['a Deny to "*"', { Effect: 'Deny', Principal: '*', Action: ['s3:*'] } as PolicyStatementJson, false],
    ['no principal (an identity policy)', allow({}), false],
  ])('%s -> %p', (_label, statement, expected) => {
    expect(isPublicAllow(statement)).toBe(expected);
  });
});

describe('renderPolicy', () => {
  test('renders a 2012-10-17 document with Terraform jsonencode, keeping references as references', () => {
    const stack = testStack();
    const bucket = new S3Bucket(stack, 'B', {});
    new TerraformOutput(stack, 'policy', {
      value: renderPolicy([
        { Sid: 'A', Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: [bucket.arn, `${bucket.arn}/*`] },
        { Sid: 'B', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] },
      ]),
    });
    const rendered = synthJson(stack).output.policy.value;
    expect(typeof rendered).toBe('string');
    expect(rendered).toMatch(/^\$\{jsonencode\(/);
    const policy = parsePolicy(rendered);
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toEqual([
      { Sid: 'A', Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: ['${aws_s3_bucket.B.arn}', '${aws_s3_bucket.B.arn}/*'] },
      { Sid: 'B', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] },
    ]);
  });
});

describe('values that cdktf writes into jsonencode(...) unescaped', () => {
  const withCondition = (value: string): DataAwsIamPolicyDocumentStatement => ({
    actions: ['s3:GetObject'],
    resources: ['*'],
    principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
    condition: [{ test: 'StringEquals', variable: 'aws:username', values: [value] }],
  });

  test.each(['a"b', 'C:\\temp', '%{if true}x%{endif}'])('rejects %s, which Terraform would read as syntax', (value) => {
    const failed = failure(withCondition(value));
    expect(failed.requirement).toMatch(/must not contain/);
    expect(failed.value).toBe(value);
  });

  test('accepts an escaped IAM policy variable ($${aws:username})', () => {
    expect(() => toPolicyJson(withCondition('home/$${aws:username}/*'), fail)).not.toThrow();
  });
});
