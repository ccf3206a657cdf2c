import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { TerraformProvider } from 'cdktf';
import type { KeyAdoption } from './adoption-options';

/** Properties of a `ManagedCmk`. */
export interface ManagedCmkProps {
  /**
   * The key's alias, as `name` or `alias/name`; stored as `alias/name`.
   *
   * Up to 256 characters of `A-Za-z0-9/_-` in all; `alias/aws/...` is reserved for
   * AWS-managed keys. Aliases are unique per account and region. An unresolved token
   * is taken as the name without `alias/`.
   */
  readonly alias: string;

  /**
   * Further aliases of the key, each checked as `alias` is and each its own
   * `aws_kms_alias`. Every alias, these and those of other keys, must be unique on the
   * key's provider. Each must be a literal name: its Terraform address derives from it
   * (and from the key's, so it moves with the key's). On an adopted key they are created,
   * not imported: one that already exists fails the apply, and only the first alias can
   * be imported (`adopt.aliasExists`).
   *
   * @default - no further aliases
   */
  readonly additionalAliases?: string[];

  /**
   * A description of the key, shown in the KMS console.
   *
   * @default - a sentence naming this construct's path
   */
  readonly description?: string;

  /**
   * Days KMS waits before deleting the key once deletion is scheduled, which is what
   * destroying the stack does. Between 7 and 30; during the window the key can be
   * recovered with `aws kms cancel-key-deletion`, after it every object encrypted
   * with it is unreadable.
   *
   * @default 30
   */
  readonly deletionWindowInDays?: number;

  /**
   * DANGER: lets a plan destroy the key, which schedules its deletion. Once the deletion
   * window ends, every object and object version encrypted with the key is unreadable,
   * and KMS does not check whether any are left.
   *
   * Off, the key is kept two ways. Terraform's `prevent_destroy` fails `cdktf destroy`,
   * and any change that replaces the key, at plan time ("Instance cannot be destroyed").
   * A plan whose configuration no longer has the key (the construct renamed or removed,
   * a bucket given another key) is not stopped by Terraform; the key policy's Deny of
   * `kms:ScheduleKeyDeletion` to everyone then fails it at apply, and nothing is
   * deleted. Key administrators can still lift that Deny with `kms:PutKeyPolicy`.
   *
   * @default false
   */
  readonly dangerouslyAllowKeyDestroy?: boolean;

  /**
   * Whether the key is enabled, that is, usable to encrypt and decrypt.
   *
   * Unset, the stack leaves the key's state as it finds it: a new key is created enabled,
   * and a key that is disabled stays disabled on every later deploy, whether it was
   * adopted that way or disabled since (`aws kms disable-key`, while it is retired or
   * after a suspected compromise). `false` disables the key: nothing can read the objects
   * encrypted with it until it is enabled again. `true` enables it on every deploy.
   *
   * @default - a new key is enabled; after that, the state it has is kept
   */
  readonly enabled?: boolean;

  /**
   * Whether KMS rotates the key material automatically.
   *
   * @default true
   */
  readonly enableKeyRotation?: boolean;

  /**
   * Days between automatic rotations, between 90 and 2560. Requires rotation.
   *
   * @default 365 (AWS's default)
   */
  readonly rotationPeriodInDays?: number;

  /**
   * Whether the key is a multi-Region primary key.
   *
   * @default false
   */
  readonly multiRegion?: boolean;

  /**
   * ARNs of IAM principals that may manage the key (policy, aliases, tags, rotation,
   * enabling, disabling and scheduling deletion) but not use it for cryptography.
   *
   * With `enableIamPolicies: false`, the identity that deploys the stack must be one of
   * them: KMS refuses a key policy that would lock its creator out.
   *
   * @default - none
   */
  readonly keyAdministratorArns?: string[];

  /**
   * ARNs of IAM principals that may use the key: Encrypt, Decrypt, ReEncrypt*,
   * GenerateDataKey* and DescribeKey, plus the grants AWS services create for them.
   *
   * @default - none
   */
  readonly keyUserArns?: string[];

  /**
   * Restricts the key users named in `keyUserArns` to requests that S3 makes on their
   * behalf (`kms:ViaService` = `s3.<region>.amazonaws.com`), so they cannot decrypt
   * data outside S3. Principals allowed through IAM policies (see
   * `enableIamPolicies` and the grant methods) are not restricted.
   *
   * @default false
   */
  readonly restrictKeyUsersToS3?: boolean;

  /**
   * Whether the key policy lets IAM policies in the account grant use of the key (the
   * account-root statement of AWS's default key policy). Without it, only the
   * principals this key policy names can use or manage the key, so at least one key
   * administrator is required.
   *
   * @default true
   */
  readonly enableIamPolicies?: boolean;

  /**
   * Further statements for the key policy, in the `aws_iam_policy_document` statement
   * shape. A key has one policy: these are merged into it.
   *
   * @default - none
   */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];

  /**
   * Tags for the key.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * The provider (region and account) the key is created with. The key policy's
   * account, partition and region are this provider's too.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;

  /**
   * A key that already exists, to import instead of create: the first deploy writes
   * Terraform `import` blocks for the key and its alias, then brings the key to these
   * props in place. This key policy replaces the key's own (see the README, "Bring
   * existing resources under the library"), and the key is kept from destruction as
   * any other.
   *
   * @default - a new key
   */
  readonly adopt?: KeyAdoption;
}
