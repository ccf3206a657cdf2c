import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import {
  BucketEncryption,
  EncryptedBucket,
  EncryptedBucketProps,
  EncryptionEnforcement,
  ManagedCmk,
  ObjectOwnership,
  ServerAccessLogsOptions,
} from '../src';
import { BINDING_AWS_PROVIDER, BINDING_BLOCKS_ENCRYPTION_TYPES, BINDING_PACKAGE } from './support/binding';
import { encryptionSids, grants, parsePolicy, sids, SSE, SSE_KEY, statement, Statement } from './support/policy';
import { errorOf, onlyResource, resourcesOf, synthJson, testApp, testStack } from './support/synth';

// The matchers' types (setupJest below installs them).
import type {} from 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();

const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** References to a synthesized resource, as Terraform expressions. */
function ref(json: any, type: string, attribute: string, index = 0): string {
  return `\${${type}.${Object.keys(json.resource[type])[index]}.${attribute}}`;
}

/** The bucket policy statements of the policy whose `bucket` is `bucketId`. */
function policyFor(json: any, bucketId: string): Statement[] {
  const policies = resourcesOf(json, 'aws_s3_bucket_policy').filter((p) => p.bucket === bucketId);
  expect(policies).toHaveLength(1);
  return parsePolicy(policies[0].policy).Statement;
}

/** Synthesizes one EncryptedBucket `test/Bucket` (and whatever `setup` adds) and returns the pieces. */
function synthBucket(props: EncryptedBucketProps = {}, setup?: (stack: TerraformStack, bucket: EncryptedBucket) => void) {
  const stack = testStack();
  const bucket = new EncryptedBucket(stack, 'Bucket', props);
  setup?.(stack, bucket);
  const json = synthJson(stack);
  const bucketArn = ref(json, 'aws_s3_bucket', 'arn');
  const statements = policyFor(json, ref(json, 'aws_s3_bucket', 'id'));
  const sse = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
  return { stack, bucket, json, bucketArn, statements, sse, s3: onlyResource(json, 'aws_s3_bucket') };
}

