import type { DataAwsIamGroup } from '@cdktf/provider-aws/lib/data-aws-iam-group';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { DataAwsIamUser } from '@cdktf/provider-aws/lib/data-aws-iam-user';
import type { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import type { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * A KMS key that S3 buckets can be encrypted with: a `ManagedCmk`, or a key created
 * elsewhere and imported with `ManagedCmk.fromKeyArn`.
 */
export interface IEncryptionKey extends IConstruct {
  /** The key's ARN (`arn:aws:kms:<region>:<account>:key/<id>`). */
  readonly keyArn: string;

  /**
   * Lets `grantee` encrypt and decrypt with this key, through an inline policy of its
   * kind (`aws_iam_role_policy`, `aws_iam_user_policy` or `aws_iam_group_policy`).
   *
   * The key policy must also let IAM policies grant use of the key (the account-root
   * statement, which `ManagedCmk` includes by default).
   *
   * @param grantee an IAM role, user or group the stack creates (`IamRole`, `IamUser`,
   * `IamGroup`) or reads (`DataAwsIamRole`, `DataAwsIamUser`, `DataAwsIamGroup`)
   */
  grantEncryptDecrypt(grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup): TerraformResource;
}
