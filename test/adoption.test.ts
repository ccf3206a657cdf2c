/**
 * Adoption: `adopt` on ManagedCmk and EncryptedBucket writes a Terraform `import` block
 * for each resource the construct manages that already exists, with the id the AWS
 * provider imports that resource type by, on the construct's provider; it changes
 * nothing else of what is synthesized; and what cannot be adopted safely is refused at
 * synth, naming the construct, the option and the value.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { BucketAdoption, BucketEncryption, EncryptedBucket, EncryptedBucketProps, IEncryptionKey, ManagedCmk, ManagedCmkProps } from '../src';
import { errorOf, synthJson, testApp, testStack } from './support/synth';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_KEY_ID = '5678abcd-12ab-34cd-56ef-1234567890ab';
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

/**
 * The synthesized resources without their Terraform names, in references too: what is
 * left is what each resource is, wherever its address comes from.
 */
function withoutNames(json: any): any {
  const text = JSON.stringify(json.resource).replace(/(aws_[a-z0-9_]+)\.[A-Za-z0-9_-]+/g, '$1.*');
  return Object.fromEntries(Object.entries<any>(JSON.parse(text)).map(([type, byName]) => [
    type, Object.values<any>(byName).map((body) => JSON.stringify(body)).sort(),
  ]));
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

  test('adoption adds import blocks, addresses from the key id, and changes nothing else: same policy, same deletion protection', () => {
    const props: ManagedCmkProps = { alias: 'lab', keyAdministratorArns: ['arn:aws:iam::111122223333:role/Admin'] };
    const fresh = testStack();
    new ManagedCmk(fresh, 'Key', props);
    const adopted = testStack();
    new ManagedCmk(adopted, 'Key', { ...props, adopt: { keyId: KEY_ID } });
    const { import: imports, moved, ...rest } = synthJson(adopted);
    expect(imports).toHaveLength(2);
    expect(moved).toHaveLength(2);
    expect(withoutNames(rest)).toEqual(withoutNames(synthJson(fresh)));
    expect(Object.values<any>(rest.resource.aws_kms_key)[0].lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['is_enabled'] });
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

  test('the same key adopted twice in a stack is refused, naming the first adopter, on any provider', () => {
    const { stack, west } = withWest();
    const sameRegion = new AwsProvider(stack, 'east', { alias: 'east', region: 'us-east-1' });
    new ManagedCmk(stack, 'First', { alias: 'one', adopt: { keyId: KEY_ID } });
    const error = errorOf(() => new ManagedCmk(stack, 'Second', { alias: 'two', adopt: { keyId: KEY_ID } }));
    expect(error.option).toBe('adopt.keyId');
    expect(error.constructPath).toBe('test/Second');
    expect(error.message).toContain('"test/First"');
    expect(error.message).toContain(`(got "${KEY_ID}")`);
    // The default provider and an aliased one of the same region reach the same key.
    expect(errorOf(() => new ManagedCmk(stack, 'OnAlias', { alias: 'one', provider: sameRegion, adopt: { keyId: KEY_ID } })).constructPath).toBe('test/OnAlias');
    expect(errorOf(() => new ManagedCmk(stack, 'InWest', { alias: 'one', provider: west, adopt: { keyId: KEY_ID } })).constructPath).toBe('test/InWest');
    new ManagedCmk(stack, 'Another', { alias: 'three', adopt: { keyId: OTHER_KEY_ID } });
  });

  test('the same key adopted in two stacks of one app is refused: each stack would keep it in a state of its own', () => {
    const app = testApp();
    for (const id of ['one', 'two']) new AwsProvider(new TerraformStack(app, id), 'aws', { region: 'us-east-1' });
    new ManagedCmk(app.node.findChild('one'), 'Key', { alias: 'lab', adopt: { keyId: KEY_ID } });
    const error = errorOf(() => new ManagedCmk(app.node.findChild('two'), 'Key', { alias: 'lab', adopt: { keyId: KEY_ID } }));
    expect(error.option).toBe('adopt.keyId');
    expect(error.message).toContain('"one/Key"');
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

  test('adoption adds import blocks, addresses from the bucket name and prevent_destroy on the bucket, and changes nothing else of the bucket named the same', () => {
    const fresh = testStack();
    new EncryptedBucket(fresh, 'Data', { bucketName: BUCKET });
    const { import: imports, moved, ...rest } = adoptedBucket();
    expect(imports).toHaveLength(Object.keys(BUCKET_CONFIGURATIONS).length);
    expect(moved).toHaveLength(Object.keys(BUCKET_CONFIGURATIONS).length);
    const bucket = Object.values<any>(rest.resource.aws_s3_bucket)[0];
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    delete bucket.lifecycle;
    expect(withoutNames(rest)).toEqual(withoutNames(synthJson(fresh)));
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

  test('the same bucket adopted in two stacks of one app, or created in one and adopted in another, is refused', () => {
    const app = testApp();
    for (const id of ['one', 'two', 'three']) new AwsProvider(new TerraformStack(app, id), 'aws', { region: 'us-east-1' });
    new EncryptedBucket(app.node.findChild('one'), 'Data', { adopt: { bucketName: BUCKET } });
    const twice = errorOf(() => new EncryptedBucket(app.node.findChild('two'), 'Data', { adopt: { bucketName: BUCKET } }));
    expect(twice.option).toBe('adopt.bucketName');
    expect(twice.message).toContain('"one/Data"');
    const created = errorOf(() => new EncryptedBucket(app.node.findChild('three'), 'Data', { bucketName: BUCKET }));
    expect(created.option).toBe('bucketName');
    expect(created.message).toContain('in every stack');
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

describe('addresses of adopted resources', () => {
  /** A key and a bucket adopted together, the bucket logging and replicating, built by `place` wherever it puts them. */
  function adoptedPair(place: (stack: TerraformStack) => { keyScope: Construct; keyId: string; bucketScope: Construct; bucketId: string }): any {
    const stack = testStack();
    const { keyScope, keyId, bucketScope, bucketId } = place(stack);
    // A description of its own: the default one names the construct's path, which would be updated in place.
    const key = new ManagedCmk(keyScope, keyId, { alias: 'aws-CMK-key', description: 'Lab key', adopt: { keyId: KEY_ID } });
    const bucket = new EncryptedBucket(bucketScope, bucketId, {
      encryptionKey: key,
      adopt: { bucketName: BUCKET, currentKeyArn: key.keyArn },
      serverAccessLogs: { targetBucketName: 'central-logs-111122223333' },
    });
    bucket.addReplicationRule({ destination: new EncryptedBucket(stack, 'Replica') });
    return synthJson(stack);
  }

  /** `type.name` of every resource of the stack, but the replica's (whose construct stays put). */
  function addresses(json: any): string[] {
    return Object.entries<any>(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
      .filter((address) => !address.includes('.Replica_')).sort();
  }

  test('a moved or renamed key and bucket keep every address, import and resource', () => {
    const before = adoptedPair((stack) => ({ keyScope: stack, keyId: 'Key', bucketScope: stack, bucketId: 'Bucket' }));
    const after = adoptedPair((stack) => ({ keyScope: stack, keyId: 'DataKey', bucketScope: new Construct(stack, 'Storage'), bucketId: 'Archive' }));
    const adoptedAddresses = addresses(before).filter((address) => !address.startsWith('aws_iam_'));
    expect(adoptedAddresses).toEqual([
      `aws_kms_alias.key_${KEY_ID}`, `aws_kms_key.key_${KEY_ID}`,
      ...Object.keys(BUCKET_CONFIGURATIONS).concat('aws_s3_bucket_logging', 'aws_s3_bucket_replication_configuration')
        .map((type) => `${type}.bucket_${BUCKET}`),
    ].sort());
    expect(addresses(after).filter((address) => !address.startsWith('aws_iam_'))).toEqual(adoptedAddresses);
    const byTarget = (blocks: any[]) => [...blocks].sort((a, b) => a.to.localeCompare(b.to));
    expect(byTarget(after.import)).toEqual(byTarget(before.import));
    // The replication role and its policy are created, not adopted: they follow the
    // construct's path, and a move replaces them (no data is involved).
    const iamNamed = (body: any) => JSON.parse(JSON.stringify(body).replace(/(aws_iam_role(_policy)?)\.[A-Za-z0-9_]+/g, '$1.*'));
    for (const address of adoptedAddresses) {
      const [type, name] = address.split('.');
      const { '//': _before, ...body } = before.resource[type][name];
      const { '//': _after, ...moved } = after.resource[type][name];
      expect(iamNamed(moved)).toEqual(iamNamed(body));
    }
  });

  test('each adopted resource is moved from the address its construct path gives it, which releases before this one used', () => {
    const json = adoptedPair((stack) => ({ keyScope: stack, keyId: 'Key', bucketScope: stack, bucketId: 'Bucket' }));
    // The same constructs, not adopted, have the path-derived addresses.
    const earlier = testStack();
    const key = new ManagedCmk(earlier, 'Key', { alias: 'aws-CMK-key' });
    // Without a name known at synth, a bucket's resources keep their path-derived addresses.
    const bucket = new EncryptedBucket(earlier, 'Bucket', { encryptionKey: key, serverAccessLogs: { targetBucketName: 'central-logs-111122223333' } });
    bucket.addReplicationRule({ destination: new EncryptedBucket(earlier, 'Replica') });
    const moves = Object.fromEntries(json.moved.map((block: any) => [block.to, block.from]));
    const pathAddresses = addresses(synthJson(earlier)).filter((address) => !address.startsWith('aws_iam_'));
    expect(Object.keys(moves).sort()).toEqual(addresses(json).filter((address) => /\.(key|bucket)_/.test(address)));
    expect(Object.values(moves).sort()).toEqual(pathAddresses);
    for (const [to, from] of Object.entries(moves)) expect(from.split('.')[0]).toBe(to.split('.')[0]);
  });

  test('a key and a bucket whose names Terraform picks keep the addresses their construct paths give them, with no moved block', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data', { bucketPrefix: 'data-' });
    new ManagedCmk(stack, 'Key', { alias: 'standalone' });
    const json = synthJson(stack);
    expect(json.moved).toBeUndefined();
    expect(Object.keys(json.resource.aws_s3_bucket)).toEqual([expect.stringMatching(/^Data_Bucket_[0-9A-F]{8}$/)]);
    expect(Object.keys(json.resource.aws_kms_key).sort()).toEqual([expect.stringMatching(/^Data_Key_[0-9A-F]{8}$/), expect.stringMatching(/^Key_[0-9A-F]{8}$/)]);
  });

  test('a named bucket is known by its name, with the key it makes: moved, renamed or no longer adopted, every address stays', () => {
    const build = (scope: (stack: TerraformStack) => Construct, id: string, adopt?: BucketAdoption) => {
      const stack = testStack();
      new EncryptedBucket(scope(stack), id, { bucketName: BUCKET, adopt, serverAccessLogs: { targetBucketName: 'central-logs-111122223333' } });
      return synthJson(stack);
    };
    const adopted = build((stack) => stack, 'Data', { bucketName: BUCKET });
    const named = build((stack) => stack, 'Data');
    const moved = build((stack) => new Construct(stack, 'Storage'), 'Archive');
    const expected = [
      'aws_kms_alias', 'aws_kms_key', 'aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_logging',
      'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning',
    ].map((type) => `${type}.bucket_${BUCKET}`);
    for (const json of [adopted, named, moved]) expect(addresses(json)).toEqual(expected);
    // Only adopted resources had path-derived addresses in earlier versions to move from.
    expect(named.moved).toBeUndefined();
    expect(moved.moved).toBeUndefined();
    // The key's alias still names its construct's path: a move renames it, in place of the key.
    expect(moved.resource.aws_kms_alias[`bucket_${BUCKET}`].name).toBe('alias/encrypted-bucket/test/Storage/Archive');
  });

  test('a bucket name with dots gets a valid Terraform name, dots as underscores', () => {
    const json = adoptedBucket({ bucketName: 'logs.example.com' });
    expect(Object.keys(json.resource.aws_s3_bucket)).toEqual(['bucket_logs_example_com']);
  });
});

describe('the key of the objects already in an adopted bucket', () => {
  /** Every synth warning of the stack's constructs. */
  function warnings(stack: TerraformStack): string[] {
    return stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
  }
  const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`;

  test('without encryptionKey, synth warns that their key is not protected and the bucket\'s new key is another', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data', { adopt: { bucketName: BUCKET } });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`adopt ${BUCKET}: the bucket's default encryption becomes the key test/Data/Key`);
    expect(found[0]).toContain('stay encrypted under the key they were written with');
    expect(found[0]).toContain("adopt it too with ManagedCmk's adopt");
  });

  test('with a new ManagedCmk as encryptionKey, the same warning names it', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'NewKey', { alias: 'new' });
    new EncryptedBucket(stack, 'Data', { encryptionKey: key, adopt: { bucketName: BUCKET, currentKeyArn: KEY_ARN } });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('becomes the key test/NewKey, and its grants cover only that key');
    expect(found[0]).toContain(`stay encrypted under ${KEY_ARN} (adopt.currentKeyArn)`);
  });

  test('with S3_MANAGED, the warning says so', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data', { encryption: BucketEncryption.S3_MANAGED, adopt: { bucketName: BUCKET, currentKeyArn: KEY_ARN } });
    const found = warnings(stack);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('default encryption becomes SSE-S3');
  });

  test.each<[string, (stack: TerraformStack) => IEncryptionKey]>([
    ['an adopted key', (stack) => new ManagedCmk(stack, 'Key', { alias: 'aws-CMK-key', adopt: { keyId: OTHER_KEY_ID } })],
    ['a key known by its ARN', (stack) => ManagedCmk.fromKeyArn(stack, 'ByArn', KEY_ARN.replace(KEY_ID, OTHER_KEY_ID))],
  ])('%s that is not the one adopt.currentKeyArn names, or with currentKeyArn unset, still warns', (_what, makeKey) => {
    for (const currentKeyArn of [KEY_ARN, undefined]) {
      const stack = testStack();
      new EncryptedBucket(stack, 'Data', { encryptionKey: makeKey(stack), adopt: { bucketName: BUCKET, currentKeyArn } });
      const found = warnings(stack);
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(currentKeyArn ? `under ${KEY_ARN}` : 'adopt.currentKeyArn does not say which key');
    }
  });

  test('no warning when currentKeyArn is the bucket\'s key: its keyArn, its literal ARN, or the ARN of the adopted key id; none without adoption', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'aws-CMK-key', adopt: { keyId: KEY_ID } });
    new EncryptedBucket(stack, 'ByToken', { encryptionKey: key, adopt: { bucketName: BUCKET, currentKeyArn: key.keyArn } });
    new EncryptedBucket(stack, 'ById', { encryptionKey: key, adopt: { bucketName: 'second-console-bucket', currentKeyArn: KEY_ARN } });
    const byArn = ManagedCmk.fromKeyArn(stack, 'ByArn', KEY_ARN.replace(KEY_ID, OTHER_KEY_ID));
    new EncryptedBucket(stack, 'Other', { encryptionKey: byArn, adopt: { bucketName: 'other-console-bucket', currentKeyArn: byArn.keyArn } });
    new EncryptedBucket(stack, 'Fresh');
    expect(warnings(stack)).toEqual([]);
  });

  test('currentKeyArn naming a key the stack creates is refused: a new key encrypts none of the objects already there', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'NewKey', { alias: 'new' });
    const error = errorOf(() => new EncryptedBucket(stack, 'Data', { encryptionKey: key, adopt: { bucketName: BUCKET, currentKeyArn: key.keyArn } }));
    expect(error.option).toBe('adopt.currentKeyArn');
    expect(error.message).toContain('must not be the keyArn of a key this stack creates (test/NewKey)');
  });

  test.each([
    ['a key id', KEY_ID],
    ['an alias ARN', 'arn:aws:kms:us-east-1:111122223333:alias/aws-CMK-key'],
  ])('currentKeyArn as %s is refused with the form it must have', (_what, currentKeyArn) => {
    const error = errorOf(() => adoptedBucket({ currentKeyArn }));
    expect(error.option).toBe('adopt.currentKeyArn');
    expect(error.message).toContain('must be a key ARN, arn:aws:kms:<region>:<account>:key/<key id>');
    expect(error.message).toContain(`(got "${currentKeyArn}")`);
  });
});
