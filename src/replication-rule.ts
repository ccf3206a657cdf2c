import type { IConstruct } from 'constructs';
import type { StorageClass } from './bucket-options';
import type { IEncryptionKey } from './encryption-key';

/**
 * A bucket that objects can be replicated into: an `EncryptedBucket` (on any provider),
 * or an `ExternalReplicationDestination`, a bucket managed elsewhere.
 */
export interface IReplicationDestination extends IConstruct {
  /** The bucket's ARN. */
  readonly bucketArn: string;
  /** The key replicas are encrypted with unless a rule names another. */
  readonly encryptionKey?: IEncryptionKey;
}

/** A replication rule of an `EncryptedBucket`. */
export interface ReplicationRule {
  /**
   * The bucket to replicate into: an `EncryptedBucket` on any provider (region or
   * account), or an `ExternalReplicationDestination`. It must be versioned.
   */
  readonly destination: IReplicationDestination;

  /**
   * The KMS key replicas are encrypted with, in the destination's region. When the
   * destination pins its key, only that key is accepted.
   *
   * @default - the destination's key
   */
  readonly replicaKey?: IEncryptionKey;

  /**
   * Replicate only objects whose keys start with this prefix (and, with `tags`, that
   * carry them too).
   *
   * @default - every object
   */
  readonly prefix?: string;

  /**
   * Replicate only objects that carry all of these tags: at most 10 (an object carries
   * no more), keys of 1-128 characters, values of at most 256. S3 does not replicate
   * delete markers for a rule with tags, so `replicateDeleteMarkers` must stay false.
   *
   * @default - any tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * The rule's priority: when rules overlap, the higher number wins. Unique among the
   * bucket's rules.
   *
   * @default - the rule's position among the bucket's rules (0, 1, ...)
   */
  readonly priority?: number;

  /**
   * Whether delete markers are replicated too (deletes of versions never are).
   *
   * @default false
   */
  readonly replicateDeleteMarkers?: boolean;

  /**
   * The replicas' storage class: any member of `StorageClass`, `STANDARD` included.
   *
   * @default - the source object's storage class
   */
  readonly storageClass?: StorageClass;

  /**
   * S3 Replication Time Control: S3 replicates 99.99% of new objects within 15 minutes,
   * under an SLA. It needs replication metrics, rendered with the 15-minute event
   * threshold, so `metrics` cannot be false. Billed per GB replicated, beside the metrics.
   *
   * @default false
   */
  readonly replicationTimeControl?: boolean;

  /**
   * Replication metrics in CloudWatch (bytes and operations pending, latency, failures),
   * billed as custom metrics. Always on with `replicationTimeControl`.
   *
   * @default - on with `replicationTimeControl`, otherwise off
   */
  readonly metrics?: boolean;

  /**
   * Replica modification sync: changes to the metadata of replicas (tags, ACLs, Object
   * Lock settings) made in the destination are replicated back too. For two-way
   * replication, give it on the rules of both buckets.
   *
   * @default false
   */
  readonly replicaModifications?: boolean;

  /**
   * The rule's id, at most 255 characters.
   *
   * @default - `replicate-<priority>`
   */
  readonly id?: string;
}
