/**
 * Adoption: `adopt` on ManagedCmk and EncryptedBucket writes a Terraform `import` block
 * for each resource the construct manages that already exists, with the id the AWS
 * provider imports that resource type by, on the construct's provider; it changes
 * nothing else of what is synthesized; and what cannot be adopted safely is refused at
 * synth, naming the construct, the option and the value.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { BucketAdoption, BucketEncryption, EncryptedBucket, EncryptedBucketProps, ManagedCmk, ManagedCmkProps } from '../src';
import { errorOf, synthJson, testStack } from './support/synth';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK_ID = 'mrk-1234abcd12ab34cd56ef1234567890ab';
const BUCKET = 'console-lab-bucket-111122223333';

/** Each import block of the synthesized stack: the Terraform type it imports into -> its id and provider. */
function importsOf(json: any): Record<string, { id: string; provider?: string }[]> {
  const out: Record<string, { id: string; provider?: string }[]> = {};
  for (const block of json.import ?? []) {
    const [type, name] = block.to.split('.');
    // The block must target a resource this stack declares, or Terraform rejects it.
    expect(json.resource?.[type]?.[name]).toBeDefined();
    (out[type] ??= []).push({ id: block.id, ...(block.provider ? { provider: block.provider } : {}) });
  }
  return out;
}

/** The id each imported type is imported by, for a stack where every type is imported once. */
function importIds(json: any): Record<string, string> {
  return Object.fromEntries(Object.entries(importsOf(json)).map(([type, blocks]) => {
    expect(blocks).toHaveLength(1);
    return [type, blocks[0].id];
  }));
}

