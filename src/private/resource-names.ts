import { TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/*
 * Terraform knows a resource by its address, and cdktf derives the address from the
 * construct's path. A construct that is moved or renamed then gets new addresses, and the
 * plan destroys the old ones: `prevent_destroy` belongs to the configuration, which no
 * longer has them. Where the library knows what a resource is, its name comes from that
 * instead: a bucket's resources (and the key it makes) from the bucket's name when it is
 * known at synth, an adopted key's from its id. Removing `adopt` from a named bucket
 * then changes nothing either.
 *
 * Adopted resources are also moved from the path-derived address that earlier versions
 * gave them. A `moved` block whose old address is not in the state does nothing.
 */

/** The Terraform name of an adopted key's resources: `key_` and its id. */
export function keyResourceName(keyId: string): string {
  return `key_${keyId}`;
}

/**
 * The Terraform name of a named bucket's resources: `bucket_` and its name, dots as
 * underscores. Bucket names hold no underscores, so no two names meet.
 */
export function bucketResourceName(bucketName: string): string {
  return `bucket_${bucketName.replace(/\./g, '_')}`;
}

/** Names given ahead to constructs a construct is about to make, by its scope and id. */
const RESERVED = new WeakMap<IConstruct, Map<string, string>>();

/** Gives the construct `scope` is about to make with `id` the Terraform name `name`. */
export function reserveResourceName(scope: IConstruct, id: string, name: string): void {
  const names = RESERVED.get(scope) ?? new Map<string, string>();
  RESERVED.set(scope, names);
  names.set(id, name);
}

/** The Terraform name reserved for `construct`'s resources, if any. */
export function reservedResourceName(construct: IConstruct): string | undefined {
  return construct.node.scope === undefined ? undefined : RESERVED.get(construct.node.scope)?.get(construct.node.id);
}

/**
 * Gives `resource` the Terraform name `name` (unchanged when undefined), and with
 * `movedFromPath` a `moved` block from its path-derived address. Call it right after the
 * resource is created: a reference to it (`.arn`, `dependsOn`) fixes the name it renders
 * with.
 */
export function nameResource<T extends TerraformResource>(resource: T, name: string | undefined, movedFromPath: boolean): T {
  if (name === undefined) return resource;
  const pathName = TerraformStack.of(resource).getLogicalId(resource);
  resource.overrideLogicalId(name);
  // cdktf fixes the name at the first reference and then ignores an override silently.
  if (resource.friendlyUniqueId !== name) {
    throw new Error(`${resource.node.path} was referred to before its Terraform name was set`);
  }
  if (movedFromPath) resource.moveFromId(`${resource.terraformResourceType}.${pathName}`);
  return resource;
}
