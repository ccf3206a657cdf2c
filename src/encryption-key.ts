import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IConstruct } from 'constructs';

/**
 * A KMS key that S3 buckets can be encrypted with: a `ManagedCmk`, or a key created
 * elsewhere and imported with `ManagedCmk.fromKeyArn`.
 */
export interface IEncryptionKey extends IConstruct {
  /** The key's ARN (`arn:aws:kms:<region>:<account>:key/<id>`). */
  readonly keyArn: string;

  /**
   * Lets `role` encrypt and decrypt with this key, through an inline policy on the role.
   *
   * The key policy must also let IAM policies grant use of the key (the account-root
   * statement, which `ManagedCmk` includes by default).
   *
   * @param role an IAM role the stack creates (`IamRole`) or reads (`DataAwsIamRole`)
   */
  grantEncryptDecrypt(role: IamRole | DataAwsIamRole): IamRolePolicy;
}
