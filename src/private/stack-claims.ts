import { TerraformProvider, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Names claimed under each stack or app root, by kind, provider and name, to the path of the construct that claimed them. */
const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Claims `name` of `kind` (an alias, say) for `claimant`, once per stack and provider:
 * another provider may be another account or region, where the name is another thing.
 * A provider without an alias is the stack's default one.
 * Returns the path of the construct that already holds it, if one does: with
 * `claimantKind`, as `<claimantKind> "<path>"` of the holder's claim.
 */
export function claimOnce(
  claimant: IConstruct,
  kind: string,
  provider: TerraformProvider | undefined,
  name: string,
  claimantKind?: string,
): string | undefined {
  const parts = [kind, provider?.alias === undefined ? '' : provider.node.path, name];
  return claimUnder(TerraformStack.of(claimant), claimant, parts, claimantKind);
}

/**
 * Claims `name` of `kind` for `claimant` once in the whole app, across its stacks and
 * providers: for names that stand for one thing everywhere (a bucket's name, a key's id),
 * which two stacks must not both manage, each with a state of its own.
 * Returns the path of the construct that already holds it, if one does.
 */
export function claimOnceInApp(claimant: IConstruct, kind: string, name: string): string | undefined {
  return claimUnder(claimant.node.root, claimant, [kind, name]);
}

function claimUnder(scope: IConstruct, claimant: IConstruct, parts: string[], claimantKind?: string): string | undefined {
  const claims = CLAIMS.get(scope) ?? new Map<string, string>();
  CLAIMS.set(scope, claims);
  const key = parts.join('\n');
  const holder = claims.get(key);
  if (holder === undefined) claims.set(key, claimantKind === undefined ? claimant.node.path : `${claimantKind} "${claimant.node.path}"`);
  return holder;
}