function withWest(): { stack: TerraformStack; west: AwsProvider } {
  const stack = testStack();
  return { stack, west: new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' }) };
}

function adoptedBucket(adopt: Partial<BucketAdoption> = {}, props: EncryptedBucketProps = {}): any {
  const stack = testStack();
  new EncryptedBucket(stack, 'Data', { ...props, adopt: { bucketName: BUCKET, ...adopt } });
  return synthJson(stack);
}

const BUCKET_CONFIGURATIONS = {
  aws_s3_bucket: BUCKET,
  aws_s3_bucket_server_side_encryption_configuration: BUCKET,
  aws_s3_bucket_public_access_block: BUCKET,
  aws_s3_bucket_ownership_controls: BUCKET,
  aws_s3_bucket_versioning: BUCKET,
  aws_s3_bucket_lifecycle_configuration: BUCKET,
  aws_s3_bucket_policy: BUCKET,
};

describe('ManagedCmk adopt', () => {
  test('imports the key by its id and the alias by its name, alias/<name>', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'Key', { alias: 'aws-CMK-key', adopt: { keyId: KEY_ID } });
    expect(importIds(synthJson(stack))).toEqual({ aws_kms_key: KEY_ID, aws_kms_alias: 'alias/aws-CMK-key' });
  });

  test('a multi-Region key id (mrk-...) is accepted', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'Key', { alias: 'global', multiRegion: true, adopt: { keyId: MRK_ID } });
    expect(importIds(synthJson(stack)).aws_kms_key).toBe(MRK_ID);
  });

  test.each([
    ['a multi-Region key id without multiRegion', MRK_ID, undefined, 'true for a multi-Region key'],
    ['a single-Region key id with multiRegion', KEY_ID, true, 'false (or unset) for a single-Region key'],
  ])('%s is refused: Terraform would replace the key', (_what, keyId, multiRegion, reason) => {
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias: 'lab', multiRegion, adopt: { keyId } }));
    expect(error.option).toBe('multiRegion');
    expect(error.message).toContain(reason);
  });

  test('aliasExists false imports the key only, and creates the alias', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'Key', { alias: 'new-name', adopt: { keyId: KEY_ID, aliasExists: false } });
    expect(importIds(synthJson(stack))).toEqual({ aws_kms_key: KEY_ID });
  });

  test('the imports are on the key\'s provider', () => {
    const { stack, west } = withWest();
    new ManagedCmk(stack, 'Key', { alias: 'lab', provider: west, adopt: { keyId: KEY_ID } });
    const imports = importsOf(synthJson(stack));
    expect(imports.aws_kms_key).toEqual([{ id: KEY_ID, provider: 'aws.west' }]);
    expect(imports.aws_kms_alias).toEqual([{ id: 'alias/lab', provider: 'aws.west' }]);
  });

  test('adoption adds import blocks and changes nothing else: same policy, same deletion protection', () => {
    const props: ManagedCmkProps = { alias: 'lab', keyAdministratorArns: ['arn:aws:iam::111122223333:role/Admin'] };
    const fresh = testStack();
    new ManagedCmk(fresh, 'Key', props);
    const adopted = testStack();
    new ManagedCmk(adopted, 'Key', { ...props, adopt: { keyId: KEY_ID } });
    const { import: imports, ...rest } = synthJson(adopted);
    expect(imports).toHaveLength(2);
    expect(rest).toEqual(synthJson(fresh));
    expect(Object.values<any>(rest.resource.aws_kms_key)[0].lifecycle).toEqual({ prevent_destroy: true });
  });

  test('the lockout rules of a new key apply: without IAM policies, an administrator is still required', () => {
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias: 'lab', enableIamPolicies: false, adopt: { keyId: KEY_ID } }));
    expect(error.option).toBe('keyAdministratorArns');
  });

  test.each([
    ['a key ARN', `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`],
    ['an alias', 'alias/aws-CMK-key'],
    ['an upper-case id', KEY_ID.toUpperCase()],
    ['a token', Token.asString({ Ref: 'key' })],
  ])('adopt.keyId as %s is refused with the form it must have', (_what, keyId) => {
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias: 'lab', adopt: { keyId } }));
    expect(error.option).toBe('adopt.keyId');
    expect(error.constructPath).toBe('test/Key');
    expect(error.message).toContain('ManagedCmk "test/Key": adopt.keyId ');
    expect(error.message).toContain('1234abcd-12ab-34cd-56ef-1234567890ab');
    if (!Token.isUnresolved(keyId)) expect(error.message).toContain(`(got "${keyId}")`);
  });

  test('dangerouslyAllowKeyDestroy is refused with adopt', () => {
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias: 'lab', dangerouslyAllowKeyDestroy: true, adopt: { keyId: KEY_ID } }));
    expect(error.option).toBe('dangerouslyAllowKeyDestroy');
    expect(error.message).toContain('with adopt');
  });

  test('an alias in the AWS-managed namespace is refused', () => {
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias: 'alias/aws/s3', adopt: { keyId: KEY_ID } }));
    expect(error.option).toBe('alias');
    expect(error.message).toContain('alias/aws/');
  });

  test('an alias that is a token cannot be imported, unless it is created (aliasExists false)', () => {
    const alias = Token.asString({ Ref: 'name' });
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias, adopt: { keyId: KEY_ID } }));
    expect(error.option).toBe('alias');
    expect(error.message).toContain('aliasExists');
    const stack = testStack();
    new ManagedCmk(stack, 'Key', { alias, adopt: { keyId: KEY_ID, aliasExists: false } });
    expect(importIds(synthJson(stack))).toEqual({ aws_kms_key: KEY_ID });
  });

  test('the same key adopted twice in a stack is refused, naming the first adopter; on another provider it is another key', () => {
    const { stack, west } = withWest();
    new ManagedCmk(stack, 'First', { alias: 'one', adopt: { keyId: KEY_ID } });
    const error = errorOf(() => new ManagedCmk(stack, 'Second', { alias: 'two', adopt: { keyId: KEY_ID } }));
    expect(error.option).toBe('adopt.keyId');
    expect(error.constructPath).toBe('test/Second');
    expect(error.message).toContain('"test/First"');
    expect(error.message).toContain(`(got "${KEY_ID}")`);
    new ManagedCmk(stack, 'InWest', { alias: 'one', provider: west, adopt: { keyId: KEY_ID } });
  });
});

