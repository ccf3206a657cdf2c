/**
 * Every S3 and KMS action list the library writes, in one place: grants, bucket
 * policies, key policies and their tests all read these.
 */

/** S3 actions to read objects and the bucket's configuration. */
export const BUCKET_READ_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];

/**
 * Of reading, what a grant scoped to a key pattern keeps: the objects it matches, and the
 * bucket's region, which some clients look up first. The other `s3:GetBucket*` actions
 * describe the whole bucket (its policy names every other grantee) and are left out.
 */
export const SCOPED_READ_OBJECT_ACTIONS = ['s3:GetObject*'];
export const SCOPED_READ_BUCKET_ACTIONS = ['s3:GetBucketLocation'];

/** Listing, which a scoped read allows only for prefixes that match its pattern (`s3:prefix`). */
export const PREFIX_LIST_ACTIONS = ['s3:ListBucket', 's3:ListBucketVersions'];

/**
 * S3 actions to add objects and never delete one: uploads (on a versioned bucket an
 * overwrite keeps the old version), tags, and retention, which without
 * `s3:BypassGovernanceRetention` (the bucket policy keeps that for the principals it
 * names) can only be set or lengthened. Not `s3:PutObjectLegalHold`: turning a legal hold
 * off takes away the protection it gives, which is a compliance role's call.
 */
export const BUCKET_PUT_ACTIONS = [
  's3:PutObject',
  's3:PutObjectRetention',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:AbortMultipartUpload',
];

/** S3 actions to delete objects, their versions and their tags; they need no KMS key. */
export const BUCKET_DELETE_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging'];

/** S3 actions to write: put and delete. */
export const BUCKET_WRITE_ACTIONS = [...BUCKET_PUT_ACTIONS, ...BUCKET_DELETE_ACTIONS];

/**
 * Every action that sets an object's encryption and whose condition keys include the
 * encryption headers (service authorization reference): uploads and copies
 * (`PutObject`), re-keying in place (`UpdateObjectEncryption`) and replica writes
 * (`ReplicateObject`). `BypassGovernanceRetention` lists the keys too but sets no
 * encryption; denying it on a missing header would block governance-mode deletes.
 */
export const SETS_ENCRYPTION_ACTIONS = ['s3:PutObject', 's3:UpdateObjectEncryption', 's3:ReplicateObject'];

/** Of those, the actions whose requests state their encryption: a missing header means "none given". */
export const STATES_ENCRYPTION_ACTIONS = ['s3:PutObject', 's3:UpdateObjectEncryption'];

/** Lets a request delete, or shorten the retention of, a version locked in GOVERNANCE mode. */
export const OBJECT_LOCK_BYPASS_ACTION = 's3:BypassGovernanceRetention';

/** Actions whose requests can set an object version's retention mode (`s3:object-lock-mode`). */
export const SETS_RETENTION_ACTIONS = ['s3:PutObject', 's3:PutObjectRetention'];

/** Actions that can carry SSE-C headers (`UpdateObjectEncryption` only re-keys to SSE-KMS). */
export const SSE_C_ACTIONS = ['s3:PutObject', 's3:ReplicateObject'];

/** KMS actions needed to read objects encrypted with a key. */
export const KMS_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];

/**
 * What key users may do, and what writing through S3 needs: data keys for uploads,
 * Decrypt because multipart uploads read the data key back, Encrypt and ReEncrypt as
 * AWS's key-user set has them.
 */
export const KEY_USER_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];

/**
 * The KMS actions S3 calls on a requester's behalf, each with the object's encryption
 * context. A key-policy grant limited to use through S3 and to one bucket allows only
 * these: `kms:DescribeKey` carries no encryption context, and S3 does not need it.
 */
export const KMS_VIA_S3_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/** Grant management that AWS services (S3 among them) use on a key user's behalf. */
export const KEY_USER_GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'];

/** What encrypting alone needs (decrypting alone is `KMS_READ_ACTIONS`). */
export const KEY_ENCRYPT_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/**
 * Actions that change a key, its policy, its grants or its life: a grant that includes
 * one would let the grantee manage the key, so grants refuse them.
 */
export const KEY_MANAGEMENT_ACTIONS = [
  'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:RevokeGrant', 'kms:RetireGrant',
  'kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias',
  'kms:EnableKey', 'kms:DisableKey', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation', 'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:UpdateKeyDescription', 'kms:UpdatePrimaryRegion',
  'kms:ReplicateKey', 'kms:TagResource', 'kms:UntagResource', 'kms:ImportKeyMaterial', 'kms:DeleteImportedKeyMaterial',
];

/**
 * What key administrators may do: manage the key's life cycle, policy, aliases,
 * tags and rotation. Listed one by one rather than with the console's `kms:Create*`
 * wildcard, which would include `kms:CreateGrant` and so let an administrator grant
 * themselves use of the key.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CreateAlias',
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
  'kms:UpdatePrimaryRegion',
  'kms:ReplicateKey',
  'kms:RevokeGrant',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:DeleteAlias',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/** What a replication role reads of the source bucket: its replication configuration, and listing. */
export const REPLICATION_SOURCE_BUCKET_ACTIONS = ['s3:GetReplicationConfiguration', 's3:ListBucket'];

/** What a replication role reads of the source's objects: each version, its ACL and tags. */
export const REPLICATION_SOURCE_OBJECT_ACTIONS = [
  's3:GetObjectVersionForReplication',
  's3:GetObjectVersionAcl',
  's3:GetObjectVersionTagging',
];

/** What a replication role also reads of a source with Object Lock: each version's retention and legal hold, which replicas keep. */
export const REPLICATION_OBJECT_LOCK_ACTIONS = ['s3:GetObjectRetention', 's3:GetObjectLegalHold'];

/** What a replication role writes into the destination: replicas and their tags. */
export const REPLICA_WRITE_ACTIONS = ['s3:ReplicateObject', 's3:ReplicateTags'];

/** Replicating delete markers (only for rules that replicate them). */
export const REPLICA_DELETE_ACTION = 's3:ReplicateDelete';

/** Making the destination account the replicas' owner (cross-account owner override). */
export const REPLICA_OWNER_OVERRIDE_ACTION = 's3:ObjectOwnerOverrideToBucketOwner';

/** What a replication role does with the source key: read the objects it replicates. */
export const REPLICATION_DECRYPT_ACTIONS = ['kms:Decrypt'];

/** What a replication role does with the replica key: encrypt the replicas. */
export const REPLICATION_ENCRYPT_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];
