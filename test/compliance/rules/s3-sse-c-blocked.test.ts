import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformVariable } from 'cdktf';
import { BucketEncryption, EncryptedBucket } from '../../../src';
import { BINDING_BLOCKS_ENCRYPTION_TYPES } from '../../support/binding';
import { ACCOUNT_ROOT, findingsOf, httpsOnlyStatement, newStack, rawBucket, verdict } from '../helpers';

const SSE_C_HEADER = 's3:x-amz-server-side-encryption-customer-algorithm';

/** The SSE-C Deny for `arn`'s objects, in IAM's JSON shape. */
function sseCDeny(arn: string, resource = `${arn}/*`): Record<string, unknown> {
  return {
    Sid: 'DenySseC',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: resource,
    Condition: { Null: { [SSE_C_HEADER]: 'false' } },
  };
}

const document = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** S3-SSE-C-BLOCKED: S3's own block (blocked_encryption_types) or the bucket policy's Deny. */
describe('S3-SSE-C-BLOCKED', () => {
  test.each([
    ['blocked_encryption_types ["SSE-C"] (the rawBucket default)', {}],
    ['blocked_encryption_types ["SSE-C"] and no bucket policy at all', { policy: false as const, expect: ['S3-HTTPS-ONLY'] }],
    ['a bucket-policy Deny and no blocked_encryption_types', {
      blockedEncryptionTypes: false as const,
      policy: (b: S3Bucket) => document(httpsOnlyStatement(b.arn), sseCDeny(b.arn)),
    }],
    ['a bucket-policy Deny of s3:Put* on "*" with ["NONE"]', {
      blockedEncryptionTypes: ['NONE'],
      policy: (b: S3Bucket) => document(httpsOnlyStatement(b.arn), { ...sseCDeny(b.arn, '*'), Action: ['s3:Put*'] }),
    }],
  ])('complies: %s', (_, options: any) => {
    const stack = newStack();
    rawBucket(stack, 'data', options);
    expect(findingsOf(stack).map((f) => f.ruleId)).toEqual(options.expect ?? []);
  });

  test('complies: a Deny written with an aws_iam_policy_document data source', () => {
    const stack = newStack();
    rawBucket(stack, 'data', {
      blockedEncryptionTypes: false,
      policy: (b) => new DataAwsIamPolicyDocument(stack, 'policy', {
        statement: [{
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [b.arn, `${b.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        }, {
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:PutObject'],
          resources: [`${b.arn}/*`],
          condition: [{ test: 'Null', variable: SSE_C_HEADER, values: ['false'] }],
        }],
      }).json,
    });
    expect(verdict(stack)).toEqual([]);
  });

  test.each([
    ['neither a block nor a Deny', { blockedEncryptionTypes: false as const },
      'neither the encryption rule (blocked_encryption_types) nor the bucket policy refuses SSE-C writes'],
    ['["NONE"] and no Deny', { blockedEncryptionTypes: ['NONE'] },
      'aws_s3_bucket_server_side_encryption_configuration.dataEncryption sets blocked_encryption_types = ["NONE"], which lets SSE-C writes in'],
    ['a Deny on the bucket ARN only', { blockedEncryptionTypes: false as const, policy: (b: S3Bucket) => document(httpsOnlyStatement(b.arn), sseCDeny(b.arn, b.arn)) },
      'neither the encryption rule'],
    ['a Deny for one principal only', {
      blockedEncryptionTypes: false as const,
      policy: (b: S3Bucket) => document(httpsOnlyStatement(b.arn), { ...sseCDeny(b.arn), Principal: { AWS: ACCOUNT_ROOT } }),
    }, 'neither the encryption rule'],
    ['a Deny narrowed by a further condition', {
      blockedEncryptionTypes: false as const,
      policy: (b: S3Bucket) => document(httpsOnlyStatement(b.arn), {
        ...sseCDeny(b.arn), Condition: { Null: { [SSE_C_HEADER]: 'false' }, StringEquals: { 'aws:PrincipalAccount': '111122223333' } },
      }),
    }, 'neither the encryption rule'],
    ['a Deny of another action', {
      blockedEncryptionTypes: false as const,
      policy: (b: S3Bucket) => document(httpsOnlyStatement(b.arn), { ...sseCDeny(b.arn), Action: 's3:GetObject' }),
    }, 'neither the encryption rule'],
    ['a Deny when the header is absent (Null true)', {
      blockedEncryptionTypes: false as const,
      policy: (b: S3Bucket) => document(httpsOnlyStatement(b.arn), { ...sseCDeny(b.arn), Condition: { Null: { [SSE_C_HEADER]: 'true' } } }),
    }, 'neither the encryption rule'],
  ])('flags %s', (_, options: any, problem) => {
    const stack = newStack();
    rawBucket(stack, 'data', options);
    const findings = findingsOf(stack);
    expect(findings.map((f) => f.ruleId)).toEqual(['S3-SSE-C-BLOCKED']);
    expect(findings[0].message).toContain(problem);
  });

  test('reports blocked_encryption_types known only at apply time', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { blockedEncryptionTypes: ['${var.blocked}'] });
    new TerraformVariable(stack, 'blocked', { type: 'list(string)' });
    expect(findingsOf(stack).map((f) => f.ruleId)).toEqual(['S3-SSE-C-BLOCKED']);
  });

  test.each([BucketEncryption.KMS, BucketEncryption.S3_MANAGED])('EncryptedBucket (%s) complies by default, through the policy and, on 6.x bindings, the rule', (encryption) => {
    const stack = newStack();
    new EncryptedBucket(stack, 'Data', { encryption });
    expect(verdict(stack).filter((v) => v.startsWith('S3-SSE-C-BLOCKED'))).toEqual([]);
  });

  test('EncryptedBucket with denySseC false is flagged', () => {
    const stack = newStack();
    new EncryptedBucket(stack, 'Data', { denySseC: false });
    const finding = findingsOf(stack).find((f) => f.ruleId === 'S3-SSE-C-BLOCKED');
    expect(finding?.message).toContain(BINDING_BLOCKS_ENCRYPTION_TYPES
      ? 'sets blocked_encryption_types = ["NONE"], which lets SSE-C writes in'
      : 'neither the encryption rule (blocked_encryption_types) nor the bucket policy refuses SSE-C writes');
  });
});
