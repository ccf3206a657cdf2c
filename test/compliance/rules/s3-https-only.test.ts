import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Fn, TerraformVariable } from 'cdktf';
import { ACCOUNT_ROOT, findingsOf, httpsOnlyStatement, newStack, rawBucket, verdict } from '../helpers';

/** S3-HTTPS-ONLY, on stacks written by hand with raw provider classes. */
describe('S3-HTTPS-ONLY', () => {
  const document = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

  test.each([
    ['Fn.jsonencode with references', undefined],
    ['a JSON string with references', (b: S3Bucket) => document(httpsOnlyStatement(b.arn))],
    ['a JSON string with the literal name', () => document(httpsOnlyStatement('arn:aws:s3:::my-data'))],
    ['an ARN built from the bucket id and a partition data source', (b: S3Bucket) =>
      document(httpsOnlyStatement(`arn:${new DataAwsPartition(b, 'partition').partition}:s3:::${b.id}`))],
    ['a wildcard resource', () => document(httpsOnlyStatement('*', ['*']))],
    ['one statement per resource', (b: S3Bucket) =>
      document(httpsOnlyStatement(b.arn, [b.arn]), httpsOnlyStatement(b.arn, [`${b.arn}/*`]))],
    ['the "AWS": "*" principal and action "*"', (b: S3Bucket) =>
      document({ ...httpsOnlyStatement(b.arn), Principal: { AWS: '*' }, Action: ['*'] })],
    ['other statements around it', (b: S3Bucket) => document(
      { Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 's3:GetObject', Resource: `${b.arn}/*` },
      httpsOnlyStatement(b.arn),
    )],
  ])('complies: %s', (_, policy) => {
    const stack = newStack();
    rawBucket(stack, 'data', { bucketName: 'my-data', policy });
    expect(verdict(stack)).toEqual([]);
  });

  test('complies with an aws_iam_policy_document data source', () => {
    const stack = newStack();
    rawBucket(stack, 'data', {
      policy: (b) => new DataAwsIamPolicyDocument(stack, 'policy', {
        statement: [{
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [b.arn, `${b.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        }],
      }).json,
    });
    expect(verdict(stack)).toEqual([]);
  });

  test('reads the deprecated inline policy of aws_s3_bucket', () => {
    const stack = newStack();
    const bucket = rawBucket(stack, 'data', { bucketName: 'my-data', policy: false });
    bucket.addOverride('policy', document(httpsOnlyStatement('arn:aws:s3:::my-data')));
    expect(verdict(stack)).toEqual([]);
  });

  test.each([
    ['no bucket policy', false as const, 'no bucket policy, so plain HTTP requests are allowed'],
    ['a Deny on the objects only (AWS CDK issue 13760)', (b: S3Bucket) => document(httpsOnlyStatement(b.arn, [`${b.arn}/*`])),
      'denies plain HTTP on the objects (arn/*) but not on the bucket (arn)'],
    ['a Deny on the bucket only', (b: S3Bucket) => document(httpsOnlyStatement(b.arn, [b.arn])),
      'denies plain HTTP on the bucket (arn) but not on its objects (arn/*)'],
    ['a Deny on a prefix only', (b: S3Bucket) => document(httpsOnlyStatement(b.arn, [b.arn, `${b.arn}/logs/*`])),
      'but not on its objects'],
    ['a Deny of some actions only', (b: S3Bucket) => document({ ...httpsOnlyStatement(b.arn), Action: ['s3:GetObject', 's3:PutObject'] }),
      'has no Deny of s3:*'],
    ['a Deny for one principal only', (b: S3Bucket) => document({ ...httpsOnlyStatement(b.arn), Principal: { AWS: ACCOUNT_ROOT } }),
      'has no Deny of s3:*'],
    ['a Deny narrowed by a further condition', (b: S3Bucket) => document({
      ...httpsOnlyStatement(b.arn),
      Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '111122223333' } },
    }), 'has no Deny of s3:*'],
    ['an Allow instead of a Deny', (b: S3Bucket) => document({ ...httpsOnlyStatement(b.arn), Effect: 'Allow' }), 'has no Deny of s3:*'],
    ['SecureTransport true', (b: S3Bucket) => document({ ...httpsOnlyStatement(b.arn), Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      'has no Deny of s3:*'],
    ['NotResource', (b: S3Bucket) => {
      const { Resource: _, ...statement } = httpsOnlyStatement(b.arn);
      return document({ ...statement, NotResource: ['arn:aws:s3:::other'] });
    }, 'has no Deny of s3:*'],
    ['another bucket\'s ARN', () => document(httpsOnlyStatement('arn:aws:s3:::other-bucket')), 'has no Deny of s3:*'],
  ])('flags %s', (_, policy, problem) => {
    const stack = newStack();
    rawBucket(stack, 'data', { policy });
    const findings = findingsOf(stack);
    expect(findings.map((f) => f.ruleId)).toEqual(['S3-HTTPS-ONLY']);
    expect(findings[0].message).toContain(problem);
  });

  test.each([
    ['from a variable', (s: S3Bucket) => new TerraformVariable(s, 'policy', { type: 'string' }).stringValue],
    ['built with a function', (b: S3Bucket) => Fn.jsonencode(Fn.merge([{ Statement: [httpsOnlyStatement(b.arn, [b.arn])] }]))],
  ])('reports a policy it cannot read (%s) instead of guessing', (_, policy) => {
    const stack = newStack();
    rawBucket(stack, 'data', { policy });
    expect(findingsOf(stack).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      expect.stringMatching(/^S3-HTTPS-ONLY: cannot read the policy of aws_s3_bucket_policy\.dataPolicy; acknowledge S3-HTTPS-ONLY if it is compliant\. Fix: /),
    ]);
  });
});
