/**
 * A key's further aliases (`additionalAliases`, `addAlias`): each its own
 * `aws_kms_alias` on the key's provider, checked as the first alias is, unique per
 * provider across every key's aliases, with a Terraform address that moves with the key's.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedBucket, ManagedCmk } from '../src';
import { errorOf, synthJson, testStack } from './support/synth';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

/** Every `aws_kms_alias` of the synthesized stack: Terraform name -> its config. */
function aliasesOf(json: any): Record<string, any> {
  return json.resource?.aws_kms_alias ?? {};
}

describe('additionalAliases', () => {
  test('each is its own aws_kms_alias, normalized to alias/name, targeting the key, on the key\'s provider', () => {
    const stack = testStack();
    const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
    new ManagedCmk(stack, 'Key', { alias: 'logs', additionalAliases: ['logs-legacy', 'alias/team/logs'], provider: west });
    const json = synthJson(stack);
    const [keyName] = Object.keys(json.resource.aws_kms_key);
    const aliases = Object.values<any>(aliasesOf(json));
    expect(aliases.map((a) => a.name)).toEqual(['alias/logs', 'alias/logs-legacy', 'alias/team/logs']);
    for (const alias of aliases) {
      expect(alias.target_key_id).toBe(`\${aws_kms_key.${keyName}.key_id}`);
      expect(alias.provider).toBe('aws.west');
    }
  });

  test('addAlias adds one after construction, and returns it', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'logs' });
    const added = key.addAlias('alias/logs-v2');
    const json = synthJson(stack);
    expect(Object.values<any>(aliasesOf(json)).map((a) => a.name)).toEqual(['alias/logs', 'alias/logs-v2']);
    expect(aliasesOf(json)[added.friendlyUniqueId].name).toBe('alias/logs-v2');
    expect(key.aliasName).toBe('alias/logs');
  });

  test('a key\'s addresses are unchanged by them', () => {
    const plain = testStack();
    new ManagedCmk(plain, 'Key', { alias: 'logs' });
    const more = testStack();
    new ManagedCmk(more, 'Key', { alias: 'logs', additionalAliases: ['other'] });
    const [a, b] = [synthJson(plain), synthJson(more)];
    expect(Object.keys(b.resource.aws_kms_key)).toEqual(Object.keys(a.resource.aws_kms_key));
    expect(Object.keys(aliasesOf(b))).toEqual(expect.arrayContaining(Object.keys(aliasesOf(a))));
  });
});

describe('their Terraform addresses', () => {
  /** The alias addresses of a stack with the bucket `reports-bucket` under `parent`, its own key given a further alias. */
  function bucketKeyAliases(parent: string): string[] {
    const stack = testStack();
    const bucket = new EncryptedBucket(new Construct(stack, parent), 'Data', { bucketName: 'reports-bucket' });
    (bucket.encryptionKey as ManagedCmk).addAlias('team/reports');
    return Object.keys(aliasesOf(synthJson(stack)));
  }

  test('a named bucket\'s own key: from the bucket\'s name, so a moved or renamed construct keeps them', () => {
    const before = bucketKeyAliases('Team');
    expect(before).toEqual(['bucket_reports-bucket', expect.stringMatching(/^bucket_reports-bucket_alias_team_reports_[0-9a-f]{8}$/)]);
    expect(bucketKeyAliases('Renamed')).toEqual(before);
  });

  test('an adopted key: from its id, and created rather than imported', () => {
    const addresses = (id: string) => {
      const stack = testStack();
      new ManagedCmk(stack, id, { alias: 'console-key', additionalAliases: ['console-key-2'], adopt: { keyId: KEY_ID } });
      return synthJson(stack);
    };
    const [before, after] = [addresses('Adopted'), addresses('Moved')];
    expect(Object.keys(aliasesOf(before))).toEqual([`key_${KEY_ID}`, `key_${KEY_ID}_alias_console-key-2`]);
    expect(Object.keys(aliasesOf(after))).toEqual(Object.keys(aliasesOf(before)));
    // The first alias is imported (adopt.aliasExists defaults to true); the further one is created, with no moved block.
    expect(aliasesOf(before)[`key_${KEY_ID}`].import).toBeUndefined();
    const imports = JSON.stringify(before.import ?? []);
    expect(imports).toContain(`aws_kms_alias.key_${KEY_ID}"`);
    expect(imports).not.toContain('alias_console-key-2');
    expect(JSON.stringify(before.moved ?? [])).not.toContain('alias_console-key-2');
  });

  test('a key named by its path: from the path, as the key\'s', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'Key', { alias: 'logs', additionalAliases: ['a/b', 'a_b'] });
    const names = Object.keys(aliasesOf(synthJson(stack)));
    expect(names).toHaveLength(3);
    // `a/b` and `a_b` must not meet: the slash is written as an underscore plus a digest.
    expect(names).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Key_alias_a_b_[0-9a-f]{8}_[0-9A-F]{8}$/),
      expect.stringMatching(/^Key_alias_a_b_[0-9A-F]{8}$/),
    ]));
  });
});

