import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { additionalAliasNames, normalizedAlias } from './key-alias';
import type { KeyPolicyInputs, KeySettings } from './key-settings';
import { PropValidator } from './validation';
import type { ManagedCmkReplicaProps } from '../managed-cmk-replica-props';

/** A ManagedCmkReplica's props, checked, with every default applied (some from its primary). */
export interface KeyReplicaSettings extends KeyPolicyInputs {
  readonly aliasName: string;
  readonly additionalAliasNames: string[];
  readonly description?: string;
  readonly deletionWindowInDays: number;
  /** Whether the replica is enabled; undefined: not managed, kept as found. */
  readonly enabled?: boolean;
  readonly policyStatements: DataAwsIamPolicyDocumentStatement[];
  readonly tags?: { [key: string]: string };
}

/**
 * Checks a ManagedCmkReplica's props against its primary's settings, naming the option
 * at fault. The key policy's principals come from the primary, already checked there
 * (lockout included): the replica's policy has the same rules.
 */
export function keyReplicaSettings(v: PropValidator, props: ManagedCmkReplicaProps, primary: KeySettings): KeyReplicaSettings {
  if (!primary.multiRegion) {
    v.fail(
      'primaryKey',
      'must be a multi-Region key (ManagedCmk multiRegion: true): KMS replicates only multi-Region primary keys, and multiRegion cannot change without replacing the key',
      `${props.primaryKey.node.path}, multiRegion false`,
    );
  }
  const aliasName = props.alias === undefined ? primary.aliasName : normalizedAlias(v, props.alias);
  const additionalAliases = additionalAliasNames(v, props.additionalAliases);
  v.integerInRange('deletionWindowInDays', props.deletionWindowInDays, 7, 30);
  return {
    aliasName,
    additionalAliasNames: additionalAliases,
    description: props.description,
    deletionWindowInDays: props.deletionWindowInDays ?? 30,
    enabled: props.enabled,
    allowDestroy: props.dangerouslyAllowKeyDestroy ?? false,
    policyStatements: props.policyStatements ?? [],
    tags: props.tags ?? primary.tags,
    enableIamPolicies: primary.enableIamPolicies,
    administratorArns: primary.administratorArns,
    userArns: primary.userArns,
    restrictKeyUsersToS3: primary.restrictKeyUsersToS3,
  };
}
