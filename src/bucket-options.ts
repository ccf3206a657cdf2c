/** Server-side encryption for a bucket's objects. Values are S3's header values. */
export enum BucketEncryption {
  /** SSE-KMS with a customer-managed key (`aws:kms`). */
  KMS = 'aws:kms',
  /** Dual-layer SSE-KMS (`aws:kms:dsse`), for workloads that require two layers. */
  DSSE_KMS = 'aws:kms:dsse',
  /** SSE-S3 with keys S3 manages (`AES256`). Required for server access log targets. */
  S3_MANAGED = 'AES256',
}

/**
 * How the bucket policy treats the encryption headers of requests that set an object's
 * encryption: uploads and copies, re-keying in place (`UpdateObjectEncryption`) and
 * replicas written into the bucket.
 */
export enum EncryptionEnforcement {
  /**
   * Requests whose encryption headers ask for anything but the bucket's encryption (or
   * key) are denied. Uploads without headers are accepted and get the default encryption.
   */
  DENY_MISMATCHED_HEADERS = 'DENY_MISMATCHED_HEADERS',
  /**
   * Every upload and re-keying must carry the bucket's encryption header (and, when the
   * key is pinned, the key id header), or it is denied. Clients and AWS services that
   * rely on default encryption will fail. Replicas, written by S3, are denied only for
   * headers that are present and wrong.
   */
  REQUIRE_HEADERS = 'REQUIRE_HEADERS',
  /** No encryption statements in the bucket policy. */
  NONE = 'NONE',
}

/** Who owns objects that other accounts upload. */
export enum ObjectOwnership {
  /** The bucket owner owns every object and ACLs are disabled. */
  BUCKET_OWNER_ENFORCED = 'BucketOwnerEnforced',
  /** The bucket owner owns objects uploaded with the `bucket-owner-full-control` ACL. */
  BUCKET_OWNER_PREFERRED = 'BucketOwnerPreferred',
  /** The uploading account owns the object. */
  OBJECT_WRITER = 'ObjectWriter',
}

/** The four S3 Block Public Access settings. */
export interface BlockPublicAccessOptions {
  /**
   * Reject requests that set public ACLs.
   * @default true
   */
  readonly blockPublicAcls?: boolean;
  /**
   * Reject bucket policies that grant public access.
   * @default true
   */
  readonly blockPublicPolicy?: boolean;
  /**
   * Ignore public ACLs on the bucket and its objects.
   * @default true
   */
  readonly ignorePublicAcls?: boolean;
  /**
   * Restrict access to a bucket with a public policy to AWS services and the owner.
   * @default true
   */
  readonly restrictPublicBuckets?: boolean;
}

/**
 * S3 storage classes. Lifecycle transitions accept every class but `STANDARD`; replication
 * accepts them all for its replicas.
 */
export enum StorageClass {
  /** The default class: frequent access, in several Availability Zones. Replicas only. */
  STANDARD = 'STANDARD',
  /** Infrequent access, in several Availability Zones, from day 30 at the earliest. */
  STANDARD_IA = 'STANDARD_IA',
  /** Infrequent access, in one Availability Zone, from day 30 at the earliest. */
  ONEZONE_IA = 'ONEZONE_IA',
  /** S3 moves objects between access tiers by how they are used. */
  INTELLIGENT_TIERING = 'INTELLIGENT_TIERING',
  /** Archive with millisecond retrieval. */
  GLACIER_IR = 'GLACIER_IR',
  /** Archive with retrieval in minutes to hours (S3 Glacier Flexible Retrieval). */
  GLACIER = 'GLACIER',
  /** The cheapest archive, with retrieval within hours. */
  DEEP_ARCHIVE = 'DEEP_ARCHIVE',
}

/** Moves objects to another storage class some days after they were created. */
export interface LifecycleTransition {
  /** Days after creation: an integer of at least 1, and at least 30 for `STANDARD_IA` and `ONEZONE_IA`. */
  readonly days: number;
  /** The storage class to move objects to. */
  readonly storageClass: StorageClass;
}

/** Moves noncurrent object versions to another storage class some days after they became noncurrent. */
export interface NoncurrentVersionTransition {
  /**
   * Days after a version became noncurrent: an integer of at least 1, and at least 30 for
   * `STANDARD_IA` and `ONEZONE_IA`.
   */
  readonly days: number;

  /** The storage class to move noncurrent versions to (any but `STANDARD`). */
  readonly storageClass: StorageClass;

  /**
   * How many of the newest noncurrent versions stay where they are: only older ones
   * move. An integer from 1 to 100.
   *
   * @default - every noncurrent version moves once it is old enough
   */
  readonly newerNoncurrentVersions?: number;
}

/**
 * A lifecycle rule of the bucket, in days like the bucket's other lifecycle options.
 * It applies to the objects that match its prefix, tags and size bounds (all objects
 * without them).
 */
export interface LifecycleRule {
  /** The rule's id: unique in the bucket, at most 255 characters. */
  readonly id: string;

  /**
   * Only objects whose keys start with this prefix.
   *
   * @default - every key
   */
  readonly prefix?: string;

  /**
   * Only objects that carry all of these tags.
   *
   * @default - any tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * Only objects larger than this many bytes: an integer from 0 to 50 TB. S3 itself leaves
   * objects under 128 KB out of transitions unless a rule sets a size bound.
   *
   * @default - no lower bound
   */
  readonly objectSizeGreaterThan?: number;

  /**
   * Only objects smaller than this many bytes: an integer from 1 to 50 TB, above
   * `objectSizeGreaterThan` when both are set.
   *
   * @default - no upper bound
   */
  readonly objectSizeLessThan?: number;

  /**
   * Days after creation when current objects expire (in a versioned bucket, they become
   * noncurrent versions).
   *
   * @default - they do not expire
   */
  readonly expirationDays?: number;

  /**
   * Days after an object version becomes noncurrent when it is deleted for good.
   * Requires versioning.
   *
   * @default - noncurrent versions are kept
   */
  readonly noncurrentVersionExpirationDays?: number;

  /**
   * How many of the newest noncurrent versions to keep whatever their age: the
   * noncurrent expiration deletes only older ones. An integer from 1 to 100; needs
   * `noncurrentVersionExpirationDays`.
   *
   * @default - every noncurrent version expires once it is old enough
   */
  readonly newerNoncurrentVersions?: number;

  /**
   * Removes expired object delete markers: delete markers left with no noncurrent
   * versions behind them. Not with `expirationDays` (which removes them anyway) nor with
   * `tags`.
   *
   * @default false
   */
  readonly expiredObjectDeleteMarker?: boolean;

  /**
   * Moves to other storage classes.
   *
   * @default - none
   */
  readonly transitions?: LifecycleTransition[];

  /**
   * Moves noncurrent versions to other storage classes. Requires versioning.
   *
   * @default - none
   */
  readonly noncurrentVersionTransitions?: NoncurrentVersionTransition[];

  /**
   * Days after which incomplete multipart uploads under this rule's filter are aborted.
   *
   * @default - the bucket's own abort rule applies
   */
  readonly abortIncompleteMultipartUploadAfterDays?: number;
}
