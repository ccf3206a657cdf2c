import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3_ENCRYPTION_CONTEXT } from './key-policy';
import {
  REPLICA_DELETE_ACTION, REPLICA_OWNER_OVERRIDE_ACTION, REPLICA_WRITE_ACTIONS, REPLICATION_DECRYPT_ACTIONS,
  REPLICATION_ENCRYPT_ACTIONS, REPLICATION_OBJECT_LOCK_ACTIONS, REPLICATION_SOURCE_BUCKET_ACTIONS, REPLICATION_SOURCE_OBJECT_ACTIONS,
} from './perms';
import { PolicyStatementJson } from './policy-document';
import type { ReplicationEndpoint, ReplicationRuleSettings } from './replication-settings';

/**
 * The conditions every KMS permission of replication carries: only through S3 in the
 * key's region, and only for this bucket. With an S3 Bucket Key the encryption context
 * is the bucket ARN, without one the object ARN; both are allowed, whatever the bucket's
 * setting today, because objects keep the context they were written with and the setting
 * can change.
 */
export function replicationKeyConditions(endpoint: ReplicationEndpoint): NonNullable<PolicyStatementJson['Condition']> {
  return {
    StringEquals: { 'kms:ViaService': [endpoint.s3ServiceName] },
    StringLike: { [S3_ENCRYPTION_CONTEXT]: [endpoint.bucketArn, `${endpoint.bucketArn}/*`] },
  };
}

/** S3 actions the role needs on one destination's objects, for the rules that write there. */
export function replicaWriteActions(rules: ReplicationRuleSettings[]): string[] {
  return [
    ...REPLICA_WRITE_ACTIONS,
    ...(rules.some((r) => r.replicateDeleteMarkers) ? [REPLICA_DELETE_ACTION] : []),
    ...(rules.some((r) => r.ownerOverrideAccount !== undefined) ? [REPLICA_OWNER_OVERRIDE_ACTION] : []),
  ];
}

/**
 * The replication role's policy: read the source's configuration and object versions,
 * write replicas into each destination, decrypt with the source key and encrypt with
 * each replica key, each KMS use limited to S3 in that key's region and to that bucket.
 */
export function replicationRoleStatements(source: ReplicationEndpoint, rules: ReplicationRuleSettings[]): PolicyStatementJson[] {
  const statements: PolicyStatementJson[] = [
    { Sid: 'ReadReplicationConfiguration', Effect: 'Allow', Action: REPLICATION_SOURCE_BUCKET_ACTIONS, Resource: [source.bucketArn] },
    {
      Sid: 'ReadSourceVersions',
      Effect: 'Allow',
      Action: [...REPLICATION_SOURCE_OBJECT_ACTIONS, ...(source.objectLockEnabled ? REPLICATION_OBJECT_LOCK_ACTIONS : [])],
      Resource: [`${source.bucketArn}/*`],
    },
  ];
  if (source.keyArn) {
    statements.push({
      Sid: 'DecryptSource', Effect: 'Allow', Action: REPLICATION_DECRYPT_ACTIONS, Resource: [source.keyArn], Condition: replicationKeyConditions(source),
    });
  }
  byDestination(rules).forEach((destinationRules, i) => {
    const destination = destinationRules[0].destination;
    statements.push({ Sid: `WriteReplicas${i}`, Effect: 'Allow', Action: replicaWriteActions(destinationRules), Resource: [`${destination.bucketArn}/*`] });
    [...new Set(destinationRules.map((r) => r.destination.keyArn))].forEach((keyArn, j) => {
      statements.push({
        Sid: `EncryptReplicas${i}Key${j}`,
        Effect: 'Allow',
        Action: REPLICATION_ENCRYPT_ACTIONS,
        Resource: [keyArn],
        Condition: replicationKeyConditions(destination),
      });
    });
  });
  return statements;
}

/** Rules grouped by destination bucket, in order of first appearance. */
function byDestination(rules: ReplicationRuleSettings[]): ReplicationRuleSettings[][] {
  const groups = new Map<string, ReplicationRuleSettings[]>();
  for (const rule of rules) groups.set(rule.destination.bucketArn, [...groups.get(rule.destination.bucketArn) ?? [], rule]);
  return [...groups.values()];
}

/** Lets S3 assume the role, for buckets of the source account only. */
export function replicationTrustStatement(sourceAccountId: string): PolicyStatementJson {
  return {
    Effect: 'Allow',
    Principal: { Service: ['s3.amazonaws.com'] },
    Action: ['sts:AssumeRole'],
    Condition: { StringEquals: { 'aws:SourceAccount': [sourceAccountId] } },
  };
}

/** A statement in the `aws_iam_policy_document` shape, for another construct's `addToResourcePolicy`. */
export function asDocumentStatement(principalArn: string, statement: PolicyStatementJson): DataAwsIamPolicyDocumentStatement {
  return {
    sid: statement.Sid,
    effect: statement.Effect,
    principals: [{ type: 'AWS', identifiers: [principalArn] }],
    actions: statement.Action,
    resources: statement.Resource,
    // No conditions: no `condition` at all, so the policy gets no empty "Condition" block.
    ...(statement.Condition && {
      condition: Object.entries(statement.Condition).flatMap(([test, keys]) =>
        Object.entries(keys).map(([variable, values]) => ({ test, variable, values }))),
    }),
  };
}
