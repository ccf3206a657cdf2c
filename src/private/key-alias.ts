import { createHash } from 'crypto';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { TerraformProvider, Token } from 'cdktf';
import { Construct, IConstruct, Node } from 'constructs';
import { nameResource } from './resource-names';
import { claimOnce } from './stack-claims';
import { PropValidator } from './validation';

const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]+$/;

/**
 * `alias` (the option `option`: `alias`, `additionalAliases[1]`, `addAlias`), given as
 * `name` or `alias/name`, as KMS stores it (`alias/name`), checked.
 */
export function normalizedAlias(v: PropValidator, alias: string, option = 'alias'): string {
  const name = alias.startsWith('alias/') ? alias : `alias/${alias}`;
  if (Token.isUnresolved(alias)) return name;
  if (!ALIAS_NAME.test(name) || name.length > 256) {
    v.fail(option, 'must be 1-256 characters of A-Za-z0-9/_- in all, as "name" or "alias/name"', alias);
  }
  if (name.startsWith('alias/aws/')) {
    v.fail(option, 'must not start with "alias/aws/", which is reserved for AWS-managed keys', alias);
  }
  return name;
}

/**
 * Aliases are unique per account and region: a second alias of the same name (on another
 * key, or on the same one) would fail at apply (AlreadyExistsException), after the first
 * is created. Refuse it at synth, for keys on the same provider. `kind` is the
 * claimant's construct (`ManagedCmk`, `ManagedCmkReplica`), named in the error another
 * claimant gets.
 */
export function claimAlias(
  v: PropValidator,
  key: IConstruct,
  name: string,
  provider: TerraformProvider | undefined,
  option = 'alias',
  kind = 'ManagedCmk',
): void {
  if (Token.isUnresolved(name)) return;
  const holder = claimOnce(key, 'alias', provider, name, kind);
  if (holder !== undefined) {
    v.fail(
      option,
      `must be unique among the stack keys on the same provider: ${holder} already has it, and KMS aliases are unique per account and region`,
      name,
    );
  }
}

/** A further alias (`option`: `additionalAliases[0]`, `addAlias`), checked and normalized: a literal, unlike the first. */
export function furtherAlias(v: PropValidator, option: string, alias: string): string {
  if (Token.isUnresolved(alias)) {
    v.fail(option, 'must be a literal name, which names the alias\'s own Terraform resource (only the key\'s first alias may be a token)', alias);
  }
  return normalizedAlias(v, alias, option);
}

/** The further aliases of a key's props (`additionalAliases`), checked and normalized. */
export function additionalAliasNames(v: PropValidator, aliases: string[] | undefined): string[] {
  if (aliases === undefined) return [];
  if (Token.isUnresolved(aliases)) v.fail('additionalAliases', 'must be a list of literal names, not a token: each alias names its own Terraform resource');
  return aliases.map((alias, i) => furtherAlias(v, `additionalAliases[${i}]`, alias));
}

/** What `addKeyAlias` needs of the key an alias points at. */
export interface AliasTarget {
  /** The key construct: the alias becomes its child. */
  readonly scope: Construct;
  readonly validator: PropValidator;
  /** `ManagedCmk` or `ManagedCmkReplica`, for the uniqueness error. */
  readonly kind: string;
  readonly provider?: TerraformProvider;
  readonly targetKeyId: string;
  /** The Terraform name of the key's resources, when it does not come from the path. */
  readonly resourceName?: string;
}

/**
 * A further alias of a key (`additionalAliases`, `addAlias`): checked, claimed once per
 * provider, and its own `aws_kms_alias`. Its Terraform name is the key's resource name
 * (when the key has one: a bucket's own key, an adopted key) and the alias, so moving or
 * renaming the construct keeps it as it keeps the key; otherwise it derives from the path,
 * as the key's does. Always created, never imported or moved from an earlier address.
 */
export function addKeyAlias(target: AliasTarget, option: string, alias: string): KmsAlias {
  const { scope, validator: v } = target;
  const name = furtherAlias(v, option, alias);
  claimAlias(v, scope, name, target.provider, option, target.kind);
  const suffix = aliasResourceSuffix(name);
  const resource = new KmsAlias(scope, suffix, {
    provider: target.provider,
    name,
    targetKeyId: target.targetKeyId,
  });
  return nameResource(resource, target.resourceName && `${target.resourceName}_${suffix}`, false);
}

/**
 * `alias_` and the name after `alias/`, slashes as underscores, with a digest of the
 * name when that changed it (`a/b` and `a_b` stay apart): a construct id and a Terraform
 * name, both stable for one alias name.
 */
export function aliasResourceSuffix(name: string): string {
  const body = name.slice('alias/'.length);
  const plain = body.replace(/\//g, '_');
  return plain === body ? `alias_${body}` : `alias_${plain}_${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
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
