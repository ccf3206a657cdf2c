import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { KmsReplicaKey } from '@cdktf/provider-aws/lib/kms-replica-key';
import type { TerraformProvider } from 'cdktf';
import type { IEncryptionKey } from '../encryption-key';

/**
 * What builders use of a key whose policy this library manages (a `ManagedCmk` or a
 * `ManagedCmkReplica`), so that they need not import the construct: its resource, its
 * policy, and whether IAM policies can grant its use.
 */
export interface ManagedKey extends IEncryptionKey {
  readonly kmsKey: KmsKey | KmsReplicaKey;
  readonly provider?: TerraformProvider;
  readonly iamPoliciesEnabled: boolean;
  /** Whether the key existed before this stack and is imported; a replica never is. */
  readonly adopted?: boolean;
  readonly adoptedKeyId?: string;
  addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void;
  _grantViaS3(grant: string, principalArn: string, bucket: string, actions: string[], bucketArnPatterns?: string[]): void;
}

/**
 * Whether `key` is a `ManagedCmk` or a `ManagedCmkReplica` (the one test of it, for every
 * builder): a key known only by its ARN has no key resource here, and its policy belongs
 * to someone else.
 */
export function isManagedKey(key: IEncryptionKey | undefined): key is ManagedKey {
  return key !== undefined && 'kmsKey' in key && '_grantViaS3' in key;
}