describe('EncryptedBucket adopt', () => {
  test('imports the bucket and each configuration it manages, all by the bucket name', () => {
    const json = adoptedBucket();
    expect(importIds(json)).toEqual(BUCKET_CONFIGURATIONS);
    const bucket = Object.values<any>(json.resource.aws_s3_bucket)[0];
    expect(bucket.bucket).toBe(BUCKET);
    expect(bucket.force_destroy).toBe(false);
  });

  test('the bucket\'s own new key is created, not imported', () => {
    const json = adoptedBucket();
    expect(Object.keys(json.resource.aws_kms_key)).toHaveLength(1);
    expect(importsOf(json).aws_kms_key).toBeUndefined();
  });

  test.each([
    ['publicAccessBlockExists', 'aws_s3_bucket_public_access_block'],
    ['ownershipControlsExists', 'aws_s3_bucket_ownership_controls'],
    ['policyExists', 'aws_s3_bucket_policy'],
    ['lifecycleConfigurationExists', 'aws_s3_bucket_lifecycle_configuration'],
  ])('%s false creates that configuration instead of importing it', (option, type) => {
    const json = adoptedBucket({ [option]: false });
    const expected: Record<string, string> = { ...BUCKET_CONFIGURATIONS };
    delete expected[type];
    expect(importIds(json)).toEqual(expected);
    expect(Object.keys(json.resource[type])).toHaveLength(1);
  });

  test('versioning is imported whenever the construct manages it: a never-versioned bucket reads as Disabled', () => {
    expect(importIds(adoptedBucket({}, { versioned: true })).aws_s3_bucket_versioning).toBe(BUCKET);
  });

  test('versioned false manages no versioning, so none is imported', () => {
    const ids = importIds(adoptedBucket({}, { versioned: false }));
    expect(ids.aws_s3_bucket_versioning).toBeUndefined();
    expect(ids.aws_s3_bucket).toBe(BUCKET);
  });

  test('server access logging is imported when the construct configures it, unless loggingExists is false', () => {
    const logs = { serverAccessLogs: { targetBucketName: 'central-logs-111122223333' } };
    expect(importIds(adoptedBucket({}, logs)).aws_s3_bucket_logging).toBe(BUCKET);
    expect(importIds(adoptedBucket({ loggingExists: false }, logs)).aws_s3_bucket_logging).toBeUndefined();
  });

  test('loggingExists without serverAccessLogs is refused', () => {
    const error = errorOf(() => adoptedBucket({ loggingExists: true }));
    expect(error.option).toBe('adopt.loggingExists');
    expect(error.message).toContain('serverAccessLogs');
  });

  test('the replication configuration is imported with the first rule, given at construction or after', () => {
    for (const late of [false, true]) {
      const stack = testStack();
      const destination = new EncryptedBucket(stack, 'Replica');
      const source = new EncryptedBucket(stack, 'Data', {
        adopt: { bucketName: BUCKET },
        replicationRules: late ? undefined : [{ destination }],
      });
      if (late) source.addReplicationRule({ destination });
      expect(importIds(synthJson(stack)).aws_s3_bucket_replication_configuration).toBe(BUCKET);
    }
    const stack = testStack();
    const destination = new EncryptedBucket(stack, 'Replica');
    new EncryptedBucket(stack, 'Data', { adopt: { bucketName: BUCKET, replicationConfigurationExists: false }, replicationRules: [{ destination }] });
    expect(importIds(synthJson(stack)).aws_s3_bucket_replication_configuration).toBeUndefined();
  });

  test('every import is on the bucket\'s provider', () => {
    const { stack, west } = withWest();
    new EncryptedBucket(stack, 'Data', { provider: west, adopt: { bucketName: BUCKET } });
    const imports = importsOf(synthJson(stack));
    expect(Object.keys(imports).sort()).toEqual(Object.keys(BUCKET_CONFIGURATIONS).sort());
    for (const blocks of Object.values(imports)) expect(blocks).toEqual([{ id: BUCKET, provider: 'aws.west' }]);
  });

  test('with an adopted key: the key, its alias, the bucket and its configurations are imported together', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'aws-CMK-key', adopt: { keyId: KEY_ID } });
    new EncryptedBucket(stack, 'Data', { encryptionKey: key, adopt: { bucketName: BUCKET } });
    expect(importIds(synthJson(stack))).toEqual({ ...BUCKET_CONFIGURATIONS, aws_kms_key: KEY_ID, aws_kms_alias: 'alias/aws-CMK-key' });
  });

  test('adoption adds import blocks and prevent_destroy on the bucket, and changes nothing else of the bucket named the same', () => {
    const fresh = testStack();
    new EncryptedBucket(fresh, 'Data', { bucketName: BUCKET });
    const { import: imports, ...rest } = adoptedBucket();
    expect(imports).toHaveLength(Object.keys(BUCKET_CONFIGURATIONS).length);
    const bucket = Object.values<any>(rest.resource.aws_s3_bucket)[0];
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    delete bucket.lifecycle;
    expect(rest).toEqual(synthJson(fresh));
  });

  test('bucketName may repeat the adopted name', () => {
    expect(importIds(adoptedBucket({}, { bucketName: BUCKET })).aws_s3_bucket).toBe(BUCKET);
  });

  test.each<[string, Partial<BucketAdoption>, EncryptedBucketProps, string, RegExp]>([
    ['a token bucket name', { bucketName: Token.asString({ Ref: 'name' }) }, {}, 'adopt.bucketName', /literal name/],
    ['an invalid bucket name', { bucketName: 'Console_Lab' }, {}, 'adopt.bucketName', /Console_Lab/],
    ['bucketPrefix', {}, { bucketPrefix: 'lab-' }, 'bucketPrefix', /keeps the name it has/],
    ['a different bucketName', {}, { bucketName: 'another-bucket' }, 'bucketName', new RegExp(`adopted bucket's name, ${BUCKET}`)],
    ['forceDestroy', {}, { forceDestroy: true }, 'forceDestroy', /force_destroy would delete it/],
    ['dangerouslyAllowKeyDestroy', {}, { dangerouslyAllowKeyDestroy: true }, 'dangerouslyAllowKeyDestroy', /with adopt/],
  ])('%s is refused, naming the option', (_what, adopt, props, option, reason) => {
    const error = errorOf(() => adoptedBucket(adopt, props));
    expect(error.option).toBe(option);
    expect(error.constructPath).toBe('test/Data');
    expect(error.message).toContain(`EncryptedBucket "test/Data": ${option} `);
    expect(error.message).toMatch(reason);
  });

  test('the same bucket adopted twice in a stack is refused, naming the first adopter, on any provider: bucket names are global', () => {
    const { stack, west } = withWest();
    new EncryptedBucket(stack, 'First', { adopt: { bucketName: BUCKET } });
    const error = errorOf(() => new EncryptedBucket(stack, 'Second', { adopt: { bucketName: BUCKET } }));
    expect(error.option).toBe('adopt.bucketName');
    expect(error.constructPath).toBe('test/Second');
    expect(error.message).toContain('"test/First"');
    expect(error.message).toContain(`(got "${BUCKET}")`);
    expect(errorOf(() => new EncryptedBucket(stack, 'InWest', { provider: west, adopt: { bucketName: BUCKET } })).constructPath).toBe('test/InWest');
    new EncryptedBucket(stack, 'Another', { provider: west, adopt: { bucketName: 'another-bucket' } });
  });

  test('a new bucket named like an adopted one (or like another new one) is refused, whichever comes first', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Adopted', { adopt: { bucketName: BUCKET } });
    const created = errorOf(() => new EncryptedBucket(stack, 'Created', { bucketName: BUCKET }));
    expect(created.option).toBe('bucketName');
    expect(created.message).toContain('"test/Adopted"');
    const other = testStack();
    new EncryptedBucket(other, 'Created', { bucketName: BUCKET });
    expect(errorOf(() => new EncryptedBucket(other, 'Adopted', { adopt: { bucketName: BUCKET } })).option).toBe('adopt.bucketName');
    expect(errorOf(() => new EncryptedBucket(other, 'Twin', { bucketName: BUCKET })).option).toBe('bucketName');
    new EncryptedBucket(other, 'Prefixed', { bucketPrefix: BUCKET });
  });
});

