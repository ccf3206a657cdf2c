import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { isManagedKey } from './managed-key';
import { knownKeyRegion } from './regions';
import { StackContext } from './stack-context';
import { PropValidator } from './validation';
import type { IEncryptedBucket } from '../bucket-interface';
import { StorageClass } from '../bucket-options';
import type { IEncryptionKey } from '../encryption-key';
import type { IReplicationDestination, ReplicationRule } from '../replication-rule';

/** One side of a replication, as its policies need it. */
export interface ReplicationEndpoint {
  readonly bucketArn: string;
  /** `s3.<region>.<dns suffix>`: S3 in the bucket's region, the only `kms:ViaService` allowed. */
  readonly s3ServiceName: string;
  /** The key objects on this side are encrypted with (undefined: no KMS). */
  readonly keyArn?: string;
  /** Whether the bucket has Object Lock (known for the source only). */
  readonly objectLockEnabled?: boolean;
}

/** A rule with every default applied and its destination resolved. */
export interface ReplicationRuleSettings {
  readonly id: string;
  readonly priority: number;
  readonly prefix?: string;
  /** The tag filter (undefined: none); possibly an unresolved token. */
  readonly tags?: { [key: string]: string };
  readonly replicateDeleteMarkers: boolean;
  readonly storageClass?: string;
  readonly replicationTimeControl: boolean;
  readonly metrics: boolean;
  readonly replicaModifications: boolean;
  readonly destination: ReplicationEndpoint & { readonly keyArn: string };
  /** The destination account, when it is known to differ from the source's: owner override. */
  readonly ownerOverrideAccount?: string;
  /** Whether both accounts are known and the same: only then can IAM policies alone let the role use the replica key. */
  readonly sameAccount: boolean;
}

/** What the replication of one bucket reads of the bucket. */
export interface ReplicationSource {
  readonly scope: Construct;
  readonly validator: PropValidator;
  readonly provider?: TerraformProvider;
  /** The account, partition and region of the bucket's provider. */
  readonly context: StackContext;
  readonly bucketArn: string;
  readonly bucketId: string;
  /** The name the bucket was given, if any. */
  readonly bucketName?: string;
  /** Undefined when the bucket is not versioned. */
  readonly versioning?: S3BucketVersioningA;
  readonly key?: IEncryptionKey;
  /** Whether the bucket has Object Lock: its replicas keep their retention, so the destination needs it too. */
  readonly objectLockEnabled: boolean;
  /** The bucket's tags, for the taggable resources replication creates (its role). */
  readonly tags?: { [key: string]: string };
}

/** What replication reads of an external destination. */
interface ExternalLike extends IReplicationDestination {
  readonly accountId: string;
  readonly region: string;
}

/** Whether a destination is an `EncryptedBucket`, whose policies this library writes. */
export function isEncryptedBucket(d: IReplicationDestination): d is IEncryptedBucket {
  return 'bucketPolicy' in d && 'addToResourcePolicy' in d;
}

/** Where a destination is, as far as it is known at synth. */
interface Endpoint {
  readonly s3ServiceName: string;
  readonly region?: string;
  readonly ownerOverrideAccount?: string;
  readonly sameAccount: boolean;
}

/** Every class of the enum: replicas may be written in any (for JavaScript callers, who can pass any string). */
const STORAGE_CLASSES: string[] = Object.values(StorageClass);
/** An object carries at most 10 tags (S3 User Guide, "Categorizing your storage using tags"). */
const MAX_TAGS = 10;

/**
 * Checks `rule` (named `option` in errors) for the bucket `source` that already has
 * `rules`, and resolves its destination: what the statements and the configuration read.
 */
