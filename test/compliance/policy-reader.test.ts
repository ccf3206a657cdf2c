import { readPolicy } from '../../src/compliance/private/policy-reader';

const noData = () => undefined;
const deny = {
  sid: 'DenyInsecureTransport',
  effect: 'Deny',
  principals: { '*': ['*'] },
  actions: ['s3:*'],
  resources: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'],
  conditions: { Bool: { 'aws:SecureTransport': ['false'] } },
  negated: false,
  notPrincipal: false,
};

describe('readPolicy', () => {
  test('reads a JSON string, expanding IAM shorthand into lists', () => {
    const policy = JSON.stringify({
      Statement: {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'],
        Condition: { Bool: { 'aws:SecureTransport': false } },
      },
    });
    expect(readPolicy(policy, noData)).toEqual([deny]);
  });

  test('reads a jsonencode expression', () => {
    const policy = '${jsonencode({"Statement" = [{"Sid" = "DenyInsecureTransport", "Effect" = "Deny", "Principal" = "*", '
      + '"Action" = ["s3:*"], "Resource" = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"], '
      + '"Condition" = {"Bool" = {"aws:SecureTransport" = ["false"]}}}]})}';
    expect(readPolicy(policy, noData)).toEqual([deny]);
  });

  test('reads an aws_iam_policy_document data source in the provider\'s block shape', () => {
    const lookup = (type: string, name: string) => (type === 'aws_iam_policy_document' && name === 'doc' ? {
      statement: [{
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:*'],
        resources: ['${aws_s3_bucket.b.arn}', '${aws_s3_bucket.b.arn}/*'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      }],
    } : undefined);
    expect(readPolicy('${data.aws_iam_policy_document.doc.json}', lookup)).toEqual([deny]);
    expect(readPolicy('${data.aws_iam_policy_document.doc.minified_json}', lookup)).toEqual([deny]);
  });

  test('merges source and override documents by Sid, as the provider does', () => {
    const docs: Record<string, Record<string, unknown>> = {
      base: { statement: [{ sid: 'A', actions: ['s3:GetObject'] }, { sid: 'B', actions: ['s3:ListBucket'] }] },
      extra: { statement: [{ sid: 'C', actions: ['s3:PutObject'] }] },
      main: {
        source_policy_documents: ['${data.aws_iam_policy_document.base.json}'],
        statement: [{ sid: 'A', effect: 'Deny', actions: ['s3:*'] }],
        override_policy_documents: ['${data.aws_iam_policy_document.extra.json}', JSON.stringify({ Statement: [{ Sid: 'B', Effect: 'Deny', Action: '*' }] })],
      },
    };
    const statements = readPolicy('${data.aws_iam_policy_document.main.json}', (_, name) => docs[name]);
    expect(statements?.map((s) => `${s.sid} ${s.effect} ${s.actions.join()}`)).toEqual([
      'A Deny s3:*',
      'B Deny *',
      'C Allow s3:PutObject',
    ]);
  });

  test('marks statements that use NotPrincipal, NotAction or NotResource', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: 'x' }, Action: '*' }] });
    expect(readPolicy(policy, noData)?.[0].negated).toBe(true);
  });

  test.each([
    ['a variable', '${var.policy}'],
    ['a function of the document', '${jsonencode(merge(local.base, {}))}'],
    ['a data source that is not in the stack', '${data.aws_iam_policy_document.missing.json}'],
    ['invalid JSON', '{"Statement": ['],
    ['JSON without statements', '"just a string"'],
    ['a statement without Effect', JSON.stringify({ Statement: [{ Action: '*' }] })],
    ['a list of objects as an action', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: [{}] }] })],
    ['a non-string', 42],
    // Terraform renders this without the Condition: the directive cuts it out.
    ['JSON text with a template directive', '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Sid":"x%{ if false }","Condition":{},"N":"%{ endif }"}]}'],
  ])('cannot read %s', (_, policy) => {
    expect(readPolicy(policy, noData)).toBeUndefined();
  });

  test.each([
    ['dynamic statement blocks', { dynamic: { statement: {} } }],
    ['a token for the statements', { statement: '${local.statements}' }],
    ['a token for the actions', { statement: [{ actions: '${local.actions}' }] }],
    ['an unreadable source document', { source_policy_documents: ['${var.base}'], statement: [] }],
    ['documents that include themselves', { source_policy_documents: ['${data.aws_iam_policy_document.doc.json}'] }],
  ])('cannot read a data source with %s', (_, config) => {
    expect(readPolicy('${data.aws_iam_policy_document.doc.json}', () => config)).toBeUndefined();
  });
});
