import { TerraformProvider, Token } from 'cdktf';
import { IConstruct, Node } from 'constructs';
import { claimOnce } from './stack-claims';
import { PropValidator } from './validation';

const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]+$/;

/** `alias`, given as `name` or `alias/name`, as KMS stores it (`alias/name`), checked. */
export function normalizedAlias(v: PropValidator, alias: string): string {
  const name = alias.startsWith('alias/') ? alias : `alias/${alias}`;
  if (Token.isUnresolved(alias)) return name;
  if (!ALIAS_NAME.test(name) || name.length > 256) {
    v.fail('alias', 'must be 1-256 characters of A-Za-z0-9/_- in all, as "name" or "alias/name"', alias);
  }
  if (name.startsWith('alias/aws/')) {
    v.fail('alias', 'must not start with "alias/aws/", which is reserved for AWS-managed keys', alias);
  }
  return name;
}

/**
 * Aliases are unique per account and region: a second key with the same alias would fail
 * at apply (AlreadyExistsException), after the first is created. Refuse it at synth, for
 * keys on the same provider.
 */
export function claimAlias(v: PropValidator, key: IConstruct, name: string, provider: TerraformProvider | undefined): void {
  if (Token.isUnresolved(name)) return;
  const holder = claimOnce(key, 'alias', provider, name);
  if (holder !== undefined) {
    v.fail(
      'alias',
      `must be unique among the stack keys on the same provider: ManagedCmk "${holder}" already has it, and KMS aliases are unique per account and region`,
      name,
    );
  }
}

/**
 * The alias of the key a bucket makes for itself: `alias/encrypted-bucket/<path>`, made
 * valid for an alias. A path that had to be changed (`raw.data`, `raw data` and
 * `raw-data` all become `raw-data`) or shortened gets part of the construct's unique
 * address, so the aliases stay distinct.
 */
export function defaultKeyAlias(bucket: Node): string {
  const path = `encrypted-bucket/${bucket.path}`;
  const alias = path.replace(/[^A-Za-z0-9/_-]/g, '-');
  if (alias === path && alias.length <= 240) return alias;
  const suffix = `-${bucket.addr.slice(0, 8)}`;
  return alias.length > 240 ? `${alias.slice(0, 230)}${suffix}` : `${alias}${suffix}`;
}