export function replicationRuleSettings(
  source: ReplicationSource, rules: ReplicationRuleSettings[], rule: ReplicationRule, option: string,
): ReplicationRuleSettings {
  const v = source.validator;
  if (!source.versioning) {
    v.fail(option, 'needs versioned true on this bucket: S3 replicates only from versioned buckets', false);
  }
  const sourceKey = source.key;
  if (isManagedKey(sourceKey) && !sourceKey.iamPoliciesEnabled) {
    v.fail(
      option,
      'needs a source key whose policy lets IAM policies grant its use (enableIamPolicies): the replication role decrypts through its own policy',
      sourceKey.node.path,
    );
  }
  const destination = rule.destination;
  if (destination === (source.scope as unknown) || sameBucketByName(source, destination)) {
    v.fail(`${option}.destination`, 'must be another bucket: a bucket cannot replicate into itself', destination.node.path);
  }
  const replicaKey = rule.replicaKey ?? destination.encryptionKey;
  if (!replicaKey) {
    return v.fail(`${option}.replicaKey`, 'must be given when the destination has no KMS key (S3_MANAGED): replicas of SSE-KMS objects need a key in the destination region', destination.node.path);
  }
  const endpoint = isEncryptedBucket(destination)
    ? bucketEndpoint(source, destination, option)
    : externalEndpoint(source, destination as ExternalLike);
  const keyRegion = knownKeyRegion(replicaKey);
  if (endpoint.region !== undefined && keyRegion !== undefined && endpoint.region !== keyRegion) {
    v.fail(`${option}.replicaKey`, `must be in the destination's region, ${endpoint.region}: S3 uses only keys in the bucket's own region`, `${replicaKey.node.path} in ${keyRegion}`);
  }
  if (isEncryptedBucket(destination) && destination.pinEncryptionKey && destination.encryptionKey && replicaKey !== destination.encryptionKey
    && replicaKey.keyArn !== destination.encryptionKey.keyArn) {
    v.fail(`${option}.replicaKey`, 'must be the destination\'s own key: the destination pins its key (pinEncryptionKey) and denies replicas encrypted with any other', replicaKey.node.path);
  }
  v.integerInRange(`${option}.priority`, rule.priority, 0, 2147483647);
  v.oneOf(`${option}.storageClass`, rule.storageClass, STORAGE_CLASSES);
  const tags = tagFilter(v, `${option}.tags`, rule.tags);
  // S3 API Reference, DeleteMarkerReplication: "Amazon S3 does not support replicating delete markers for tag-based rules."
  if (tags !== undefined && !Token.isUnresolved(tags) && rule.replicateDeleteMarkers === true) {
    v.fail(`${option}.replicateDeleteMarkers`, 'cannot be true on a rule with tags: S3 does not replicate delete markers for tag-based rules', true);
  }
  // S3 API Reference, ReplicationTime: "Must be specified together with a Metrics block."
  const replicationTimeControl = rule.replicationTimeControl ?? false;
  if (replicationTimeControl === true && rule.metrics === false) {
    v.fail(`${option}.metrics`, 'cannot be false with replicationTimeControl: S3 Replication Time Control requires replication metrics', false);
  }
  const priority = rule.priority ?? rules.length;
  const clash = rules.find((r) => r.priority === priority);
  if (clash && !Token.isUnresolved(priority)) {
    v.fail(`${option}.priority`, `must be unique among the bucket's replication rules: rule "${clash.id}" already has it`, priority);
  }
  const id = rule.id ?? `replicate-${priority}`;
  if (!Token.isUnresolved(id) && (id.length === 0 || id.length > 255)) v.fail(`${option}.id`, 'must be 1-255 characters', id);
  if (rules.some((r) => r.id === id)) v.fail(`${option}.id`, 'must be unique among the bucket\'s replication rules', id);
  return {
    id,
    priority,
    prefix: rule.prefix,
    tags,
    replicateDeleteMarkers: rule.replicateDeleteMarkers ?? false,
    storageClass: rule.storageClass,
    replicationTimeControl,
    metrics: rule.metrics ?? replicationTimeControl,
    replicaModifications: rule.replicaModifications ?? false,
    destination: { bucketArn: destination.bucketArn, s3ServiceName: endpoint.s3ServiceName, keyArn: replicaKey.keyArn },
    ownerOverrideAccount: endpoint.ownerOverrideAccount,
    sameAccount: endpoint.sameAccount,
  };
}

