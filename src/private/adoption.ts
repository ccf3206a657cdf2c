import { Annotations, TerraformProvider, TerraformResource, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { validateBucketName } from './bucket-name';
import { isManagedKey } from './managed-key';
import { claimOnce } from './stack-claims';
import { PropValidator } from './validation';
import type { BucketAdoption, KeyAdoption } from '../adoption-options';
import type { IEncryptionKey } from '../encryption-key';

/*
 * Import ids, from the AWS provider's documentation (hashicorp/terraform-provider-aws,
 * website/docs/r/<resource>.html.markdown, "Import"):
 * - aws_kms_key: the key id; aws_kms_alias: the alias name, `alias/<name>`;
 * - aws_s3_bucket, aws_s3_bucket_policy, aws_s3_bucket_public_access_block and
 *   aws_s3_bucket_ownership_controls: the bucket name;
 * - aws_s3_bucket_server_side_encryption_configuration, aws_s3_bucket_versioning,
 *   aws_s3_bucket_lifecycle_configuration and aws_s3_bucket_logging: the bucket name
 *   (or `<bucket>,<expected owner>`, which the library never sets);
 * - aws_s3_bucket_replication_configuration: the bucket name.
 */

/** A key id as KMS writes it: a UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/** What a `ManagedCmk` imports. */
export interface KeyAdoptionSettings {
  readonly keyId: string;
  readonly importAlias: boolean;
}

/** What an `EncryptedBucket` imports: the bucket always, then each configuration that exists. */
export interface BucketAdoptionSettings {
  readonly bucketName: string;
  readonly importPublicAccessBlock: boolean;
  readonly importOwnershipControls: boolean;
  readonly importPolicy: boolean;
  readonly importLifecycle: boolean;
  readonly importLogging: boolean;
  readonly importReplication: boolean;
}

/** What a key's adoption is checked against, of its other props. */
interface KeyAdoptionContext {
  readonly alias: string;
  readonly multiRegion?: boolean;
  readonly dangerouslyAllowKeyDestroy?: boolean;
}

/** Checks `adopt` of a ManagedCmk, naming the option at fault. */
export function keyAdoption(v: PropValidator, adopt: KeyAdoption | undefined, props: KeyAdoptionContext): KeyAdoptionSettings | undefined {
  if (adopt === undefined) return undefined;
  if (Token.isUnresolved(adopt.keyId) || !KEY_ID.test(adopt.keyId)) {
    v.fail(
      'adopt.keyId',
      'must be the literal id of the key to import, such as 1234abcd-12ab-34cd-56ef-1234567890ab (or mrk-<32 hex digits>): not its ARN, an alias or a token',
      adopt.keyId,
    );
  }
  // multi_region cannot change: a mismatch would plan a replacement of the key.
  const multiRegionId = adopt.keyId.startsWith('mrk-');
  if (multiRegionId !== (props.multiRegion ?? false)) {
    const why = multiRegionId ? 'true for a multi-Region key (its id starts with mrk-)' : 'false (or unset) for a single-Region key';
    v.fail('multiRegion', `must be ${why}: Terraform cannot change it, and would replace the adopted key`, props.multiRegion ?? false);
  }
  refuseKeyDestroy(v, props.dangerouslyAllowKeyDestroy);
  const importAlias = adopt.aliasExists ?? true;
  if (importAlias && Token.isUnresolved(props.alias)) {
    v.fail('alias', 'must be a literal name to import the adopted key\'s alias by (or set adopt.aliasExists false to create it)', props.alias);
  }
  return { keyId: adopt.keyId, importAlias };
}

/** What a bucket's adoption is checked against, of its other props. */
interface BucketAdoptionContext {
  readonly bucketName?: string;
  readonly bucketPrefix?: string;
  readonly forceDestroy?: boolean;
  readonly dangerouslyAllowKeyDestroy?: boolean;
  readonly serverAccessLogs?: object;
}

/** Checks `adopt` of an EncryptedBucket, naming the option at fault. */
export function bucketAdoption(
  v: PropValidator, adopt: BucketAdoption | undefined, props: BucketAdoptionContext,
): BucketAdoptionSettings | undefined {
  if (adopt === undefined) return undefined;
  const name = adopt.bucketName;
  if (Token.isUnresolved(name)) {
    v.fail('adopt.bucketName', 'must be the literal name of the bucket to import: Terraform imports by a name known before the plan, and a name another resource decides may be a bucket that does not exist yet', name);
  }
  validateBucketName(v, name, 'adopt.bucketName');
  if (props.bucketPrefix !== undefined) {
    v.fail('bucketPrefix', 'cannot be set with adopt: an adopted bucket keeps the name it has (adopt.bucketName)', props.bucketPrefix);
  }
  if (props.bucketName !== undefined && props.bucketName !== name) {
    v.fail('bucketName', `must be the adopted bucket's name, ${name}, or left out: a different name would replace the bucket`, props.bucketName);
  }
  if (props.forceDestroy === true) {
    v.fail('forceDestroy', 'cannot be true with adopt: an adopted bucket holds data this stack did not write, and force_destroy would delete it with the stack', true);
  }
  refuseKeyDestroy(v, props.dangerouslyAllowKeyDestroy);
  if (adopt.loggingExists === true && props.serverAccessLogs === undefined) {
    v.fail('adopt.loggingExists', 'needs serverAccessLogs: without it the construct manages no logging configuration to import into', true);
  }
  return {
    bucketName: name,
    importPublicAccessBlock: adopt.publicAccessBlockExists ?? true,
    importOwnershipControls: adopt.ownershipControlsExists ?? true,
    importPolicy: adopt.policyExists ?? true,
    importLifecycle: adopt.lifecycleConfigurationExists ?? true,
    importLogging: adopt.loggingExists ?? true,
    importReplication: adopt.replicationConfigurationExists ?? true,
  };
}

function refuseKeyDestroy(v: PropValidator, allow: boolean | undefined): void {
  if (allow === true) {
    v.fail('dangerouslyAllowKeyDestroy', 'cannot be true with adopt: adopted data is encrypted with keys this stack must never schedule for deletion', true);
  }
}

/**
 * Two constructs importing one key would both manage it, each undoing the other's
 * settings: refuse the second, on the same provider (key ids are per account and region).
 * Buckets, whose names are global, are claimed by name (`claimBucketName`).
 */
export function claimKeyAdoption(v: PropValidator, key: IConstruct, keyId: string, provider: TerraformProvider | undefined): void {
  const holder = claimOnce(key, 'adopted key', provider, keyId);
  if (holder !== undefined) {
    v.fail('adopt.keyId', `must not be adopted twice in a stack: "${holder}" already adopts it, and two constructs would each undo the other's settings`, keyId);
  }
}

/** The resources of an `EncryptedBucket` that adoption imports, when the construct has them. */
export interface AdoptableBucketResources {
  readonly bucket: TerraformResource;
  readonly encryption: TerraformResource;
  readonly publicAccessBlock: TerraformResource;
  readonly ownershipControls: TerraformResource;
  readonly versioning?: TerraformResource;
  readonly lifecycle: TerraformResource;
  readonly policy: TerraformResource;
  readonly logging?: TerraformResource;
}

/** Terraform `import` blocks for the bucket and each configuration it has, all by the bucket's name. */
export function importBucket(adoption: BucketAdoptionSettings, resources: AdoptableBucketResources, provider: TerraformProvider | undefined): void {
  const name = adoption.bucketName;
  const imported = [
    resources.bucket, resources.encryption,
    adoption.importPublicAccessBlock ? resources.publicAccessBlock : undefined,
    adoption.importOwnershipControls ? resources.ownershipControls : undefined,
    // S3 reports a bucket that never had versioning as Disabled: there is always one to import.
    resources.versioning,
    adoption.importLifecycle ? resources.lifecycle : undefined,
    adoption.importPolicy ? resources.policy : undefined,
    // Without serverAccessLogs the construct has no logging configuration to import into.
    adoption.importLogging ? resources.logging : undefined,
  ];
  imported.forEach((resource) => resource?.importFrom(name, provider));
}

/**
 * Objects already in an adopted bucket stay encrypted under the key they were written
 * with, whatever the bucket's default becomes: that key must outlive them, and its policy
 * must go on letting readers decrypt. Warns unless the bucket's key is one that existed
 * before this stack (adopted, or known by its ARN), which is then presumably that key.
 */
export function adoptedBucketKeyWarning(bucket: IConstruct, bucketName: string, key: IEncryptionKey | undefined): void {
  if (key !== undefined && !(isManagedKey(key) && !key.adopted)) return;
  const now = key === undefined
    ? 'the bucket\'s default encryption becomes SSE-S3'
    : `the bucket's default encryption becomes the new key ${key.node.path}, and its grants cover only that key`;
  Annotations.of(bucket).addWarning(
    `adopt ${bucketName}: ${now}. The objects already in the bucket stay encrypted under the key they were written with, ` +
    'which this stack does not protect from deletion and whose policy it does not change: keep that key, and its grants to ' +
    'readers, until those objects are rewritten or gone. If it is a customer-managed key, adopt it too with ManagedCmk\'s adopt ' +
    '(see the README, "Bring existing resources under the library").',
  );
}
