import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  S3BucketReplicationConfigurationA, S3BucketReplicationConfigurationRule, S3BucketReplicationConfigurationRuleFilter,
} from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { dependable, ITerraformDependable, Token } from 'cdktf';
import { bucketArnPatterns } from './bucket-name';
import { viaS3GrantStatement } from './key-policy';
import { isManagedKey } from './managed-key';
import { REPLICATION_ENCRYPT_ACTIONS } from './perms';
import { renderPolicy } from './policy-document';
import {
  isEncryptedBucket, ReplicationEndpoint, ReplicationRuleSettings, replicationRuleSettings, ReplicationSource,
} from './replication-settings';
import { asDocumentStatement, replicaWriteActions, replicationRoleStatements, replicationTrustStatement } from './replication-statements';
import { StackContext } from './stack-context';
import type { IReplicationDestination, ReplicationRule } from '../replication-rule';

/**
 * The replication of one bucket: its role (made here unless one is given), the role's
 * policy, and the one `aws_s3_bucket_replication_configuration`; each rule added also
 * lets the role into the destination's bucket policy and replica key's policy, when
 * those are this library's.
 */
export class BucketReplication {
  private readonly rules: ReplicationRuleSettings[] = [];
  private readonly role: IamRole | DataAwsIamRole;
  private readonly rolePolicy: IamRolePolicy;
  /** The one replication configuration of the bucket. */
  public readonly configuration: S3BucketReplicationConfigurationA;
  /** What the configuration depends on, beside its construction-time dependencies. */
  private readonly dependencies: ITerraformDependable[] = [];

  constructor(private readonly source: ReplicationSource, role: IamRole | DataAwsIamRole | undefined) {
    const scope = source.scope;
    const provider = source.provider;
    this.role = role ?? new IamRole(scope, 'ReplicationRole', {
      provider,
      namePrefix: 'replication-',
      description: `Replicates the objects of the S3 bucket ${scope.node.path}.`,
      assumeRolePolicy: renderPolicy([replicationTrustStatement(source.context.accountId)]),
      tags: source.tags,
    });
    this.rolePolicy = new IamRolePolicy(scope, 'ReplicationPolicy', {
      // IAM is global, but the role belongs to its provider's account.
      provider: this.role.provider,
      role: this.role.name,
      namePrefix: 'replication-',
      policy: this.renderRolePolicy(),
    });
    this.configuration = new S3BucketReplicationConfigurationA(scope, 'Replication', {
      provider,
      bucket: source.bucketId,
      role: this.role.arn,
      rule: [],
      // Replication needs versioning on both sides first, and the role's permissions.
      dependsOn: [...(source.versioning ? [source.versioning] : []), this.rolePolicy],
    });
  }

  /** Imports the bucket's existing replication configuration (its id is the bucket's name). */
  public importConfiguration(bucketName: string): void {
    this.configuration.importFrom(bucketName, this.source.provider);
  }

  /** The ARN of the role S3 replicates with. */
  public get roleArn(): string {
    return this.role.arn;
  }

  /** Checks `rule` (named `option` in errors), adds it and lets the role into the destination. */
  public add(rule: ReplicationRule, option: string): void {
    const settings = replicationRuleSettings(this.source, this.rules, rule, option);
    this.rules.push(settings);
    this.rolePolicy.policy = this.renderRolePolicy();
    this.configuration.putRule(this.rules.map(ruleConfiguration));
    const destination = rule.destination;
    const replicaKey = rule.replicaKey ?? destination.encryptionKey!;
    const roleArn = this.role.arn;
    const sid = `Replication${this.source.scope.node.addr.slice(0, 8)}${this.rules.length - 1}`;
    if (isEncryptedBucket(destination)) {
      destination.addToResourcePolicy(asDocumentStatement(roleArn, {
        Sid: sid, Effect: 'Allow', Action: replicaWriteActions([settings]), Resource: [`${destination.bucketArn}/*`],
      }));
      this.dependOn(destination.bucketPolicy, ...(destination.versioning ? [destination.versioning] : []));
    }
    // The role's own policy already limits its use of the key; the key policy must also
    // let it in where IAM policies alone cannot: another account's key, or a key that
    // does not let IAM policies grant use. Unless both accounts are known to be the same,
    // the key may be another account's (a provider assuming a role elsewhere, say), and
    // the statement, redundant in one account, is what lets replicas be written.
    if (isManagedKey(replicaKey) && (!settings.sameAccount || !replicaKey.iamPoliciesEnabled)) {
      replicaKey.addToResourcePolicy(asDocumentStatement(roleArn, viaS3GrantStatement({
        sid,
        principalArn: roleArn,
        actions: REPLICATION_ENCRYPT_ACTIONS,
        viaService: settings.destination.s3ServiceName,
        bucketArnPatterns: replicaContext(destination),
      })));
    }
  }