describe('uniqueness per provider', () => {
  test('an additional alias equal to the key\'s own first alias fails, naming the key', () => {
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias: 'logs', additionalAliases: ['alias/logs'] }));
    expect(error.message).toBe('ManagedCmk "test/Key": additionalAliases[0] must be unique among the stack keys on the same provider: ManagedCmk "test/Key" already has it, and KMS aliases are unique per account and region (got "alias/logs")');
    expect(error.option).toBe('additionalAliases[0]');
  });

  test('the same additional alias twice fails on the second', () => {
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias: 'logs', additionalAliases: ['x', 'alias/x'] }));
    expect(error.option).toBe('additionalAliases[1]');
  });

  test('another key\'s alias fails, first or further, in either order, and through addAlias', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'First', { alias: 'first', additionalAliases: ['shared'] });
    expect(errorOf(() => new ManagedCmk(stack, 'Second', { alias: 'shared' })).message)
      .toContain('alias must be unique among the stack keys on the same provider: ManagedCmk "test/First" already has it');
    const third = new ManagedCmk(stack, 'Third', { alias: 'third' });
    expect(errorOf(() => third.addAlias('first')).message)
      .toBe('ManagedCmk "test/Third": addAlias must be unique among the stack keys on the same provider: ManagedCmk "test/First" already has it, and KMS aliases are unique per account and region (got "alias/first")');
  });

  test('the same further alias on another provider is accepted', () => {
    const stack = testStack();
    const west = new AwsProvider(stack, 'west', { alias: 'west', region: 'us-west-2' });
    new ManagedCmk(stack, 'East', { alias: 'east', additionalAliases: ['shared'] });
    expect(() => new ManagedCmk(stack, 'West', { alias: 'west', additionalAliases: ['shared'], provider: west })).not.toThrow();
  });
});

describe('bad further aliases', () => {
  test.each<[string, () => unknown, string]>([
    ['a character outside A-Za-z0-9/_-', () => new ManagedCmk(testStack(), 'Key', { alias: 'k', additionalAliases: ['ok', 'has space'] }),
      'ManagedCmk "test/Key": additionalAliases[1] must be 1-256 characters of A-Za-z0-9/_- in all, as "name" or "alias/name" (got "has space")'],
    ['alias/aws/', () => new ManagedCmk(testStack(), 'Key', { alias: 'k', additionalAliases: ['alias/aws/s3'] }),
      'ManagedCmk "test/Key": additionalAliases[0] must not start with "alias/aws/", which is reserved for AWS-managed keys (got "alias/aws/s3")'],
    ['addAlias, too long', () => new ManagedCmk(testStack(), 'Key', { alias: 'k' }).addAlias('a'.repeat(251)),
      `ManagedCmk "test/Key": addAlias must be 1-256 characters of A-Za-z0-9/_- in all, as "name" or "alias/name" (got "${'a'.repeat(251)}")`],
  ])('%s', (_label, build, message) => {
    expect(errorOf(build).message).toBe(message);
  });

  test('a token is refused: the alias names its own resource', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
    const error = errorOf(() => new ManagedCmk(stack, 'Key', { alias: 'k', additionalAliases: [name] }));
    expect(error.option).toBe('additionalAliases[0]');
    expect(error.message).toMatch(/additionalAliases\[0\] must be a literal name, which names the alias's own Terraform resource \(only the key's first alias may be a token\)/);
    const list = new TerraformVariable(stack, 'names', { type: 'list(string)' }).listValue;
    expect(errorOf(() => new ManagedCmk(stack, 'Key2', { alias: 'k2', additionalAliases: list })).option).toBe('additionalAliases');
  });
});
