import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { ACCOUNT_ROOT, compliantKey, findingsOf, httpsOnlyStatement, newStack, rawBucket, verdict } from './helpers';
import { EncryptedBucket } from '../../src';

/** Every rule, on stacks written by hand with raw provider classes. */
describe('a hand-written bucket', () => {
  test('with every part in place has no findings', () => {
    const stack = newStack();
    rawBucket(stack, 'data');
    expect(verdict(stack)).toEqual([]);
  });

  test('with nothing but the bucket breaks every S3 rule that applies', () => {
    const stack = newStack();
    new S3Bucket(stack, 'bare', {});
    expect(verdict(stack)).toEqual([
      'S3-HTTPS-ONLY stack/bare',
      'S3-OWNERSHIP stack/bare',
      'S3-PUBLIC-ACCESS stack/bare',
      'S3-SSE-CMK stack/bare',
      'S3-VERSIONING stack/bare',
    ]);
  });

  test('findings name the rule, the construct path, the Terraform address and a fix', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: 'Suspended' });
    expect(findingsOf(stack)).toEqual([{
      ruleId: 'S3-VERSIONING',
      path: 'stack/data',
      address: 'aws_s3_bucket.data',
      message: 'aws_s3_bucket_versioning.dataVersioning has status "Suspended". '
        + 'Fix: Add an aws_s3_bucket_versioning with status = "Enabled" (EncryptedBucket: versioned).',
    }]);
  });
});

describe('S3-SSE-CMK', () => {
  test.each([
    ['aws:kms with a key of the stack', undefined],
    ['aws:kms with a key ARN', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234' }, bucketKeyEnabled: true }],
    ['aws:kms:dsse with a key', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234' } }],
  ])('complies: %s', (_, encryption) => {
    const stack = newStack();
    rawBucket(stack, 'data', { encryption });
    expect(verdict(stack)).toEqual([]);
  });

  test.each([
    ['no encryption configuration', false as const, 'no server-side encryption configuration'],
    ['SSE-S3 on a bucket that receives no logs', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      'aws_s3_bucket_server_side_encryption_configuration.dataEncryption uses SSE-S3 (AES256), which only a target_bucket of an aws_s3_bucket_logging may use'],
    ['aws:kms without a key id', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true },
      'sets no kms_master_key_id, so S3 uses the AWS-managed aws/s3 key'],
    ['the AWS-managed aws/s3 alias', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' }, bucketKeyEnabled: true },
      'uses the AWS-managed key alias/aws/s3'],
    ['the AWS-managed alias ARN', { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:alias/aws/s3' }, bucketKeyEnabled: true },
      'uses the AWS-managed key arn:aws:kms:us-east-1:111122223333:alias/aws/s3'],
  ])('flags %s', (_, encryption, problem) => {
    const stack = newStack();
    rawBucket(stack, 'data', { encryption });
    const findings = findingsOf(stack);
    expect(findings.map((f) => f.ruleId)).toEqual(['S3-SSE-CMK']);
    expect(findings[0].message).toContain(problem);
  });

  test('flags an algorithm that is only known at apply time', () => {
    const stack = newStack();
    const algorithm = new TerraformVariable(stack, 'algorithm', { type: 'string' });
    rawBucket(stack, 'data', { encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm.stringValue } } });
    expect(findingsOf(stack)[0].message).toContain('has sse_algorithm "${var.algorithm}", not a KMS algorithm known at synth time');
  });

  test.each([
    ['by reference to its bucket attribute', (target: S3Bucket) => target.bucket],
    ['by reference to its id', (target: S3Bucket) => target.id],
    ['by literal name', () => 'access-logs-bucket'],
  ])('allows SSE-S3 on the target of an aws_s3_bucket_logging named %s', (_, targetOf) => {
    const stack = newStack();
    const sseS3 = { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
    const logs = rawBucket(stack, 'logs', { bucketName: 'access-logs-bucket', encryption: sseS3 });
    const data = rawBucket(stack, 'data');
    new S3BucketLoggingA(stack, 'logging', { bucket: data.id, targetBucket: targetOf(logs), targetPrefix: 'data/' });
    expect(verdict(stack)).toEqual([]);
  });

  test('reads the deprecated inline encryption block of aws_s3_bucket', () => {
    const stack = newStack();
    const key = compliantKey(stack);
    const inline = (id: string, sseAlgorithm: string) => rawBucket(stack, id, { encryption: false }).addOverride(
      'server_side_encryption_configuration',
      { rule: { apply_server_side_encryption_by_default: { sse_algorithm: sseAlgorithm, kms_master_key_id: key.arn }, bucket_key_enabled: true } },
    );
    inline('kms', 'aws:kms');
    inline('sses3', 'AES256');
    expect(verdict(stack)).toEqual(['S3-SSE-CMK stack/sses3']);
  });
});

describe('S3-BUCKET-KEY', () => {
  const kms = (bucketKeyEnabled?: boolean) => ({
    applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234' },
    bucketKeyEnabled,
  });

  test.each([[false], [undefined]])('flags aws:kms with bucket_key_enabled %s', (bucketKeyEnabled) => {
    const stack = newStack();
    rawBucket(stack, 'data', { encryption: kms(bucketKeyEnabled) });
    expect(verdict(stack)).toEqual(['S3-BUCKET-KEY stack/data']);
  });

  test('complies with bucket_key_enabled true, and does not apply to DSSE or SSE-S3', () => {
    const stack = newStack();
    rawBucket(stack, 'kms', { encryption: kms(true) });
    rawBucket(stack, 'dsse', {
      encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms:dsse', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234' } },
    });
    rawBucket(stack, 'sses3', { encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } } });
    expect(verdict(stack)).toEqual(['S3-SSE-CMK stack/sses3']);
  });
});