describe('the key of the objects already in an adopted bucket', () => {
  /** Every synth warning of the stack's constructs. */
  function warnings(stack: TerraformStack): string[] {
    return stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
  }

  test('without encryptionKey, synth warns that their key is not protected and the bucket\'s new key is another', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data', { adopt: { bucketName: BUCKET } });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`adopt ${BUCKET}: the bucket's default encryption becomes the new key test/Data/Key`);
    expect(found[0]).toContain('stay encrypted under the key they were written with');
    expect(found[0]).toContain("adopt it too with ManagedCmk's adopt");
  });

  test('with a new ManagedCmk as encryptionKey, the same warning names it', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'NewKey', { alias: 'new' });
    new EncryptedBucket(stack, 'Data', { encryptionKey: key, adopt: { bucketName: BUCKET } });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('becomes the new key test/NewKey, and its grants cover only that key');
  });

  test('with S3_MANAGED, the warning says so and does not suggest an encryptionKey', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data', { encryption: BucketEncryption.S3_MANAGED, adopt: { bucketName: BUCKET } });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('default encryption becomes SSE-S3');
    expect(found[0]).not.toContain('encryptionKey');
  });

  test('with the adopted key or a key known by its ARN as encryptionKey, or without adoption, no warning', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'aws-CMK-key', adopt: { keyId: KEY_ID } });
    new EncryptedBucket(stack, 'Data', { encryptionKey: key, adopt: { bucketName: BUCKET } });
    const byArn = ManagedCmk.fromKeyArn(stack, 'ByArn', `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`);
    new EncryptedBucket(stack, 'Other', { encryptionKey: byArn, adopt: { bucketName: 'other-console-bucket' } });
    new EncryptedBucket(stack, 'Fresh');
    expect(warnings(stack)).toEqual([]);
  });
});