function roleIn(stack: TerraformStack, id = 'Role'): IamRole {
  return new IamRole(stack, id, {
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
}

describe('EncryptedBucket defaults', () => {
  const stack = testStack();
  const bucket = new EncryptedBucket(stack, 'Bucket');
  new TerraformOutput(stack, 'name', { value: bucket.bucketName });
  new TerraformOutput(stack, 'arn', { value: bucket.bucketArn });
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(synthesized);
  const bucketId = ref(json, 'aws_s3_bucket', 'id');
  const bucketArn = ref(json, 'aws_s3_bucket', 'arn');
  const keyArn = ref(json, 'aws_kms_key', 'arn');
  const statements = policyFor(json, bucketId);

  test('one bucket, Terraform-named, not force-destroyed, untagged', () => {
    const s3 = onlyResource(json, 'aws_s3_bucket');
    expect(s3.force_destroy).toBe(false);
    expect(s3).not.toHaveProperty('bucket');
    expect(s3).not.toHaveProperty('bucket_prefix');
    expect(s3).not.toHaveProperty('tags');
  });

  test('bucketName and bucketArn refer to the bucket', () => {
    expect(json.output.name.value).toBe(ref(json, 'aws_s3_bucket', 'bucket'));
    expect(json.output.arn.value).toBe(bucketArn);
  });

  test('a new customer-managed key, with rotation, for this bucket only', () => {
    const key = onlyResource(json, 'aws_kms_key');
    expect(key).toMatchObject({ key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT', enable_key_rotation: true });
    expect(key).not.toHaveProperty('bypass_policy_lockout_safety_check');
    expect(key.description).toContain('test/Bucket');
    const alias = onlyResource(json, 'aws_kms_alias');
    expect(alias.name).toMatch(/^alias\/[A-Za-z0-9/_-]+$/);
    expect(alias.name).toContain('test/Bucket');
    expect(alias.name.startsWith('alias/aws/')).toBe(false);
    expect(bucket.encryptionKey).toBeInstanceOf(ManagedCmk);
  });

  test('default encryption: aws:kms with the created key ARN and an S3 Bucket Key', () => {
    const sse = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse.bucket).toBe(bucketId);
    expect(sse.rule).toEqual([{
      apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: keyArn },
      bucket_key_enabled: true,
      ...(BINDING_BLOCKS_ENCRYPTION_TYPES ? { blocked_encryption_types: ['SSE-C'] } : {}),
    }]);
    expect(bucket.encryption).toBe(BucketEncryption.KMS);
    expect(bucket.encryptionEnforcement).toBe(EncryptionEnforcement.DENY_MISMATCHED_HEADERS);
  });

  test('all four public access settings on', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resourcesOf(json, 'aws_s3_bucket_public_access_block')).toHaveLength(1);
  });

  test('ACLs disabled (BucketOwnerEnforced)', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      bucket: bucketId,
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  test('versioning enabled', () => {
    const versioning = onlyResource(json, 'aws_s3_bucket_versioning');
    expect(versioning.bucket).toBe(bucketId);
    expect(versioning.versioning_configuration).toEqual({ status: 'Enabled' });
  });

  test('lifecycle: incomplete multipart uploads aborted after 7 days, for every object; noncurrent versions kept', () => {
    const lifecycle = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.bucket).toBe(bucketId);
    expect(lifecycle.rule).toHaveLength(1);
    expect(lifecycle.rule[0]).toMatchObject({
      status: 'Enabled',
      filter: [{ prefix: '' }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    expect(lifecycle.rule[0]).not.toHaveProperty('noncurrent_version_expiration');
    expect(lifecycle.depends_on).toEqual([`aws_s3_bucket_versioning.${Object.keys(json.resource.aws_s3_bucket_versioning)[0]}`]);
  });

  test('no access logging', () => {
    expect(json.resource.aws_s3_bucket_logging).toBeUndefined();
    expect(bucket.logging).toBeUndefined();
  });

  test('one bucket policy, depending on the public access block', () => {
    const policy = onlyResource(json, 'aws_s3_bucket_policy');
    expect(policy.bucket).toBe(bucketId);
    expect(policy.depends_on).toEqual([
      `aws_s3_bucket_public_access_block.${Object.keys(json.resource.aws_s3_bucket_public_access_block)[0]}`,
    ]);
  });

  test('the policy denies plain HTTP, TLS below 1.2, mismatched encryption headers, other keys, aws/s3 and SSE-C', () => {
    expect(sids(statements)).toEqual([
      'DenyInsecureTransport', 'DenyOutdatedTls',
      'DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId',
      'DenySseCUploads',
    ]);
    for (const s of statements) expect(s).toMatchObject({ Effect: 'Deny', Principal: '*' });
  });

  test('the HTTPS deny covers s3:* on both the bucket ARN and arn/*', () => {
    const https = statement(statements, 'DenyInsecureTransport');
    expect(https.Action).toEqual(['s3:*']);
    expect(https.Resource).toEqual([bucketArn, `${bucketArn}/*`]);
    expect(https.Condition).toEqual({ Bool: { 'aws:SecureTransport': ['false'] } });
  });

  test('the TLS floor is NumericLessThan s3:TlsVersion 1.2 on bucket and objects', () => {
    const tls = statement(statements, 'DenyOutdatedTls');
    expect(tls.Resource).toEqual([bucketArn, `${bucketArn}/*`]);
    expect(tls.Condition).toEqual({ NumericLessThan: { 's3:TlsVersion': ['1.2'] } });
  });

  test('encryption denies name aws:kms and pin the created key ARN', () => {
    expect(statement(statements, 'DenyWrongEncryptionHeader').Condition).toEqual({
      Null: { [SSE]: ['false'] }, StringNotEquals: { [SSE]: ['aws:kms'] },
    });
    expect(statement(statements, 'DenyOtherKmsKey').Condition).toEqual({
      Null: { [SSE_KEY]: ['false'] }, StringNotEquals: { [SSE_KEY]: [keyArn] },
    });
    expect(statement(statements, 'DenyKmsWithoutKeyId').Condition).toEqual({
      Null: { [SSE]: ['false'], [SSE_KEY]: ['true'] },
    });
    for (const sid of ['DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId']) {
      expect(statement(statements, sid).Action).toEqual(['s3:PutObject', 's3:UpdateObjectEncryption', 's3:ReplicateObject']);
      expect(statement(statements, sid).Resource).toEqual([`${bucketArn}/*`]);
    }
    expect(statement(statements, 'DenySseCUploads').Action).toEqual(['s3:PutObject', 's3:ReplicateObject']);
  });

  test('the provider package root is never loaded (only its submodules)', () => {
    const loaded = Object.keys(require.cache);
    // @cdktf/provider-aws, or @cdktn/provider-aws under the cdktn flavour.
    expect(loaded.some((path) => /@cdkt[fn][\\/]provider-aws[\\/]lib[\\/]s3-bucket[\\/]index\.js$/.test(path))).toBe(true);
    expect(loaded.filter((path) => /@cdkt[fn][\\/]provider-aws[\\/]lib[\\/]index\.js$/.test(path))).toEqual([]);
  });
});

describe('EncryptedBucket props', () => {
  test('bucketName names the bucket', () => {
    const { s3 } = synthBucket({ bucketName: 'my-data.bucket-1' });
    expect(s3.bucket).toBe('my-data.bucket-1');
    expect(s3).not.toHaveProperty('bucket_prefix');
  });

  test('bucketPrefix is passed to Terraform', () => {
    const { s3 } = synthBucket({ bucketPrefix: 'logs-' });
    expect(s3.bucket_prefix).toBe('logs-');
    expect(s3).not.toHaveProperty('bucket');
  });

  test('DSSE_KMS: aws:kms:dsse with the created key, no bucket key, headers checked against aws:kms:dsse, key pinned', () => {
    const { json, sse, statements, bucket } = synthBucket({ encryption: BucketEncryption.DSSE_KMS });
    const keyArn = ref(json, 'aws_kms_key', 'arn');
    expect(sse.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'aws:kms:dsse', kms_master_key_id: keyArn });
    expect(sse.bucket_key_enabled).toBe(false);
    expect(statement(statements, 'DenyWrongEncryptionHeader').Condition!.StringNotEquals).toEqual({ [SSE]: ['aws:kms:dsse'] });
    expect(statement(statements, 'DenyOtherKmsKey').Condition!.StringNotEquals).toEqual({ [SSE_KEY]: [keyArn] });
    expect(bucket.encryption).toBe(BucketEncryption.DSSE_KMS);
  });

  test('S3_MANAGED: AES256, no KMS key, no kms_master_key_id, no bucket key, nothing pinned', () => {
    const { json, sse, statements, bucket } = synthBucket({ encryption: BucketEncryption.S3_MANAGED });
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(json.resource.aws_kms_alias).toBeUndefined();
    expect(sse.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
    expect(sse.bucket_key_enabled ?? false).toBe(false);
    expect(encryptionSids(statements)).toEqual(['DenyWrongEncryptionHeader']);
    expect(statement(statements, 'DenyWrongEncryptionHeader').Condition!.StringNotEquals).toEqual({ [SSE]: ['AES256'] });
    expect(JSON.stringify(statements)).not.toContain(SSE_KEY);
    expect(bucket.encryptionKey).toBeUndefined();
  });

  test('encryptionKey (a ManagedCmk): no new key; its ARN in the encryption and the pin', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'SharedKey', { alias: 'shared' });
    new EncryptedBucket(stack, 'Bucket', { encryptionKey: key });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(1);
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/shared');
    const keyArn = ref(json, 'aws_kms_key', 'arn');
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default)
      .toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: keyArn });
    const statements = policyFor(json, ref(json, 'aws_s3_bucket', 'id'));
    expect(statement(statements, 'DenyOtherKmsKey').Condition!.StringNotEquals).toEqual({ [SSE_KEY]: [keyArn] });
  });

  test('encryptionKey (imported by ARN): no key resource; the ARN in the encryption and the pin', () => {
    const stack = testStack();
    const imported = ManagedCmk.fromKeyArn(stack, 'Imported', KEY_ARN);
    const bucket = new EncryptedBucket(stack, 'Bucket', { encryptionKey: imported });
    const json = synthJson(stack);
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(json.resource.aws_kms_alias).toBeUndefined();
    const sse = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
    expect(sse.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN });
    expect(sse.bucket_key_enabled).toBe(true);
    expect(statement(policyFor(json, ref(json, 'aws_s3_bucket', 'id')), 'DenyOtherKmsKey').Condition!.StringNotEquals)
      .toEqual({ [SSE_KEY]: [KEY_ARN] });
    expect(bucket.encryptionKey).toBe(imported);
  });

  test('bucketKeyEnabled false turns the bucket key off for KMS', () => {
    expect(synthBucket({ bucketKeyEnabled: false }).sse.bucket_key_enabled).toBe(false);
  });

  test('bucketKeyEnabled true is accepted for KMS', () => {
    expect(synthBucket({ bucketKeyEnabled: true }).sse.bucket_key_enabled).toBe(true);
  });

  describe('encryptionEnforcement x key pinning', () => {
    test.each<[BucketEncryption, EncryptionEnforcement, boolean | undefined, string[]]>([
      [BucketEncryption.KMS, EncryptionEnforcement.DENY_MISMATCHED_HEADERS, undefined, ['DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId']],
      [BucketEncryption.KMS, EncryptionEnforcement.DENY_MISMATCHED_HEADERS, true, ['DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId']],
      [BucketEncryption.KMS, EncryptionEnforcement.DENY_MISMATCHED_HEADERS, false, ['DenyWrongEncryptionHeader']],
      [BucketEncryption.KMS, EncryptionEnforcement.REQUIRE_HEADERS, undefined, ['DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId', 'DenyMissingEncryptionHeader', 'DenyMissingKmsKeyId']],
      [BucketEncryption.KMS, EncryptionEnforcement.REQUIRE_HEADERS, false, ['DenyWrongEncryptionHeader', 'DenyMissingEncryptionHeader']],
      [BucketEncryption.KMS, EncryptionEnforcement.NONE, undefined, []],
      [BucketEncryption.KMS, EncryptionEnforcement.NONE, false, []],
      [BucketEncryption.DSSE_KMS, EncryptionEnforcement.DENY_MISMATCHED_HEADERS, undefined, ['DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId']],
      [BucketEncryption.DSSE_KMS, EncryptionEnforcement.REQUIRE_HEADERS, true, ['DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId', 'DenyMissingEncryptionHeader', 'DenyMissingKmsKeyId']],
      [BucketEncryption.DSSE_KMS, EncryptionEnforcement.REQUIRE_HEADERS, false, ['DenyWrongEncryptionHeader', 'DenyMissingEncryptionHeader']],
      [BucketEncryption.S3_MANAGED, EncryptionEnforcement.DENY_MISMATCHED_HEADERS, undefined, ['DenyWrongEncryptionHeader']],
      [BucketEncryption.S3_MANAGED, EncryptionEnforcement.REQUIRE_HEADERS, undefined, ['DenyWrongEncryptionHeader', 'DenyMissingEncryptionHeader']],
      [BucketEncryption.S3_MANAGED, EncryptionEnforcement.NONE, undefined, []],
    ])('%s, %s, pinEncryptionKey %p: %p', (encryption, encryptionEnforcement, pinEncryptionKey, expected) => {
      const { statements, bucket } = synthBucket({ encryption, encryptionEnforcement, pinEncryptionKey });
      expect(encryptionSids(statements)).toEqual(expected);
      expect(bucket.encryptionEnforcement).toBe(encryptionEnforcement);
      // The other protections do not depend on the enforcement mode.
      expect(sids(statements)).toEqual(expect.arrayContaining(['DenyInsecureTransport', 'DenyOutdatedTls', 'DenySseCUploads']));
    });

    test('REQUIRE_HEADERS also denies a missing header or key id, on uploads and re-keying only (replicas are written by S3)', () => {
      const { statements } = synthBucket({ encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS });
      expect(statement(statements, 'DenyMissingEncryptionHeader').Condition).toEqual({ Null: { [SSE]: ['true'] } });
      expect(statement(statements, 'DenyMissingKmsKeyId').Condition).toEqual({ Null: { [SSE_KEY]: ['true'] } });
      for (const sid of ['DenyMissingEncryptionHeader', 'DenyMissingKmsKeyId']) {
        expect(statement(statements, sid).Action).toEqual(['s3:PutObject', 's3:UpdateObjectEncryption']);
      }
    });
  });

  test('pinEncryptionKey false: the algorithm is still checked, no key is pinned', () => {
    const { statements } = synthBucket({ pinEncryptionKey: false });
    expect(encryptionSids(statements)).toEqual(['DenyWrongEncryptionHeader']);
    expect(JSON.stringify(statements)).not.toContain(SSE_KEY);
  });

  test('enforceHttps false: no DenyInsecureTransport and no TLS statement', () => {
    const { statements } = synthBucket({ enforceHttps: false });
    expect(sids(statements)).not.toContain('DenyInsecureTransport');
    expect(sids(statements)).not.toContain('DenyOutdatedTls');
    expect(JSON.stringify(statements)).not.toContain('aws:SecureTransport');
    expect(JSON.stringify(statements)).not.toContain('s3:TlsVersion');
  });

  test.each([
    [1.3, '1.3'],
    [1.2, '1.2'],
    [1.1, '1.1'],
  ])('minimumTlsVersion %p: Deny below %s', (minimumTlsVersion, expected) => {
    const { statements, bucketArn } = synthBucket({ minimumTlsVersion });
    const tls = statement(statements, 'DenyOutdatedTls');
    expect(tls.Condition).toEqual({ NumericLessThan: { 's3:TlsVersion': [expected] } });
    expect(tls.Resource).toEqual([bucketArn, `${bucketArn}/*`]);
    expect(sids(statements)).toContain('DenyInsecureTransport');
  });

  test('minimumTlsVersion 1.0: nothing is older, so no TLS statement; HTTPS still enforced', () => {
    const { statements } = synthBucket({ minimumTlsVersion: 1.0 });
    expect(sids(statements)).not.toContain('DenyOutdatedTls');
    expect(sids(statements)).toContain('DenyInsecureTransport');
  });

  test('minimumTlsVersion from a Terraform variable reaches the policy as a reference to it', () => {
    const stack = testStack();
    const tls = new TerraformVariable(stack, 'tls', { type: 'number' });
    new EncryptedBucket(stack, 'Bucket', { minimumTlsVersion: tls.numberValue });
    const json = synthJson(stack);
    const condition = statement(policyFor(json, ref(json, 'aws_s3_bucket', 'id')), 'DenyOutdatedTls').Condition;
    expect(condition).toEqual({ NumericLessThan: { 's3:TlsVersion': ['${var.tls}'] } });
  });

  test('denySseC false: no SSE-C statement', () => {
    const { statements } = synthBucket({ denySseC: false });
    expect(sids(statements)).not.toContain('DenySseCUploads');
    expect(JSON.stringify(statements)).not.toContain('customer-algorithm');
  });

  // The binding decides: provider 5.x bindings have no such argument and must not get one.
  test.each([
    [undefined, ['SSE-C']],
    [true, ['SSE-C']],
    [false, ['NONE']],
  ])(`denySseC %s: S3's own SSE-C setting on the encryption rule (${BINDING_PACKAGE}, AWS provider ${BINDING_AWS_PROVIDER})`, (denySseC, blocked) => {
    const { json } = synthBucket({ denySseC });
    const rule = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
    if (BINDING_BLOCKS_ENCRYPTION_TYPES) {
      expect(rule.blocked_encryption_types).toEqual(blocked);
    } else {
      expect(rule).not.toHaveProperty('blocked_encryption_types');
    }
  });

  test.each([BucketEncryption.S3_MANAGED, BucketEncryption.DSSE_KMS])('%s buckets block SSE-C at S3 too, where the binding can', (encryption) => {
    const { json } = synthBucket({ encryption });
    const rule = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
    expect(rule.blocked_encryption_types).toEqual(BINDING_BLOCKS_ENCRYPTION_TYPES ? ['SSE-C'] : undefined);
  });

  test('blockPublicAccess: a partial override changes only the settings given', () => {
    const { json } = synthBucket({ blockPublicAccess: { blockPublicPolicy: false, restrictPublicBuckets: false } });
    expect(onlyResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: false,
      ignore_public_acls: true,
      restrict_public_buckets: false,
    });
  });

  test.each([ObjectOwnership.OBJECT_WRITER, ObjectOwnership.BUCKET_OWNER_PREFERRED])('objectOwnership %s', (objectOwnership) => {
    const { json } = synthBucket({ objectOwnership });
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: objectOwnership });
  });

  test('versioned false: no versioning resource and no lifecycle dependency on it', () => {
    const { json, bucket } = synthBucket({ versioned: false });
    expect(json.resource.aws_s3_bucket_versioning).toBeUndefined();
    expect(bucket.versioning).toBeUndefined();
    const lifecycle = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.depends_on).toBeUndefined();
    expect(lifecycle.rule).toHaveLength(1);
  });

  test('noncurrentVersionExpirationDays adds a rule deleting noncurrent versions after that many days', () => {
    const { json } = synthBucket({ noncurrentVersionExpirationDays: 90 });
    const rules = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule;
    expect(rules).toHaveLength(2);
    const expiry = rules.find((r: any) => r.noncurrent_version_expiration);
    expect(expiry).toMatchObject({
      status: 'Enabled',
      filter: [{ prefix: '' }],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
    expect(expiry.id).not.toBe(rules.find((r: any) => r.abort_incomplete_multipart_upload).id);
  });

  test('abortIncompleteMultipartUploadAfterDays sets the abort rule', () => {
    const { json } = synthBucket({ abortIncompleteMultipartUploadAfterDays: 2 });
    expect(onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule[0].abort_incomplete_multipart_upload)
      .toEqual([{ days_after_initiation: 2 }]);
  });

  describe('serverAccessLogs into an EncryptedBucket', () => {
    const stack = testStack();
    const logs = new EncryptedBucket(stack, 'Logs', { encryption: BucketEncryption.S3_MANAGED });
    const data = new EncryptedBucket(stack, 'Data', { serverAccessLogs: { targetBucket: logs } });
    const other = new EncryptedBucket(stack, 'Other', { serverAccessLogs: { targetBucket: logs, prefix: 'other/' } });
    const json = synthJson(stack);
    const names = Object.keys(json.resource.aws_s3_bucket);
    const name = (prefix: string) => names.find((n) => n.startsWith(prefix))!;
    const logsPolicy = policyFor(json, `\${aws_s3_bucket.${name('Logs')}.id}`);
    const account = Object.keys(json.data.aws_caller_identity)[0];

    test('a logging resource on each source, delivering into the target under the source name by default', () => {
      const logging = resourcesOf(json, 'aws_s3_bucket_logging');
      expect(logging).toHaveLength(2);
      expect(logging).toEqual(expect.arrayContaining([
        {
          bucket: `\${aws_s3_bucket.${name('Data')}.id}`,
          target_bucket: `\${aws_s3_bucket.${name('Logs')}.bucket}`,
          depends_on: [expect.stringMatching(/^aws_s3_bucket_policy\.Logs_Policy_/)],
          target_prefix: `\${aws_s3_bucket.${name('Data')}.bucket}/`,
        },
        {
          bucket: `\${aws_s3_bucket.${name('Other')}.id}`,
          target_bucket: `\${aws_s3_bucket.${name('Logs')}.bucket}`,
          depends_on: [expect.stringMatching(/^aws_s3_bucket_policy\.Logs_Policy_/)],
          target_prefix: 'other/',
        },
      ]));
      expect(data.logging).toBeDefined();
      expect(other.logging).toBeDefined();
      expect(logs.logging).toBeUndefined();
    });

    test('the target policy gains an Allow for logging.s3.amazonaws.com per source, limited by aws:SourceArn and aws:SourceAccount', () => {
      const allows = logsPolicy.filter((s) => s.Effect === 'Allow');
      expect(allows).toHaveLength(2);
      const logsArn = `\${aws_s3_bucket.${name('Logs')}.arn}`;
      expect(allows).toEqual(expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: ['logging.s3.amazonaws.com'] },
          Action: ['s3:PutObject'],
          Resource: [`${logsArn}/\${aws_s3_bucket.${name('Data')}.bucket}/*`],
          Condition: {
            ArnLike: { 'aws:SourceArn': [`\${aws_s3_bucket.${name('Data')}.arn}`] },
            StringEquals: { 'aws:SourceAccount': [`\${data.aws_caller_identity.${account}.account_id}`] },
          },
        }),
        expect.objectContaining({
          Principal: { Service: ['logging.s3.amazonaws.com'] },
          Resource: [`${logsArn}/other/*`],
          Condition: expect.objectContaining({ ArnLike: { 'aws:SourceArn': [`\${aws_s3_bucket.${name('Other')}.arn}`] } }),
        }),
      ]));
      expect(new Set(allows.map((s) => s.Sid)).size).toBe(2);
    });

    test('the target keeps its denies, in its one policy; the sources get no log statements', () => {
      expect(sids(logsPolicy)).toEqual(expect.arrayContaining(['DenyInsecureTransport', 'DenyWrongEncryptionHeader', 'DenySseCUploads']));
      expect(resourcesOf(json, 'aws_s3_bucket_policy')).toHaveLength(3);
      for (const source of ['Data', 'Other']) {
        const statements = policyFor(json, `\${aws_s3_bucket.${name(source)}.id}`);
        expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
      }
    });
  });

  test('serverAccessLogs into a bucket by name: a logging resource, no policy change here', () => {
    const { json, statements } = synthBucket({ serverAccessLogs: { targetBucketName: 'central-access-logs', prefix: 'data/' } });
    expect(onlyResource(json, 'aws_s3_bucket_logging')).toEqual({
      bucket: ref(json, 'aws_s3_bucket', 'id'),
      target_bucket: 'central-access-logs',
      target_prefix: 'data/',
    });
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  test('allowServerAccessLogsFrom lets a bucket managed elsewhere log into this one', () => {
    const { statements, bucketArn } = synthBucket({ encryption: BucketEncryption.S3_MANAGED }, (_stack, bucket) => {
      bucket.allowServerAccessLogsFrom('arn:aws:s3:::legacy-bucket', 'legacy/');
    });
    const allow = statements.find((s) => s.Effect === 'Allow')!;
    expect(allow.Resource).toEqual([`${bucketArn}/legacy/*`]);
    expect(allow.Condition!.ArnLike).toEqual({ 'aws:SourceArn': ['arn:aws:s3:::legacy-bucket'] });
  });

  test('forceDestroy true', () => {
    expect(synthBucket({ forceDestroy: true }).s3.force_destroy).toBe(true);
  });

  test('policyStatements and addToResourcePolicy are merged into the single bucket policy, after the generated statements', () => {
    const role = 'arn:aws:iam::111122223333:role/reader';
    const { json, statements, bucketArn } = synthBucket({
      policyStatements: [{
        sid: 'AllowReader',
        principals: [{ type: 'AWS', identifiers: [role] }],
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::x/*'],
      }],
    }, (_stack, bucket) => {
      bucket.addToResourcePolicy({
        sid: 'DenyDeletes',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:DeleteObject'],
        resources: [`${bucket.bucketArn}/*`],
        condition: [{ test: 'StringNotEquals', variable: 'aws:PrincipalAccount', values: ['111122223333'] }],
      });
    });
    expect(resourcesOf(json, 'aws_s3_bucket_policy')).toHaveLength(1);
    expect(sids(statements).slice(-2)).toEqual(['AllowReader', 'DenyDeletes']);
    expect(statement(statements, 'AllowReader')).toEqual({
      Sid: 'AllowReader', Effect: 'Allow', Principal: { AWS: [role] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::x/*'],
    });
    expect(statement(statements, 'DenyDeletes')).toEqual({
      Sid: 'DenyDeletes',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:DeleteObject'],
      Resource: [`${bucketArn}/*`],
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['111122223333'] } },
    });
    expect(sids(statements)).toContain('DenyInsecureTransport');
  });

  test('tags go on the bucket and on the key it creates', () => {
    const tags = { team: 'data', env: 'prod' };
    const { json, s3 } = synthBucket({ tags });
    expect(s3.tags).toEqual(tags);
    expect(onlyResource(json, 'aws_kms_key').tags).toEqual(tags);
  });

  test('two buckets: two keys, two policies (one each), one set of account data sources', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'A');
    new EncryptedBucket(stack, 'B');
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(2);
    const aliases = resourcesOf(json, 'aws_kms_alias').map((a) => a.name);
    expect(new Set(aliases).size).toBe(2);
    const policies = resourcesOf(json, 'aws_s3_bucket_policy').map((p) => p.bucket);
    expect(policies).toHaveLength(2);
    expect(new Set(policies).size).toBe(2);
    expect(Object.keys(json.data.aws_caller_identity)).toHaveLength(1);
    expect(Object.keys(json.data.aws_partition)).toHaveLength(1);
  });

  test('paths that read alike once made valid for an alias (raw.data, raw data, raw-data) get distinct aliases', () => {
    const stack = testStack();
    for (const id of ['raw.data', 'raw data', 'raw-data']) new EncryptedBucket(stack, id);
    const aliases = resourcesOf(synthJson(stack), 'aws_kms_alias').map((a) => a.name as string);
    expect(new Set(aliases).size).toBe(3);
    // A path that needed no change keeps its readable alias.
    expect(aliases).toContain('alias/encrypted-bucket/test/raw-data');
    for (const alias of aliases) expect(alias).toMatch(/^alias\/encrypted-bucket\/test\/raw-data(-[0-9a-f]{8})?$/);
  });

  test('the key a bucket creates is kept on destroy unless dangerouslyAllowKeyDestroy', () => {
    expect(onlyResource(synthBucket({}).json, 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['is_enabled'] });
    expect(onlyResource(synthBucket({ dangerouslyAllowKeyDestroy: true }).json, 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: false, ignore_changes: ['is_enabled'] });
  });

  test('a construct path with characters aliases do not allow, or too long for one, still yields a valid alias', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'data bucket.v2');
    new EncryptedBucket(stack, 'x'.repeat(300));
    const json = synthJson(stack);
    for (const { name } of resourcesOf(json, 'aws_kms_alias')) {
      expect(name).toMatch(/^alias\/[A-Za-z0-9/_-]+$/);
      expect(name.length).toBeLessThanOrEqual(256);
    }
  });
});

describe('EncryptedBucket grants', () => {
  function grantPolicy(props: EncryptedBucketProps, grant: 'grantRead' | 'grantWrite' | 'grantReadWrite', key?: string) {
    const stack = testStack();
    const encryptionKey = key ? ManagedCmk.fromKeyArn(stack, 'Imported', key) : undefined;
    const bucket = new EncryptedBucket(stack, 'Bucket', { ...props, encryptionKey });
    const role = roleIn(stack);
    const returned = bucket[grant](role);
    const json = synthJson(stack);
    const rolePolicy = onlyResource(json, 'aws_iam_role_policy');
    expect(rolePolicy.role).toBe(ref(json, 'aws_iam_role', 'name'));
    expect(returned).toBeDefined();
    const statements = parsePolicy(rolePolicy.policy).Statement;
    const bucketArn = ref(json, 'aws_s3_bucket', 'arn');
    const s3 = statements.find((s) => s.Action!.some((a) => a.startsWith('s3:')))!;
    const kms = statements.filter((s) => s.Action!.some((a) => a.startsWith('kms:')));
    expect(s3.Effect).toBe('Allow');
    expect(s3.Resource).toEqual([bucketArn, `${bucketArn}/*`]);
    return { json, statements, s3, kms };
  }

  test('grantRead: read S3 actions on bucket and objects; kms:Decrypt but not GenerateDataKey on the key', () => {
    const { json, s3, kms, statements } = grantPolicy({}, 'grantRead');
    expect(statements).toHaveLength(2);
    expect(grants(s3.Action!, 's3:GetObject')).toBe(true);
    expect(grants(s3.Action!, 's3:ListBucket')).toBe(true);
    expect(grants(s3.Action!, 's3:PutObject')).toBe(false);
    expect(grants(s3.Action!, 's3:DeleteObject')).toBe(false);
    expect(kms).toHaveLength(1);
    expect(kms[0].Effect).toBe('Allow');
    expect(kms[0].Resource).toEqual([ref(json, 'aws_kms_key', 'arn')]);
    expect(grants(kms[0].Action!, 'kms:Decrypt')).toBe(true);
    expect(grants(kms[0].Action!, 'kms:GenerateDataKey')).toBe(false);
    expect(grants(kms[0].Action!, 'kms:Encrypt')).toBe(false);
  });

  test('grantWrite: write S3 actions; kms:GenerateDataKey* and kms:Decrypt (multipart) on the key', () => {
    const { json, s3, kms } = grantPolicy({}, 'grantWrite');
    expect(grants(s3.Action!, 's3:PutObject')).toBe(true);
    expect(grants(s3.Action!, 's3:AbortMultipartUpload')).toBe(true);
    expect(grants(s3.Action!, 's3:DeleteObject')).toBe(true);
    expect(grants(s3.Action!, 's3:GetObject')).toBe(false);
    expect(kms).toHaveLength(1);
    expect(kms[0].Resource).toEqual([ref(json, 'aws_kms_key', 'arn')]);
    expect(kms[0].Action).toEqual(expect.arrayContaining(['kms:GenerateDataKey*', 'kms:Decrypt']));
  });

  test('grantReadWrite: both sets of S3 actions; GenerateDataKey* and Decrypt', () => {
    const { s3, kms } = grantPolicy({}, 'grantReadWrite');
    for (const action of ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject']) {
      expect(grants(s3.Action!, action)).toBe(true);
    }
    expect(kms[0].Action).toEqual(expect.arrayContaining(['kms:GenerateDataKey*', 'kms:Decrypt']));
  });

  test.each(['grantRead', 'grantWrite', 'grantReadWrite'] as const)('%s on an S3_MANAGED bucket grants no KMS statement', (grant) => {
    const { kms, statements } = grantPolicy({ encryption: BucketEncryption.S3_MANAGED }, grant);
    expect(kms).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  test('a bucket with an imported key grants KMS use on that key ARN', () => {
    const { kms } = grantPolicy({}, 'grantWrite', KEY_ARN);
    expect(kms).toHaveLength(1);
    expect(kms[0].Resource).toEqual([KEY_ARN]);
  });
});

// ---------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------

/**
 * A bad input: the bucket `test/Bucket` built with `props`, or whatever `build` builds;
 * the option the error names, at `path`; the value it quotes as `(got <value>)`, if it
 * quotes one; and what the message says is allowed.
 */
type Case = {
  readonly label: string;
  /** The construct the error names; by default the bucket. */
  readonly path?: string;
  readonly option: string;
  readonly value?: string;
  readonly allowed: RegExp;
} & (
  | { readonly props: EncryptedBucketProps; readonly build?: never }
  | { readonly build: (stack: TerraformStack) => unknown; readonly props?: never }
);
const kmsLogs = (stack: TerraformStack) => new EncryptedBucket(stack, 'Logs');
const s3Logs = (stack: TerraformStack, props: EncryptedBucketProps = {}) =>
  new EncryptedBucket(stack, 'Logs', { encryption: BucketEncryption.S3_MANAGED, ...props });

const BAD_NAMES: Array<[string, RegExp]> = [
  ['MyBucket', /lowercase letters, digits/],
  ['my_bucket', /lowercase letters, digits/],
  ['ab', /3-63 characters/],
  ['a'.repeat(64), /3-63 characters/],
  ['-bucket', /start and end with a letter or digit/],
  ['bucket-', /start and end with a letter or digit/],
  ['my..bucket', /must not contain "\.\.", "\.-" or "-\."/],
  ['my.-bucket', /must not contain/],
  ['my-.bucket', /must not contain/],
  ['192.168.5.4', /IP address/],
  ['xn--bucket', /reserved prefix "xn--"/],
  ['sthree-bucket', /reserved prefix "sthree-"/],
  ['amzn-s3-demo-bucket', /reserved prefix "amzn-s3-demo-"/],
  ['bucket-s3alias', /reserved suffix "-s3alias"/],
  ['bucket--ol-s3', /reserved suffix "--ol-s3"/],
  ['bucket.mrap', /reserved suffix "\.mrap"/],
  ['bucket--x-s3', /reserved suffix "--x-s3"/],
  ['bucket--table-s3', /reserved suffix "--table-s3"/],
];

describe('EncryptedBucket rejects bad input', () => {
  test.each<Case>([
    ...BAD_NAMES.map(([name, allowed]): Case => ({ label: `bucketName ${name}`, props: { bucketName: name }, option: 'bucketName', value: `"${name}"`, allowed })),
    { label: 'bucketName with bucketPrefix', props: { bucketName: 'data', bucketPrefix: 'data-' }, option: 'bucketPrefix', value: '"data-"', allowed: /cannot be set together with bucketName/ },
    { label: 'bucketPrefix of 38 characters', props: { bucketPrefix: 'a'.repeat(38) }, option: 'bucketPrefix', value: `"${'a'.repeat(38)}"`, allowed: /1-37 characters/ },
    { label: 'bucketPrefix uppercase', props: { bucketPrefix: 'Logs-' }, option: 'bucketPrefix', value: '"Logs-"', allowed: /lowercase letters/ },
    { label: 'bucketPrefix xn--', props: { bucketPrefix: 'xn--a' }, option: 'bucketPrefix', value: '"xn--a"', allowed: /reserved prefix/ },
    { label: 'encryption not a BucketEncryption', props: { encryption: 'aws:kms:tls' as BucketEncryption }, option: 'encryption', value: '"aws:kms:tls"', allowed: /one of "aws:kms", "aws:kms:dsse", "AES256"/ },
    {
      label: 'encryptionKey with S3_MANAGED',
      build: (stack) => new EncryptedBucket(stack, 'Bucket', {
        encryption: BucketEncryption.S3_MANAGED, encryptionKey: ManagedCmk.fromKeyArn(stack, 'Key', KEY_ARN),
      }),
      option: 'encryptionKey',
      value: '"test/Key"',
      allowed: /cannot be set with S3_MANAGED encryption/,
    },
    { label: 'pinEncryptionKey true with S3_MANAGED', props: { encryption: BucketEncryption.S3_MANAGED, pinEncryptionKey: true }, option: 'pinEncryptionKey', value: 'true', allowed: /S3_MANAGED/ },
    { label: 'pinEncryptionKey false with S3_MANAGED', props: { encryption: BucketEncryption.S3_MANAGED, pinEncryptionKey: false }, option: 'pinEncryptionKey', value: 'false', allowed: /S3_MANAGED/ },
    { label: 'bucketKeyEnabled true with DSSE_KMS', props: { encryption: BucketEncryption.DSSE_KMS, bucketKeyEnabled: true }, option: 'bucketKeyEnabled', value: 'true', allowed: /DSSE_KMS.*SSE-KMS only/ },
    { label: 'bucketKeyEnabled true with S3_MANAGED', props: { encryption: BucketEncryption.S3_MANAGED, bucketKeyEnabled: true }, option: 'bucketKeyEnabled', value: 'true', allowed: /S3_MANAGED.*SSE-KMS only/ },
    { label: 'encryptionEnforcement unknown', props: { encryptionEnforcement: 'STRICT' as EncryptionEnforcement }, option: 'encryptionEnforcement', value: '"STRICT"', allowed: /one of "DENY_MISMATCHED_HEADERS", "REQUIRE_HEADERS", "NONE"/ },
    { label: 'minimumTlsVersion 1.4', props: { minimumTlsVersion: 1.4 }, option: 'minimumTlsVersion', value: '1.4', allowed: /one of 1, 1.1, 1.2, 1.3/ },
    { label: 'minimumTlsVersion 0.9', props: { minimumTlsVersion: 0.9 }, option: 'minimumTlsVersion', value: '0.9', allowed: /one of 1, 1.1, 1.2, 1.3/ },
    { label: 'minimumTlsVersion 2', props: { minimumTlsVersion: 2 }, option: 'minimumTlsVersion', value: '2', allowed: /one of/ },
    { label: 'minimumTlsVersion 12 (percent-ish typo)', props: { minimumTlsVersion: 12 }, option: 'minimumTlsVersion', value: '12', allowed: /one of/ },
    { label: 'minimumTlsVersion with enforceHttps false', props: { enforceHttps: false, minimumTlsVersion: 1.2 }, option: 'minimumTlsVersion', value: '1.2', allowed: /enforceHttps is false/ },
    { label: 'noncurrentVersionExpirationDays with versioned false', props: { versioned: false, noncurrentVersionExpirationDays: 30 }, option: 'noncurrentVersionExpirationDays', value: '30', allowed: /versioned is false/ },
    { label: 'noncurrentVersionExpirationDays 0', props: { noncurrentVersionExpirationDays: 0 }, option: 'noncurrentVersionExpirationDays', value: '0', allowed: /integer between 1 and/ },
    { label: 'noncurrentVersionExpirationDays 1.5', props: { noncurrentVersionExpirationDays: 1.5 }, option: 'noncurrentVersionExpirationDays', value: '1.5', allowed: /integer between 1 and/ },
    { label: 'abortIncompleteMultipartUploadAfterDays 0', props: { abortIncompleteMultipartUploadAfterDays: 0 }, option: 'abortIncompleteMultipartUploadAfterDays', value: '0', allowed: /integer between 1 and/ },
    { label: 'abortIncompleteMultipartUploadAfterDays 2.5', props: { abortIncompleteMultipartUploadAfterDays: 2.5 }, option: 'abortIncompleteMultipartUploadAfterDays', value: '2.5', allowed: /integer between 1 and/ },
    { label: 'serverAccessLogs with neither target', props: { serverAccessLogs: {} }, option: 'serverAccessLogs', allowed: /exactly one of targetBucket and targetBucketName/ },
    {
      label: 'serverAccessLogs with both targets',
      build: (stack) => new EncryptedBucket(stack, 'Bucket', {
        serverAccessLogs: { targetBucket: s3Logs(stack), targetBucketName: 'other-logs' },
      }),
      option: 'serverAccessLogs',
      allowed: /exactly one of targetBucket and targetBucketName/,
    },
    {
      label: 'serverAccessLogs into a KMS bucket',
      build: (stack) => new EncryptedBucket(stack, 'Bucket', {
        serverAccessLogs: { targetBucket: kmsLogs(stack) },
      }),
      option: 'serverAccessLogs.targetBucket',
      value: '"test/Logs"',
      allowed: /cannot receive this bucket's logs: its encryption must be S3_MANAGED/,
    },
    {
      label: 'serverAccessLogs into a DSSE bucket',
      build: (stack) => new EncryptedBucket(stack, 'Bucket', {
        serverAccessLogs: { targetBucket: new EncryptedBucket(stack, 'Logs', { encryption: BucketEncryption.DSSE_KMS }) },
      }),
      option: 'serverAccessLogs.targetBucket',
      value: '"test/Logs"',
      allowed: /its encryption must be S3_MANAGED/,
    },
    {
      label: 'serverAccessLogs into a REQUIRE_HEADERS bucket',
      build: (stack) => new EncryptedBucket(stack, 'Bucket', {
        serverAccessLogs: { targetBucket: s3Logs(stack, { encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS }) },
      }),
      option: 'serverAccessLogs.targetBucket',
      value: '"test/Logs"',
      allowed: /its encryptionEnforcement must not be REQUIRE_HEADERS .*log delivery sends no encryption headers/,
    },
    {
      label: 'allowServerAccessLogsFrom on a KMS bucket',
      build: (stack) => {
        const target = kmsLogs(stack);
        target.allowServerAccessLogsFrom('arn:aws:s3:::source', 'source/');
        return target;
      },
      path: 'test/Logs',
      option: 'encryption',
      value: '"KMS"',
      allowed: /must be S3_MANAGED for a bucket that receives server access logs/,
    },
    { label: 'serverAccessLogs.targetBucketName not a bucket name', props: { serverAccessLogs: { targetBucketName: 'Central Logs' } }, option: 'serverAccessLogs.targetBucketName', value: '"Central Logs"', allowed: /lowercase letters/ },
    { label: 'serverAccessLogs.prefix with a wildcard', props: { serverAccessLogs: { targetBucketName: 'central-logs', prefix: 'data/*' } }, option: 'serverAccessLogs.prefix', value: '"data/*"', allowed: /must not contain \*/ },
    {
      label: 'allowServerAccessLogsFrom prefix with a quote',
      build: (stack) => {
        const target = s3Logs(stack);
        target.allowServerAccessLogsFrom('arn:aws:s3:::source', 'a"b/');
        return target;
      },
      path: 'test/Logs',
      option: 'prefix',
      value: '"a"b/"',
      allowed: /must not contain/,
    },
    {
      label: 'grantRead on a key that ignores IAM policies',
      build: (stack) => {
        const key = new ManagedCmk(stack, 'Key', { alias: 'strict', enableIamPolicies: false, keyAdministratorArns: ['arn:aws:iam::111122223333:role/admin'] });
        const b = new EncryptedBucket(stack, 'Bucket', { encryptionKey: key });
        b.grantRead(new IamRole(stack, 'Reader', { assumeRolePolicy: '{}' }));
        return b;
      },
      option: 'encryptionKey',
      value: '"test/Key"',
      allowed: /enableIamPolicies true for grantRead/,
    },
    { label: 'pinEncryptionKey true with enforcement NONE', props: { encryptionEnforcement: EncryptionEnforcement.NONE, pinEncryptionKey: true }, option: 'pinEncryptionKey', value: 'true', allowed: /NONE/ },
    { label: 'objectOwnership unknown', props: { objectOwnership: 'Everyone' as ObjectOwnership }, option: 'objectOwnership', value: '"Everyone"', allowed: /one of "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"/ },
    {
      label: 'serverAccessLogs into the bucket itself',
      build: (stack) => {
        const options: ServerAccessLogsOptions = {
          // Read while the bucket is being constructed, once it is in the tree.
          get targetBucket() { return stack.node.tryFindChild('Bucket') as EncryptedBucket; },
        };
        return new EncryptedBucket(stack, 'Bucket', { encryption: BucketEncryption.S3_MANAGED, serverAccessLogs: options });
      },
      option: 'serverAccessLogs.targetBucket',
      allowed: /must be another bucket/,
    },
    {
      label: 'dangerouslyAllowKeyDestroy with an encryptionKey',
      build: (stack) => new EncryptedBucket(stack, 'Bucket', {
        encryptionKey: new ManagedCmk(stack, 'Key', { alias: 'given' }), dangerouslyAllowKeyDestroy: true,
      }),
      option: 'dangerouslyAllowKeyDestroy',
      value: 'true',
      allowed: /cannot be set with an encryptionKey, which this bucket does not own: set it on that key/,
    },
    { label: 'dangerouslyAllowKeyDestroy with S3_MANAGED', props: { encryption: BucketEncryption.S3_MANAGED, dangerouslyAllowKeyDestroy: true }, option: 'dangerouslyAllowKeyDestroy', value: 'true', allowed: /cannot be set with S3_MANAGED encryption/ },
    { label: 'policyStatements effect Maybe', props: { policyStatements: [{ effect: 'Maybe', actions: ['s3:GetObject'] }] }, option: 'policyStatements[0]', value: '"Maybe"', allowed: /effect must be "Allow" or "Deny"/ },
    {
      label: 'policyStatements unconditional public Allow',
      props: {
        policyStatements: [
          { effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:DeleteBucket'], resources: ['*'] },
          { effect: 'Allow', principals: [{ type: '*', identifiers: ['*'] }], actions: ['s3:GetObject'], resources: ['*'] },
        ],
      },
      option: 'policyStatements[1]',
      allowed: /must not Allow the "\*" principal \(or use NotPrincipal\) unless a condition limits the caller/,
    },
    {
      label: 'addToResourcePolicy unconditional public Allow',
      build: (stack) => new EncryptedBucket(stack, 'Bucket').addToResourcePolicy({
        principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['s3:GetObject'], resources: ['*'],
      }),
      option: 'addToResourcePolicy',
      allowed: /must not Allow the "\*" principal/,
    },
    {
      label: 'addToResourcePolicy "*" beside an account, limited by nothing',
      build: (stack) => new EncryptedBucket(stack, 'Bucket').addToResourcePolicy({
        principals: [{ type: '*', identifiers: ['*'] }, { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }], actions: ['s3:GetObject'], resources: ['*'],
      }),
      option: 'addToResourcePolicy',
      allowed: /must not Allow the "\*" principal/,
    },
    {
      label: 'addToResourcePolicy "*" under a ForAllValues: condition',
      build: (stack) => new EncryptedBucket(stack, 'Bucket').addToResourcePolicy({
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:GetObject'],
        resources: ['*'],
        condition: [{ test: 'ForAllValues:StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-abc123'] }],
      }),
      option: 'addToResourcePolicy',
      allowed: /must not Allow the "\*" principal/,
    },
    {
      label: 'addToResourcePolicy "*" limited by a wildcard principal ARN',
      build: (stack) => new EncryptedBucket(stack, 'Bucket').addToResourcePolicy({
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:GetObject'],
        resources: ['*'],
        condition: [{ test: 'StringLike', variable: 'aws:PrincipalArn', values: ['arn:aws:iam::*:role/*'] }],
      }),
      option: 'addToResourcePolicy',
      allowed: /must not Allow the "\*" principal/,
    },
    {
      label: 'addToResourcePolicy without principals',
      build: (stack) => new EncryptedBucket(stack, 'Bucket').addToResourcePolicy({
        actions: ['s3:GetObject'], resources: ['*'],
      }),
      option: 'addToResourcePolicy',
      allowed: /must name principals \(or notPrincipals\): S3 rejects/,
    },
    {
      label: 'policyStatements without resources',
      props: {
        policyStatements: [{ principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }], actions: ['s3:GetObject'] }],
      },
      option: 'policyStatements[0]',
      allowed: /must name resources/,
    },
    {
      label: 'addToResourcePolicy effect Maybe',
      build: (stack) => new EncryptedBucket(stack, 'Bucket').addToResourcePolicy({
        effect: 'Maybe', actions: ['s3:GetObject'],
      }),
      option: 'addToResourcePolicy',
      value: '"Maybe"',
      allowed: /effect must be "Allow" or "Deny"/,
    },
    { label: 'allowServerAccessLogsFrom on a KMS bucket', build: (stack) => new EncryptedBucket(stack, 'Bucket').allowServerAccessLogsFrom('arn:aws:s3:::src', 'src/'), option: 'encryption', value: '"KMS"', allowed: /must be S3_MANAGED/ },
  ])('$label', ({ props, build, path = 'test/Bucket', option, value, allowed }) => {
    const stack = testStack();
    const error = errorOf(() => (build ? build(stack) : new EncryptedBucket(stack, 'Bucket', props)));
    expect(error.option).toBe(option);
    expect(error.constructPath).toBe(path);
    expect(error.message).toContain(`EncryptedBucket "${path}": ${option} `);
    expect(error.message).toMatch(allowed);
    if (value !== undefined) expect(error.message).toContain(`(got ${value})`);
  });
});

describe('EncryptedBucket accepts boundary values and tokens', () => {
  test.each<[string, EncryptedBucketProps]>([
    ['bucketName of 3 characters', { bucketName: 'abc' }],
    ['bucketName of 63 characters', { bucketName: `a${'b'.repeat(61)}c` }],
    ['bucketPrefix of 37 characters', { bucketPrefix: 'p'.repeat(36) + '-' }],
    ['minimumTlsVersion 1.3', { minimumTlsVersion: 1.3 }],
    ['minimumTlsVersion 1.0', { minimumTlsVersion: 1.0 }],
    ['enforceHttps false alone', { enforceHttps: false }],
    ['abortIncompleteMultipartUploadAfterDays 1', { abortIncompleteMultipartUploadAfterDays: 1 }],
    ['noncurrentVersionExpirationDays 1', { noncurrentVersionExpirationDays: 1 }],
    ['bucketKeyEnabled false with DSSE_KMS', { encryption: BucketEncryption.DSSE_KMS, bucketKeyEnabled: false }],
    ['bucketKeyEnabled false with S3_MANAGED', { encryption: BucketEncryption.S3_MANAGED, bucketKeyEnabled: false }],
    ['pinEncryptionKey true with DSSE_KMS', { encryption: BucketEncryption.DSSE_KMS, pinEncryptionKey: true }],
    ['versioned false without noncurrent expiry', { versioned: false }],
    ['a conditional Allow to "*"', {
      policyStatements: [{
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:GetObject'],
        resources: ['*'],
        condition: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-abc123'] }],
      }],
    }],
  ])('%s', (_label, props) => {
    expect(() => synthBucket(props)).not.toThrow();
  });

  test('unresolved bucketName, bucketPrefix and numbers pass validation and reach Terraform as references', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    const days = new TerraformVariable(stack, 'days', { type: 'number' });
    const noncurrent = new TerraformVariable(stack, 'noncurrent', { type: 'number' });
    new EncryptedBucket(stack, 'Named', {
      bucketName: name.stringValue,
      abortIncompleteMultipartUploadAfterDays: Token.asNumber(days.value),
      noncurrentVersionExpirationDays: noncurrent.numberValue,
    });
    new EncryptedBucket(stack, 'Prefixed', { bucketPrefix: Fn.lower('DATA-') });
    const json = synthJson(stack);
    const buckets = resourcesOf(json, 'aws_s3_bucket');
    expect(buckets.map((b) => b.bucket)).toContain('${var.name}');
    expect(buckets.find((b) => b.bucket_prefix)!.bucket_prefix).toMatch(/lower\(/);
    const rules = resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration').find((l) => l.rule.length === 2).rule;
    expect(rules[0].abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: '${var.days}' }]);
    expect(rules[1].noncurrent_version_expiration).toEqual([{ noncurrent_days: '${var.noncurrent}' }]);
  });

  test('an unresolved minimumTlsVersion passes validation', () => {
    const stack = testStack();
    const tls = new TerraformVariable(stack, 'tls', { type: 'number' });
    expect(() => new EncryptedBucket(stack, 'Bucket', { minimumTlsVersion: tls.numberValue })).not.toThrow();
  });
});

describe('account lookups', () => {
  test('a bucket without log sources reads no caller identity', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Bucket', { encryption: BucketEncryption.S3_MANAGED });
    expect(synthJson(stack).data?.aws_caller_identity).toBeUndefined();
  });

  test('allowServerAccessLogsFrom names the source account given', () => {
    const stack = testStack();
    const logs = new EncryptedBucket(stack, 'Logs', { encryption: BucketEncryption.S3_MANAGED });
    logs.allowServerAccessLogsFrom('arn:aws:s3:::partner-data', 'partner/', '444455556666');
    const allow = statement(parsePolicy(onlyResource(synthJson(stack), 'aws_s3_bucket_policy').policy).Statement, 'AllowServerAccessLogDelivery0');
    expect(allow.Condition).toEqual({
      ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::partner-data'] },
      StringEquals: { 'aws:SourceAccount': ['444455556666'] },
    });
  });
});

describe('Sids in the bucket policy', () => {
  const denyDelete = (sid: string) =>
    ({ sid, effect: 'Deny', actions: ['s3:DeleteObject'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }] });

  test('policyStatements reusing one of the bucket\'s own Sids fails in the constructor, naming the statement and the Sid', () => {
    const error = errorOf(() => new EncryptedBucket(testStack(), 'Bucket', { policyStatements: [denyDelete('DenyInsecureTransport')] }));
    expect(error.message).toBe('EncryptedBucket "test/Bucket": policyStatements[0] must use a Sid that is not already in the bucket policy (got "DenyInsecureTransport")');
  });

  test('two policyStatements with one Sid fail at the second', () => {
    const error = errorOf(() => new EncryptedBucket(testStack(), 'Bucket', { policyStatements: [denyDelete('Mine'), denyDelete('Mine')] }));
    expect(error.option).toBe('policyStatements[1]');
  });

  test('addToResourcePolicy with a Sid already in the policy fails at that call, naming the Sid', () => {
    const target = new EncryptedBucket(testStack(), 'Bucket', { policyStatements: [denyDelete('Mine')] });
    const error = errorOf(() => target.addToResourcePolicy(denyDelete('Mine')));
    expect(error.message).toBe('EncryptedBucket "test/Bucket": addToResourcePolicy must use a Sid that is not already in the bucket policy (got "Mine")');
    expect(errorOf(() => target.addToResourcePolicy(denyDelete('DenyOtherKmsKey'))).option).toBe('addToResourcePolicy');
  });

  test('an effect given as a token is not validated', () => {
    const stack = testStack();
    const effect = new TerraformVariable(stack, 'effect', { type: 'string' });
    expect(() => new EncryptedBucket(stack, 'Bucket', {
      policyStatements: [{ effect: effect.stringValue, actions: ['s3:DeleteObject'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }] }],
    })).not.toThrow();
  });
});

test('statements added after a first synth reach the policy of the next synth', () => {
  const stack = testStack();
  const target = new EncryptedBucket(stack, 'Bucket');
  const before = sids(parsePolicy(onlyResource(synthJson(stack), 'aws_s3_bucket_policy').policy).Statement);
  target.addToResourcePolicy({ sid: 'DenyDeleteBucket', effect: 'Deny', actions: ['s3:DeleteBucket'], resources: [target.bucketArn], principals: [{ type: '*', identifiers: ['*'] }] });
  const after = sids(parsePolicy(onlyResource(synthJson(stack), 'aws_s3_bucket_policy').policy).Statement);
  expect(before).not.toContain('DenyDeleteBucket');
  expect(after).toEqual([...before, 'DenyDeleteBucket']);
});

test('a log target in another stack is refused with a way out', () => {
  const app = testApp();
  const logsStack = new TerraformStack(app, 'logs');
  new AwsProvider(logsStack, 'aws', { region: 'us-east-1' });
  const logs = new EncryptedBucket(logsStack, 'Logs', { encryption: BucketEncryption.S3_MANAGED });
  const dataStack = new TerraformStack(app, 'data');
  new AwsProvider(dataStack, 'aws', { region: 'us-east-1' });
  const error = errorOf(() => new EncryptedBucket(dataStack, 'Data', { serverAccessLogs: { targetBucket: logs } }));
  expect(error.message).toBe(
    'EncryptedBucket "data/Data": serverAccessLogs.targetBucket must be in the same stack; for a target in another stack, give targetBucketName and call allowServerAccessLogsFrom on the target (got "logs/Logs")',
  );
});
