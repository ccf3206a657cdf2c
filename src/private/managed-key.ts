import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { TerraformProvider } from 'cdktf';
import type { IEncryptionKey } from '../encryption-key';

/**
 * What builders use of a key whose policy this library manages (a `ManagedCmk`), so
 * that they need not import the construct: its resource, its policy, and whether IAM
 * policies can grant its use.
 */
export interface ManagedKey extends IEncryptionKey {
  readonly kmsKey: KmsKey;
  readonly provider?: TerraformProvider;
  readonly iamPoliciesEnabled: boolean;
  readonly adopted: boolean;
  readonly adoptedKeyId?: string;
  addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void;
  _grantViaS3(grant: string, principalArn: string, bucket: string, actions: string[], bucketArnPatterns?: string[]): void;
}

/**
 * Whether `key` is a `ManagedCmk` (the one test of it, for every builder): a key known
 * only by its ARN has no `aws_kms_key` here, and its policy belongs to someone else.
 */
export function isManagedKey(key: IEncryptionKey | undefined): key is ManagedKey {
  return key !== undefined && 'kmsKey' in key && '_grantViaS3' in key;
}
