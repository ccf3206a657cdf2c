import { TerraformResource, TerraformStack } from 'cdktf';

/**
 * The Terraform address of an adopted resource comes from what was adopted (the bucket's
 * name, the key's id), not from where its construct sits in the tree. A construct that is
 * moved or renamed then keeps its address: Terraform sees the same resource, and its
 * `prevent_destroy`, instead of an old address to destroy and a new one to import.
 *
 * The address the construct path gave it (what releases before this one wrote) is moved
 * to the new one, so stacks deployed with them move instead of destroying. A `moved` block
 * whose old address is not in the state does nothing.
 */

/**
 * The Terraform name of every resource adopted by `identity`: `adopted_` and the bucket
 * name or key id, dots as underscores. Names are unique per type, and those identities
 * hold no underscores, so no two identities share a name.
 */
export function adoptedName(identity: string): string {
  return `adopted_${identity.replace(/\./g, '_')}`;
}

/**
 * Gives `resource` its adopted name, and moves it there from its path-derived address.
 * Call it right after the resource is created: a reference to it (`.arn`, `dependsOn`)
 * fixes the name it renders with.
 */
export function pinAdoptedAddress<T extends TerraformResource>(resource: T, identity: string): T {
  const pathName = TerraformStack.of(resource).getLogicalId(resource);
  resource.overrideLogicalId(adoptedName(identity));
  // cdktf fixes the name at the first reference and then ignores an override silently.
  if (resource.friendlyUniqueId !== adoptedName(identity)) {
    throw new Error(`${resource.node.path} was referred to before its adopted address was set`);
  }
  resource.moveFromId(`${resource.terraformResourceType}.${pathName}`);
  return resource;
}
