import { Annotations, TerraformProvider, TerraformResource, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { validateBucketName } from './bucket-name';
import { isManagedKey } from './managed-key';
import { claimOnceInApp } from './stack-claims';
import { KEY_ARN, PropValidator } from './validation';
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
 * - aws_s3_bucket_replication_configuration and aws_s3_bucket_object_lock_configuration:
 *   the bucket name.
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
  /** The key the bucket's objects are encrypted with, when the user said. */
  readonly currentKeyArn?: string;
  readonly importPublicAccessBlock: boolean;
  readonly importOwnershipControls: boolean;
  readonly importPolicy: boolean;
  readonly importLifecycle: boolean;
  readonly importLogging: boolean;
  readonly importReplication: boolean;
  readonly importObjectLock: boolean;
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
  readonly objectLockEnabled?: boolean;
  readonly objectLockDefaultRetention?: object;
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
  const current = adopt.currentKeyArn;
  if (current !== undefined && !Token.isUnresolved(current) && !KEY_ARN.test(current)) {
    v.fail('adopt.currentKeyArn', 'must be a key ARN, arn:aws:kms:<region>:<account>:key/<key id>, or a key\'s keyArn: not an alias or a key id', current);
  }
  if (adopt.objectLockConfigurationExists === true && !(props.objectLockEnabled ?? props.objectLockDefaultRetention !== undefined)) {
    v.fail('adopt.objectLockConfigurationExists', 'needs Object Lock (objectLockEnabled or objectLockDefaultRetention): without it the construct manages no Object Lock configuration to import into', true);
  }
  if (adopt.loggingExists === true && props.serverAccessLogs === undefined) {
    v.fail('adopt.loggingExists', 'needs serverAccessLogs: without it the construct manages no logging configuration to import into', true);
  }
  return {
    bucketName: name,
    currentKeyArn: current,
    importPublicAccessBlock: adopt.publicAccessBlockExists ?? true,
    importOwnershipControls: adopt.ownershipControlsExists ?? true,
    importPolicy: adopt.policyExists ?? true,
    importLifecycle: adopt.lifecycleConfigurationExists ?? true,
    importLogging: adopt.loggingExists ?? true,
    importReplication: adopt.replicationConfigurationExists ?? true,
    importObjectLock: adopt.objectLockConfigurationExists ?? true,
  };
}

function refuseKeyDestroy(v: PropValidator, allow: boolean | undefined): void {
  if (allow === true) {
    v.fail('dangerouslyAllowKeyDestroy', 'cannot be true with adopt: adopted data is encrypted with keys this stack must never schedule for deletion', true);
  }
}

/**
 * Two constructs importing one key would both manage it, each undoing the other's
 * settings, and in two stacks each would keep it in a state of its own: refuse the
 * second anywhere in the app. A key id names one key: KMS makes a new id for every key,
 * and the replicas that share a multi-Region key's id cannot be adopted.
 * Buckets, whose names are global, are claimed by name (`claimBucketName`).
 */
export function claimKeyAdoption(v: PropValidator, key: IConstruct, keyId: string): void {
  const holder = claimOnceInApp(key, 'adopted key', keyId);
  if (holder !== undefined) {
    v.fail('adopt.keyId', `must be adopted once in the app, in any stack and on any provider: "${holder}" already adopts it, and two constructs would each undo the other's settings`, keyId);
  }
}

/** The resources of an `EncryptedBucket` that adoption imports, when the construct has them (its own field names). */
export interface AdoptableBucketResources {
  readonly s3Bucket: TerraformResource;
  readonly encryptionConfiguration: TerraformResource;
  readonly publicAccessBlock: TerraformResource;
  readonly ownershipControls: TerraformResource;
  readonly versioning?: TerraformResource;
  readonly lifecycleConfiguration: TerraformResource;
  readonly objectLockConfiguration?: TerraformResource;
  readonly bucketPolicy: TerraformResource;
  readonly logging?: TerraformResource;
}

/** Terraform `import` blocks for the bucket and each configuration it has, all by the bucket's name. */
export function importBucket(adoption: BucketAdoptionSettings, resources: AdoptableBucketResources, provider: TerraformProvider | undefined): void {
  const name = adoption.bucketName;
  const imported = [
    resources.s3Bucket, resources.encryptionConfiguration,
    adoption.importPublicAccessBlock ? resources.publicAccessBlock : undefined,
    adoption.importOwnershipControls ? resources.ownershipControls : undefined,
    // S3 reports a bucket that never had versioning as Disabled: there is always one to import.
    resources.versioning,
    adoption.importLifecycle ? resources.lifecycleConfiguration : undefined,
    // Without Object Lock the construct has no configuration to import into.
    adoption.importObjectLock ? resources.objectLockConfiguration : undefined,
    adoption.importPolicy ? resources.bucketPolicy : undefined,
    // Without serverAccessLogs the construct has no logging configuration to import into.
    adoption.importLogging ? resources.logging : undefined,
  ];
  imported.forEach((resource) => resource?.importFrom(name, provider));
}

/**
 * Objects already in an adopted bucket stay encrypted under the key they were written
 * with, whatever the bucket's default becomes: that key must outlive them, and its policy
 * must go on letting readers decrypt. Quiet only when `adopt.currentKeyArn` says that
 * key is the bucket's own; otherwise, known or not, it warns.
 */
export function adoptedBucketKeyWarning(
  v: PropValidator, bucket: IConstruct, adoption: BucketAdoptionSettings, key: IEncryptionKey | undefined,
): void {
  const current = adoption.currentKeyArn;
  if (current !== undefined && key !== undefined && isSameKey(key, current)) {
    if (isManagedKey(key) && !key.adopted) {
      v.fail(
        'adopt.currentKeyArn',
        `must not be the keyArn of a key this stack creates (${key.node.path}): a new key encrypts none of the objects already in the bucket; name the key they were written with`,
        current,
      );
    }
    return;
  }
  const becomes = key === undefined
    ? 'the bucket\'s default encryption becomes SSE-S3'
    : `the bucket's default encryption becomes the key ${key.node.path}, and its grants cover only that key`;
  const objects = current === undefined
    ? 'adopt.currentKeyArn does not say which key encrypts the objects already in the bucket. They stay encrypted under the key they were written with'
    : `The objects already in the bucket stay encrypted under ${Token.isUnresolved(current) ? 'the key' : current} (adopt.currentKeyArn)`;
  Annotations.of(bucket).addWarning(
    `adopt ${adoption.bucketName}: ${becomes}. ${objects}, whatever the default becomes: keep that key, and its grants to readers, ` +
    'until those objects are rewritten or gone (see the README, "Retiring a key safely"). If it is a customer-managed key, adopt it ' +
    'too with ManagedCmk\'s adopt, and set adopt.currentKeyArn to its keyArn (or to the key\'s ARN) to say it is the bucket\'s key.',
  );
}

/** Whether `key` is the key `keyArn` names: the same ARN (or token), or an adopted key with its id. */
function isSameKey(key: IEncryptionKey, keyArn: string): boolean {
  if (key.keyArn === keyArn) return true;
  const adoptedId = isManagedKey(key) ? key.adoptedKeyId : undefined;
  return adoptedId !== undefined && !Token.isUnresolved(keyArn) && keyArn.endsWith(`:key/${adoptedId}`);
}
