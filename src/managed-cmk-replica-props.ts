import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { TerraformProvider } from 'cdktf';
import type { ManagedCmk } from './managed-cmk';

/**
 * Properties of a `ManagedCmkReplica`.
 *
 * The replica's key policy has its primary's rules: the account-root statement when the
 * primary has `enableIamPolicies`, and the primary's `keyAdministratorArns`, `keyUserArns`
 * and `restrictKeyUsersToS3` (with the S3 of the replica's region), so the same
 * principals manage and use both. The primary's `policyStatements`, and statements added
 * to it later (grants, replication, `addToResourcePolicy`), are not copied: they name the
 * primary's region and key ARN. Give the replica its own.
 */
export interface ManagedCmkReplicaProps {
  /**
   * The multi-Region primary key (`multiRegion: true`) to replicate. A key that is not
   * multi-Region is an error.
   */
  readonly primaryKey: ManagedCmk;

  /**
   * The provider of the replica's region: the replica, its alias and the account and
   * region its key policy names are this provider's. It must be in another region than
   * the primary's provider (an error when both regions are known at synth, or when it is
   * the primary's provider) and in the same account (KMS replicates keys only within
   * their account).
   */
  readonly provider: TerraformProvider;

  /**
   * The replica's alias, as `name` or `alias/name`, checked as `ManagedCmk`'s `alias` is.
   * Aliases are per region, so the primary's alias can be the replica's too.
   *
   * @default - the primary key's alias
   */
  readonly alias?: string;

  /**
   * Further aliases of the replica, as `ManagedCmk`'s `additionalAliases`: each literal,
   * unique on the replica's provider, and its own `aws_kms_alias`.
   *
   * @default - no further aliases
   */
  readonly additionalAliases?: string[];

  /**
   * A description of the replica, shown in the KMS console.
   *
   * @default - a sentence naming this construct's path and the primary's
   */
  readonly description?: string;

  /**
   * Days KMS waits before deleting the replica once its deletion is scheduled. Between 7
   * and 30.
   *
   * @default 30
   */
  readonly deletionWindowInDays?: number;

  /**
   * DANGER: lets a plan destroy the replica, which schedules its deletion. Objects in this
   * region encrypted with it can then be decrypted only with the primary (or another
   * replica), in another region.
   *
   * Off, the replica is kept as a `ManagedCmk` is: Terraform's `prevent_destroy`, and a
   * key-policy Deny of `kms:ScheduleKeyDeletion` to everyone. Independent of the
   * primary's setting.
   *
   * @default false
   */
  readonly dangerouslyAllowKeyDestroy?: boolean;

  /**
   * Whether the replica is enabled, as `ManagedCmk`'s `enabled`: unset, a replica someone
   * disabled stays disabled on later deploys.
   *
   * @default - a new replica is enabled; after that, the state it has is kept
   */
  readonly enabled?: boolean;

  /**
   * Further statements for the replica's key policy, in the `aws_iam_policy_document`
   * statement shape, merged into it after the statements built from the primary's rules.
   *
   * @default - none
   */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];

  /**
   * Tags for the replica.
   *
   * @default - the primary key's tags
   */
  readonly tags?: { [key: string]: string };
}
