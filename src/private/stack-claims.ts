import { TerraformProvider, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Names claimed in each stack, by kind, provider and name, to the path of the construct that claimed them. */
const CLAIMS = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * Claims `name` of `kind` (an alias, an adopted key or bucket) for `claimant`, once per
 * stack and provider: another provider may be another account or region, where the
 * name is another thing. A provider without an alias is the stack's default one. A name
 * that is global (a bucket's) is claimed with no provider: once per stack.
 * Returns the path of the construct that already holds it, if one does.
 */
export function claimOnce(claimant: IConstruct, kind: string, provider: TerraformProvider | undefined, name: string): string | undefined {
  const stack = TerraformStack.of(claimant);
  const claims = CLAIMS.get(stack) ?? new Map<string, string>();
  CLAIMS.set(stack, claims);
  const key = [kind, provider?.alias === undefined ? '' : provider.node.path, name].join('\n');
  const holder = claims.get(key);
  if (holder === undefined) claims.set(key, claimant.node.path);
  return holder;
}