describe('S3-PUBLIC-ACCESS', () => {
  test.each([
    ['blockPublicAcls'], ['blockPublicPolicy'], ['ignorePublicAcls'], ['restrictPublicBuckets'],
  ])('flags %s off', (setting) => {
    const stack = newStack();
    rawBucket(stack, 'data', { publicAccessBlock: { [setting]: false } });
    const findings = findingsOf(stack);
    expect(findings.map((f) => f.ruleId)).toEqual(['S3-PUBLIC-ACCESS']);
    expect(findings[0].message).toContain(`does not set ${setting.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} to true`);
  });

  test('flags a missing public access block', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { publicAccessBlock: false });
    expect(findingsOf(stack).map((f) => f.message)).toEqual([expect.stringMatching(/^no aws_s3_bucket_public_access_block\./)]);
  });

  test('complies with a block that names the bucket literally', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { bucketName: 'my-data', publicAccessBlock: false });
    new S3BucketPublicAccessBlock(stack, 'block', {
      bucket: 'my-data', blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    expect(verdict(stack)).toEqual([]);
  });
});

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

describe('S3-OWNERSHIP', () => {
  test.each([['BucketOwnerPreferred'], ['ObjectWriter']])('flags %s', (ownership) => {
    const stack = newStack();
    rawBucket(stack, 'data', { objectOwnership: ownership });
    const findings = findingsOf(stack);
    expect(findings.map((f) => f.ruleId)).toEqual(['S3-OWNERSHIP']);
    expect(findings[0].message).toContain(`sets object_ownership to "${ownership}"`);
  });

  test('flags missing ownership controls', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { objectOwnership: false });
    expect(verdict(stack)).toEqual(['S3-OWNERSHIP stack/data']);
  });
});

describe('S3-VERSIONING', () => {
  test.each([['Suspended'], ['Disabled']])('flags status %s', (status) => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: status });
    expect(verdict(stack)).toEqual(['S3-VERSIONING stack/data']);
  });

  test('flags a bucket without versioning', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: false });
    expect(verdict(stack)).toEqual(['S3-VERSIONING stack/data']);
  });

  test('reads the deprecated inline versioning block', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: false }).addOverride('versioning', { enabled: true });
    expect(verdict(stack)).toEqual([]);
  });
});

describe('a hand-written key', () => {
  test('with rotation and an explicit policy has no findings', () => {
    const stack = newStack();
    compliantKey(stack);
    expect(verdict(stack)).toEqual([]);
  });

  test('with no settings breaks KMS-ROTATION and KMS-KEY-POLICY', () => {
    const stack = newStack();
    new KmsKey(stack, 'key', {});
    expect(verdict(stack)).toEqual(['KMS-KEY-POLICY stack/key', 'KMS-ROTATION stack/key']);
  });
});

describe('KMS-ROTATION', () => {
  test('flags enable_key_rotation false', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { enableKeyRotation: false });
    expect(verdict(stack)).toEqual(['KMS-ROTATION stack/key']);
  });

  test.each([
    ['an asymmetric key', { customerMasterKeySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }],
    ['an HMAC key', { customerMasterKeySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }],
    ['a key in a custom key store', { customKeyStoreId: 'cks-1234' }],
  ])('does not apply to %s, which KMS cannot rotate', (_, config) => {
    const stack = newStack();
    compliantKey(stack, 'key', { enableKeyRotation: undefined, ...config });
    expect(verdict(stack)).toEqual([]);
  });
});

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

