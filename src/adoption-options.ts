/**
 * A KMS key that already exists (made in the console, say) for a `ManagedCmk` to adopt:
 * the first deploy imports it, and its alias, instead of creating them.
 *
 * The key's Terraform addresses come from its id, so moving or renaming the construct
 * keeps them. Keep `adopt` for as long as the construct: without it the addresses change,
 * and the plan would replace the key.
 */
export interface KeyAdoption {
  /**
   * The key's id: `1234abcd-12ab-34cd-56ef-1234567890ab`, or `mrk-` and 32 hex digits for
   * a multi-Region primary key. Not its ARN or an alias: Terraform imports `aws_kms_key`
   * by id. A multi-Region replica key cannot be adopted: it is an `aws_kms_replica_key`.
   */
  readonly keyId: string;

  /**
   * Whether the key's `alias` already exists and points at this key, so it is imported
   * too. Set it false to create the alias instead.
   *
   * @default true
   */
  readonly aliasExists?: boolean;
}

/**
 * An S3 bucket that already exists for an `EncryptedBucket` to adopt: the first deploy
 * imports the bucket and each configuration the library manages instead of creating
 * them, then brings them to the construct's settings in place.
 *
 * Terraform cannot import a configuration the bucket does not have: the plan fails with
 * "Cannot import non-existent remote object" and changes nothing. Set the matching
 * `...Exists` option false and the configuration is created instead. Default
 * encryption is always imported: S3 has encrypted every bucket by default since January
 * 2023. So is versioning, when the construct manages it: a bucket that never had it
 * imports as `Disabled`.
 *
 * While `adopt` is set, Terraform refuses to destroy the bucket (`prevent_destroy`). The
 * bucket's Terraform addresses come from its name, so moving or renaming the construct
 * keeps them, and so does removing `adopt` after the first deploy: the plan then only
 * forgets the imports and `prevent_destroy` (a bucket is deleted only when empty).
 */
export interface BucketAdoption {
  /** The bucket's name, as it exists: the import id of the bucket and of every configuration. */
  readonly bucketName: string;

  /**
   * The ARN of the KMS key the objects already in the bucket are encrypted with: they stay
   * encrypted under it whatever the bucket's default becomes, and only it decrypts them.
   * A literal key ARN, or the `keyArn` of a key in this app (an adopted `ManagedCmk`, or
   * `ManagedCmk.fromKeyArn`). When it is the bucket's key, synth is quiet; otherwise, and
   * whenever it is unset, synth warns that this key must be kept for those objects.
   *
   * @default - unknown: synth warns
   */
  readonly currentKeyArn?: string;

  /**
   * Whether the bucket has a public access block to import. S3 gives every bucket created
   * since April 2023 one; an older bucket may have none.
   *
   * @default true
   */
  readonly publicAccessBlockExists?: boolean;

  /**
   * Whether the bucket has ownership controls to import. S3 gives every bucket created
   * since April 2023 them; an older bucket may have none.
   *
   * @default true
   */
  readonly ownershipControlsExists?: boolean;

  /**
   * Whether the bucket has a bucket policy to import. Either way, the construct's policy
   * replaces it.
   *
   * @default true
   */
  readonly policyExists?: boolean;

  /**
   * Whether the bucket has a lifecycle configuration to import. Either way, the
   * construct's rules replace its rules.
   *
   * @default true
   */
  readonly lifecycleConfigurationExists?: boolean;

  /**
   * Whether the bucket has server access logging to import. Only with `serverAccessLogs`.
   *
   * @default - true when `serverAccessLogs` is set
   */
  readonly loggingExists?: boolean;

  /**
   * Whether the bucket has a replication configuration to import, which the construct's
   * replication rules (`replicationRules`, `addReplicationRule`) then replace. Ignored
   * without rules: the construct then manages no replication and leaves the bucket's
   * own alone.
   *
   * @default true
   */
  readonly replicationConfigurationExists?: boolean;

  /**
   * Whether the bucket has Object Lock to import, which the construct's settings
   * (`objectLockDefaultRetention`) then replace. Only with Object Lock; set it false for a
   * bucket that does not have it yet, and the first deploy turns it on in place.
   *
   * @default true
   */
  readonly objectLockConfigurationExists?: boolean;
}
