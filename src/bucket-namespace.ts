/** The namespace a general purpose bucket's name lives in. */
export enum BucketNamespace {
  /** The shared global namespace: any name no one in the partition holds yet. */
  GLOBAL = 'global',
  /**
   * This account's namespace in the bucket's region: `<prefix>-<account id>-<region>-an`,
   * a name no other account can ever take, even after the bucket is deleted.
   */
  ACCOUNT_REGIONAL = 'account-regional',
}