describe('KMS-LOCKOUT-CHECK', () => {
  test('flags bypass_policy_lockout_safety_check on the key', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { bypassPolicyLockoutSafetyCheck: true });
    expect(verdict(stack)).toEqual(['KMS-LOCKOUT-CHECK stack/key']);
  });

  test('flags it on an aws_kms_key_policy', () => {
    const stack = newStack();
    const key = compliantKey(stack, 'key');
    // The key's own config value (a JSON string), not the `policy` attribute reference.
    new KmsKeyPolicy(stack, 'policy', { keyId: key.arn, policy: key.policyInput!, bypassPolicyLockoutSafetyCheck: true });
    expect(findingsOf(stack).map((f) => f.message)).toEqual([
      expect.stringMatching(/^aws_kms_key_policy.policy sets bypass_policy_lockout_safety_check\./),
    ]);
  });

  test('allows it set to false', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { bypassPolicyLockoutSafetyCheck: false });
    expect(verdict(stack)).toEqual([]);
  });
});

describe('KMS-DELETION-WINDOW', () => {
  test.each([
    [undefined, undefined, []],
    [30, undefined, []],
    [29, undefined, ['KMS-DELETION-WINDOW stack/key']],
    [7, undefined, ['KMS-DELETION-WINDOW stack/key']],
    [7, 7, []],
    [14, 21, ['KMS-DELETION-WINDOW stack/key']],
    [undefined, 30, []],
  ])('window %s with minimum %s', (deletionWindowInDays, minimumDeletionWindowInDays, expected) => {
    const stack = newStack();
    compliantKey(stack, 'key', { deletionWindowInDays });
    expect(verdict(stack, { minimumDeletionWindowInDays })).toEqual(expected);
  });

  test('names the window and the minimum', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { deletionWindowInDays: 10 });
    expect(findingsOf(stack, { minimumDeletionWindowInDays: 14 })[0].message)
      .toMatch(/^deletion_window_in_days is 10, below the minimum of 14\./);
  });

  test('flags a window only known at apply time', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { deletionWindowInDays: new TerraformVariable(stack, 'days', { type: 'number' }).numberValue });
    expect(findingsOf(stack)[0].message).toMatch(/^deletion_window_in_days is "\$\{var.days\}", not known at synth time\./);
  });
});

describe('KMS-KEY-ENABLED', () => {
  test.each([
    [false, ['KMS-KEY-ENABLED stack/key']],
    [true, []],
    [undefined, []],
  ])('is_enabled %s', (isEnabled, expected) => {
    const stack = newStack();
    compliantKey(stack, 'key', { isEnabled });
    expect(verdict(stack)).toEqual(expected);
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

describe('settings a bucket can only have once', () => {
  test('a second, all-off public access block is flagged, not outvoted', () => {
    const stack = newStack();
    const bucket = rawBucket(stack, 'b');
    new S3BucketPublicAccessBlock(stack, 'open', {
      bucket: bucket.id, blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false,
    });
    expect(findingsOf(stack).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      expect.stringMatching(/^S3-PUBLIC-ACCESS: aws_s3_bucket_public_access_block\.\S+ and aws_s3_bucket_public_access_block\.open configure the same bucket setting/),
    ]);
  });

  test('a second bucket policy next to an EncryptedBucket is flagged', () => {
    const stack = newStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    new S3BucketPolicy(stack, 'extra', { bucket: bucket.s3Bucket.id, policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
    expect(verdict(stack)).toEqual(['S3-HTTPS-ONLY stack/Data/Bucket']);
  });
});

describe('S3-SSE-CMK: keys named through references', () => {
  const withKey = (stack: TerraformStack, kmsMasterKeyId: string) => rawBucket(stack, 'b', {
    encryption: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId }, bucketKeyEnabled: true },
  });

  test('the AWS-managed key through an aws_kms_alias data source is flagged', () => {
    const stack = newStack();
    withKey(stack, new DataAwsKmsAlias(stack, 's3', { name: 'alias/aws/s3' }).targetKeyArn);
    expect(findingsOf(stack).map((f) => f.message)).toEqual([expect.stringMatching(/uses the AWS-managed key alias\/aws\/s3/)]);
  });

  test('a customer-managed alias through a data source passes', () => {
    const stack = newStack();
    withKey(stack, new DataAwsKmsAlias(stack, 'mine', { name: 'alias/data-key' }).targetKeyArn);
    expect(verdict(stack)).toEqual([]);
  });

  test('a key known only at apply time is reported for acknowledgement', () => {
    const stack = newStack();
    withKey(stack, new TerraformVariable(stack, 'key', { type: 'string' }).stringValue);
    expect(findingsOf(stack).map((f) => f.message)).toEqual([expect.stringMatching(/known only at apply time; acknowledge S3-SSE-CMK/)]);
  });
});