  private dependOn(...dependencies: ITerraformDependable[]): void {
    const current = this.configuration.dependsOn ?? [];
    const added = dependencies.filter((d) => !this.dependencies.includes(d));
    this.dependencies.push(...added);
    this.configuration.dependsOn = [...current, ...added.map(dependable)];
  }

  private renderRolePolicy(): string {
    const source: ReplicationEndpoint = {
      bucketArn: this.source.bucketArn,
      s3ServiceName: this.source.context.s3ServiceName,
      keyArn: this.source.key?.keyArn,
      objectLockEnabled: this.source.objectLockEnabled,
    };
    return renderPolicy(replicationRoleStatements(source, this.rules));
  }
}

/**
 * The destination as its replicas' encryption context names it, as far as it is known
 * without referring to the bucket resource (the name or prefix it was given): the bucket
 * already depends on its key, so the key policy cannot refer to the bucket.
 */
function replicaContext(destination: IReplicationDestination): string[] | undefined {
  if (!isEncryptedBucket(destination)) return [destination.bucketArn, `${destination.bucketArn}/*`];
  const { bucketInput, bucketPrefixInput } = destination.s3Bucket;
  const partition = StackContext.of(destination, destination.provider).partition;
  return bucketArnPatterns(partition, bucketInput, bucketPrefixInput);
}

/** S3 Replication Time Control and its event threshold: 15 minutes, the only value S3 accepts (ReplicationTimeValue). */
const RTC_MINUTES = 15;

/**
 * One rule as the provider's `aws_s3_bucket_replication_configuration` has it. The same
 * blocks, single objects rather than lists, in the cdktf (AWS 5.x) and cdktn (6.x) providers.
 */
function ruleConfiguration(rule: ReplicationRuleSettings): S3BucketReplicationConfigurationRule {
  return {
    id: rule.id,
    priority: rule.priority,
    status: 'Enabled',
    filter: filterOf(rule),
    deleteMarkerReplication: { status: rule.replicateDeleteMarkers ? 'Enabled' : 'Disabled' },
    sourceSelectionCriteria: {
      // Without this S3 skips SSE-KMS objects.
      sseKmsEncryptedObjects: { status: 'Enabled' },
      ...(rule.replicaModifications && { replicaModifications: { status: 'Enabled' } }),
    },
    destination: {
      bucket: rule.destination.bucketArn,
      storageClass: rule.storageClass,
      encryptionConfiguration: { replicaKmsKeyId: rule.destination.keyArn },
      ...(rule.ownerOverrideAccount !== undefined && {
        account: rule.ownerOverrideAccount,
        accessControlTranslation: { owner: 'Destination' },
      }),
      // S3 refuses an event threshold without RTC ("Metrics cannot contain an event
      // threshold when ReplicationTime is not specified or Disabled"): metrics alone have none.
      ...(rule.metrics && {
        metrics: { status: 'Enabled', ...(rule.replicationTimeControl && { eventThreshold: { minutes: RTC_MINUTES } }) },
      }),
      ...(rule.replicationTimeControl && { replicationTime: { status: 'Enabled', time: { minutes: RTC_MINUTES } } }),
    },
  };
}

/**
 * A prefix alone, one tag alone, or both (or several tags) under `and`, as S3 requires
 * (ReplicationRuleFilter: exactly one of Prefix, Tag and And). A token for the tags may
 * be any number of them: `and`.
 */
function filterOf(rule: ReplicationRuleSettings): S3BucketReplicationConfigurationRuleFilter {
  const { prefix, tags } = rule;
  if (tags === undefined) return { prefix };
  const entries = Token.isUnresolved(tags) ? [] : Object.entries(tags);
  if (entries.length === 1 && prefix === undefined) return { tag: { key: entries[0][0], value: entries[0][1] } };
  return { and: { prefix, tags } };
}
