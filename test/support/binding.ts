/**
 * The AWS provider binding the tests run against: `@cdktf/provider-aws` (AWS provider
 * 5.x at the dev pin), or `@cdktn/provider-aws` (6.x) in the cdktn jest project, which
 * maps one package name to the other.
 */
import * as fs from 'fs';

// Read through the module resolver, so the cdktn project's name mapping applies.
const binding = JSON.parse(fs.readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8'));

/** `@cdktf/provider-aws` or `@cdktn/provider-aws`. */
export const BINDING_PACKAGE: string = binding.name;

/** The AWS provider version the binding was generated from, such as `5.100.0`. */
export const BINDING_AWS_PROVIDER: string = binding.cdktf.provider.version;

/** Whether the binding writes `blocked_encryption_types` (AWS provider 6.22 and later). */
export const BINDING_BLOCKS_ENCRYPTION_TYPES: boolean = (() => {
  const [major, minor] = BINDING_AWS_PROVIDER.split('.').map(Number);
  return major > 6 || (major === 6 && minor >= 22);
})();

/** Whether the binding writes `bucket_namespace` (AWS provider 6.37 and later). */
export const BINDING_WRITES_NAMESPACE: boolean = (() => {
  const [major, minor] = BINDING_AWS_PROVIDER.split('.').map(Number);
  return major > 6 || (major === 6 && minor >= 37);
})();