/**
 * The tags a rule filters on, checked against S3's limits on object tags (S3 User Guide,
 * "Categorizing your storage using tags": at most 10 per object, keys of up to 128 and
 * values of up to 256 UTF-16 characters, which is how JavaScript counts a string's length);
 * undefined for none. A token for the whole map is let through as it is.
 */
function tagFilter(v: PropValidator, option: string, tags: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (tags === undefined || Token.isUnresolved(tags)) return tags;
  const entries = Object.entries(tags);
  if (entries.length === 0) return undefined;
  if (entries.length > MAX_TAGS) {
    v.fail(option, `must have at most ${MAX_TAGS} tags: an object carries no more, so the rule would replicate nothing`, entries.length);
  }
  for (const [key, value] of entries) {
    if (!Token.isUnresolved(key) && (key.length === 0 || key.length > 128)) v.fail(option, 'keys must be 1-128 characters', key);
    if (!Token.isUnresolved(value) && (typeof value !== 'string' || value.length > 256)) v.fail(option, `values must be strings of at most 256 characters (key "${key}")`, value);
  }
  return tags;
}

/** A destination named by an ARN that is the source's literal name. */
function sameBucketByName(source: ReplicationSource, destination: IReplicationDestination): boolean {
  const name = source.bucketName;
  return name !== undefined && !Token.isUnresolved(destination.bucketArn) && destination.bucketArn.endsWith(`:::${name}`);
}

function bucketEndpoint(source: ReplicationSource, destination: IEncryptedBucket, option: string): Endpoint {
  // The source reads the destination and the destination's policies name the source's
  // role: across stacks that is a dependency cycle.
  if (TerraformStack.of(destination) !== TerraformStack.of(source.scope)) {
    source.validator.fail(`${option}.destination`, `must be in the source's stack (${TerraformStack.of(source.scope).node.path}); for a bucket in another stack, use an ExternalReplicationDestination and give its policies replicationRoleArn`, destination.node.path);
  }
  if (!destination.versioned) {
    source.validator.fail(`${option}.destination`, 'must be versioned (versioned: true): S3 replicates only into versioned buckets', destination.node.path);
  }
  if (source.objectLockEnabled && !destination.objectLockEnabled) {
    source.validator.fail(`${option}.destination`, 'must have Object Lock (objectLockEnabled), as this bucket has: S3 replicates locked versions only into buckets with Object Lock', destination.node.path);
  }
  const context = StackContext.of(destination, destination.provider);
  return {
    s3ServiceName: context.s3ServiceName,
    region: context.knownRegion,
    ownerOverrideAccount: differentAccount(source.context.knownAccountId, context.knownAccountId),
    sameAccount: sameAccount(source.context.knownAccountId, context.knownAccountId),
  };
}

function externalEndpoint(source: ReplicationSource, destination: ExternalLike): Endpoint {
  const region = Token.isUnresolved(destination.region) ? undefined : destination.region;
  return {
    s3ServiceName: `s3.${destination.region}.${source.context.dnsSuffix}`,
    region,
    ownerOverrideAccount: differentAccount(source.context.knownAccountId, known(destination.accountId)),
    sameAccount: sameAccount(source.context.knownAccountId, known(destination.accountId)),
  };
}

/** A value known at synth, or undefined. */
function known(value: string | undefined): string | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
}

/** Whether both accounts are known and the same. */
function sameAccount(source: string | undefined, destination: string | undefined): boolean {
  return source !== undefined && source === destination;
}

/** The destination account when both are known and differ. */
function differentAccount(source: string | undefined, destination: string | undefined): string | undefined {
  return source !== undefined && destination !== undefined && source !== destination ? destination : undefined;
}
