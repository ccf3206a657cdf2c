import { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformOutput, TerraformVariable, Token } from 'cdktf';
import { renderPolicy, toPolicyJson } from '../../src/private/policy-document';
import { parsePolicy } from '../support/policy';
import { synthJson, testStack } from '../support/synth';

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

const EVERYONE: Pick<DataAwsIamPolicyDocumentStatement, 'principals'> = { principals: [{ type: '*', identifiers: ['*'] }] };

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
    const json = toPolicyJson({ principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }], actions: ['s3:GetObject'], resources: ['*'] }, fail);
    expect(json.Effect).toBe('Allow');
    expect(Object.keys(json).sort()).toEqual(['Action', 'Effect', 'Principal', 'Resource']);
  });

  test('merges principals of the same type', () => {
    const json = toPolicyJson({
      principals: [
        { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/a'] },
        { type: 'Service', identifiers: ['logging.s3.amazonaws.com'] },
        { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/b'] },
      ],
      actions: ['s3:GetObject'],
      resources: ['*'],
    }, fail);
    expect(json.Principal).toEqual({
      AWS: ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:role/b'],
      Service: ['logging.s3.amazonaws.com'],
    });
  });

  test('renders the everyone principal { type: "*", identifiers: ["*"] } as "*"', () => {
    const json = toPolicyJson({ effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:*'], resources: ['*'] }, fail);
    expect(json.Principal).toBe('*');
  });

  test('writes a "*" principal beside other principals as { AWS: "*" }, which IAM accepts', () => {
    const json = toPolicyJson({
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }, { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
      actions: ['s3:*'],
      resources: ['*'],
    }, fail);
    expect(json.Principal).toEqual({ AWS: ['*', 'arn:aws:iam::111122223333:root'] });
  });

  test('merges conditions by operator and key, keeping several operators in one statement', () => {
    const json = toPolicyJson({
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:PutObject'],
      resources: ['*'],
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
    const error = failure({ effect, principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:GetObject'], resources: ['*'] });
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
    expect(() => toPolicyJson({ effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:*'], resources: ['*'] }, fail)).not.toThrow();
    expect(() => toPolicyJson({
      effect: 'Allow',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['s3:GetObject'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-123'] }],
    }, fail)).not.toThrow();
  });

  test('rejects principals and conditions given as a single token', () => {
    expect(failure({ principals: Token.asAny('x') as any, actions: ['s3:GetObject'], resources: ['*'] }).requirement)
      .toMatch(/principals must be a list of \{ type, identifiers \}, not a token/);
    expect(failure({ notPrincipals: Token.asAny('x') as any, actions: ['s3:GetObject'], resources: ['*'] }).requirement)
      .toMatch(/notPrincipals must be a list/);
    expect(failure({ condition: Token.asAny('x') as any, ...EVERYONE, actions: ['s3:GetObject'], resources: ['*'] }).requirement)
      .toMatch(/condition must be a list of \{ test, variable, values \}, not a token/);
  });
});

describe('elements S3 and KMS require', () => {
  const ROLE = { principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/app'] }] };

  test('a bucket-policy statement without principals is refused', () => {
    expect(failure({ actions: ['s3:GetObject'], resources: ['*'] }).requirement).toMatch(/must name principals \(or notPrincipals\): S3 rejects a bucket policy statement without a Principal/);
  });

  test('a key-policy statement without principals is refused', () => {
    expect(() => toPolicyJson({ actions: ['kms:Decrypt'] }, fail, 'key')).toThrow(/KMS rejects a key policy statement without a Principal/);
  });

  test.each([
    ['principals: []', { principals: [], actions: ['s3:GetObject'], resources: ['*'] }, 'principals'],
    ['a principal without identifiers', { principals: [{ type: 'AWS', identifiers: [] }], actions: ['s3:GetObject'], resources: ['*'] }, 'principals'],
    ['actions: []', { ...ROLE, actions: [], resources: ['*'] }, 'actions'],
    ['resources: []', { ...ROLE, actions: ['s3:GetObject'], resources: [] }, 'resources'],
  ])('%s is refused', (_label, statement, field) => {
    expect(failure(statement as DataAwsIamPolicyDocumentStatement).requirement)
      .toBe(`must not give ${field} as an empty list (or a principal without identifiers): IAM rejects it at apply`);
  });

  test('a statement without actions is refused', () => {
    expect(failure({ ...ROLE, resources: ['*'] }).requirement).toMatch(/must name actions/);
  });

  test('a bucket-policy statement without resources is refused', () => {
    expect(failure({ ...ROLE, actions: ['s3:GetObject'] }).requirement).toMatch(/must name resources \(or notResources\)/);
  });

  test('a key-policy statement without resources gets "*", which KMS requires', () => {
    expect(toPolicyJson({ ...ROLE, actions: ['kms:Decrypt'] }, fail, 'key').Resource).toEqual(['*']);
    expect(toPolicyJson({ ...ROLE, actions: ['kms:Decrypt'], notResources: ['x'] }, fail, 'key').Resource).toBeUndefined();
  });
});

describe('IAM policy variables', () => {
  const withResource = (resource: string): DataAwsIamPolicyDocumentStatement =>
    ({ principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }], actions: ['s3:GetObject'], resources: [resource] });

  test.each([
    ['the aws_iam_policy_document spelling', 'arn:aws:s3:::b/home/&{aws:username}/*'],
    ['Terraform\'s escape', 'arn:aws:s3:::b/home/$${aws:username}/*'],
    ['IAM\'s own spelling', 'arn:aws:s3:::b/home/${aws:username}/*'],
  ])('%s is written so that Terraform renders ${aws:username}', (_label, resource) => {
    const stack = testStack();
    new TerraformOutput(stack, 'policy', { value: renderPolicy([toPolicyJson(withResource(resource), fail)]) });
    // Escaped as "$${" for Terraform, which reads it back as "${" (test/policy proves it with Terraform).
    expect(synthJson(stack).output.policy.value).toContain('"arn:aws:s3:::b/home/$${aws:username}/*"');
  });

  test('a policy variable with a default value in a caller condition does not limit the caller either', () => {
    expect(failure({
      ...EVERYONE,
      actions: ['kms:Decrypt'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'kms:CallerAccount', values: ["${aws:PrincipalAccount, '0'}"] }],
    }).requirement).toMatch(/must not Allow the "\*" principal/);
  });

  test('an Allow to "*" whose effect is known only at apply is refused as if it were Allow', () => {
    expect(failure({ ...EVERYONE, effect: Token.asString({ Ref: 'effect' }), actions: ['s3:GetObject'], resources: ['*'] }).requirement)
      .toMatch(/must not Allow the "\*" principal/);
  });

  test('a policy variable in a caller condition does not limit the caller', () => {
    expect(failure({
      ...EVERYONE,
      actions: ['s3:GetObject'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['&{aws:PrincipalAccount}'] }],
    }).requirement).toMatch(/must not Allow the "\*" principal/);
  });
});

describe('renderPolicy', () => {
  test('renders a 2012-10-17 document as JSON text, keeping references as Terraform references', () => {
    const stack = testStack();
    const bucket = new S3Bucket(stack, 'B', {});
    new TerraformOutput(stack, 'policy', {
      value: renderPolicy([
        { Sid: 'A', Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: [bucket.arn, `${bucket.arn}/*`] },
        { Sid: 'B', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] },
      ]),
    });
    const rendered = synthJson(stack).output.policy.value;
    expect(JSON.parse(rendered)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: ['${aws_s3_bucket.B.arn}', '${aws_s3_bucket.B.arn}/*'] },
        { Sid: 'B', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] },
      ],
    });
  });

  test('escapes literal ${ (policy variables) and %{ for Terraform', () => {
    const rendered = renderPolicy([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/${aws:username}/%{x}'] }]);
    expect(JSON.parse(rendered).Statement[0].Resource).toEqual(['arn:aws:s3:::b/$${aws:username}/%%{x}']);
  });

  test('a list token cannot be spliced into JSON text: that document is rendered with jsonencode', () => {
    const stack = testStack();
    const actions = new TerraformVariable(stack, 'actions', { type: 'list(string)' });
    new TerraformOutput(stack, 'policy', { value: renderPolicy([{ Effect: 'Allow', Action: actions.listValue, Resource: ['*'] }]) });
    const rendered = synthJson(stack).output.policy.value;
    expect(rendered).toMatch(/^\$\{jsonencode\(/);
    expect(parsePolicy(rendered).Statement[0].Action).toBe('${var.actions}');
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

});
