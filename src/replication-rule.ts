import type { IConstruct } from 'constructs';
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
   * Replicate only objects whose keys start with this prefix.
   *
   * @default - every object
   */
  readonly prefix?: string;

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
   * The replicas' storage class: STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA,
   * INTELLIGENT_TIERING, GLACIER, DEEP_ARCHIVE or GLACIER_IR.
   *
   * @default - the source object's storage class
   */
  readonly storageClass?: string;

  /**
   * The rule's id, at most 255 characters.
   *
   * @default - `replicate-<priority>`
   */
  readonly id?: string;
}
