import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Token } from 'cdktf';
import type { StackContext } from './stack-context';
import { PropValidator } from './validation';
import { BucketNamespace } from '../bucket-namespace';

/** What the namespace check reads of a bucket's props. */
interface NamespaceProps {
  readonly bucketNamespace?: BucketNamespace;
  readonly bucketName?: string;
  readonly bucketPrefix?: string;
}

/** `<prefix>-<12-digit account id>-<region>-an`, S3's form for names in an account's regional namespace. */
const ACCOUNT_REGIONAL_NAME = /-\d{12}-[a-z]{2}(-[a-z]+)+-\d+-an$/;
/** Regions where S3 has no account regional namespace (S3 User Guide, "Namespaces for general purpose buckets"). */
const NO_ACCOUNT_REGIONAL = ['me-south-1', 'me-central-1'];

/**
 * Whether the provider binding writes `bucket_namespace` (AWS provider 6.37 and later).
 * Generated bindings leave out what their provider does not know: without this, the
 * option would vanish from the output and the bucket would land in the global namespace.
 */
function bindingWritesNamespace(): boolean {
  return 'bucketNamespace' in S3Bucket.prototype;
}

/** Checks `bucketNamespace` against the rest of the props (`name`: the bucket's name, given or adopted). */
export function validateBucketNamespace(v: PropValidator, props: NamespaceProps, name: string | undefined): void {
  const namespace = props.bucketNamespace;
  if (namespace === undefined) return;
  v.oneOf('bucketNamespace', namespace, Object.values(BucketNamespace));
  if (!bindingWritesNamespace()) {
    v.fail('bucketNamespace', 'needs an AWS provider binding that writes bucket_namespace (AWS provider 6.37 or later, such as @cdktn/provider-aws 25); this one would drop it', namespace);
  }
  if (namespace !== BucketNamespace.ACCOUNT_REGIONAL) return;
  if (props.bucketPrefix !== undefined) {
    v.fail('bucketPrefix', 'cannot be set with bucketNamespace ACCOUNT_REGIONAL: a generated name lacks the -<account id>-<region>-an suffix S3 requires; give bucketName', props.bucketPrefix);
  }
  if (name === undefined) {
    v.fail('bucketNamespace', 'ACCOUNT_REGIONAL needs bucketName, ending with -<account id>-<region>-an: Terraform cannot generate such a name', namespace);
  }
  if (!Token.isUnresolved(name) && !ACCOUNT_REGIONAL_NAME.test(name)) {
    v.fail('bucketName', 'must end with -<account id>-<region>-an in the ACCOUNT_REGIONAL namespace, such as backups-111122223333-us-east-1-an', name);
  }
}

/** Checks an account-regional name against the account and region the provider is known to have. */
export function validateAccountRegionalName(
  v: PropValidator, context: StackContext, namespace: BucketNamespace | undefined, name: string | undefined,
): void {
  if (namespace !== BucketNamespace.ACCOUNT_REGIONAL) return;
  const region = context.knownRegion;
  if (region !== undefined && NO_ACCOUNT_REGIONAL.includes(region)) {
    v.fail('bucketNamespace', `ACCOUNT_REGIONAL is not offered in ${region}: S3 has no account regional namespace there`, namespace);
  }
  const account = context.knownAccountId;
  if (name === undefined || Token.isUnresolved(name) || region === undefined || account === undefined) return;
  const suffix = `-${account}-${region}-an`;
  if (!name.endsWith(suffix)) {
    v.fail('bucketName', `must end with ${suffix}: the bucket's account and region in the ACCOUNT_REGIONAL namespace`, name);
  }
}
