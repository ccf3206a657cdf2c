import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  S3BucketReplicationConfigurationA, S3BucketReplicationConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { dependable, ITerraformDependable, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { bucketArnPatterns } from './bucket-name';
import { S3_ENCRYPTION_CONTEXT, viaS3GrantStatement } from './key-policy';
import {
  REPLICA_DELETE_ACTION, REPLICA_OWNER_OVERRIDE_ACTION, REPLICA_WRITE_ACTIONS, REPLICATION_DECRYPT_ACTIONS,
  REPLICATION_ENCRYPT_ACTIONS, REPLICATION_SOURCE_BUCKET_ACTIONS, REPLICATION_SOURCE_OBJECT_ACTIONS,
} from './perms';
import { PolicyStatementJson, renderPolicy } from './policy-document';
import { knownKeyRegion } from './regions';
import { StackContext } from './stack-context';
import { PropValidator } from './validation';
import type { IEncryptionKey } from '../encryption-key';
import type { IReplicationDestination, ReplicationRule } from '../replication';

/** One side of a replication, as its policies need it. */
export interface ReplicationEndpoint {
  readonly bucketArn: string;
  /** `s3.<region>.<dns suffix>`: S3 in the bucket's region, the only `kms:ViaService` allowed. */
  readonly s3ServiceName: string;
  /** The key objects on this side are encrypted with (undefined: no KMS). */
  readonly keyArn?: string;
}

/** A rule with every default applied and its destination resolved. */
export interface ReplicationRuleSettings {
  readonly id: string;
  readonly priority: number;
  readonly prefix?: string;
  readonly replicateDeleteMarkers: boolean;
  readonly storageClass?: string;
  readonly destination: ReplicationEndpoint & { readonly keyArn: string };
  /** The destination account, when it is known to differ from the source's: owner override. */
  readonly ownerOverrideAccount?: string;
  /** Whether both accounts are known and the same: only then can IAM policies alone let the role use the replica key. */
  readonly sameAccount: boolean;
}

const STORAGE_CLASSES = [
  // Not OUTPOSTS: general purpose buckets cannot hold it.
  'STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'GLACIER_IR',
];

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
    { Sid: 'ReadSourceVersions', Effect: 'Allow', Action: REPLICATION_SOURCE_OBJECT_ACTIONS, Resource: [`${source.bucketArn}/*`] },
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
function asDocumentStatement(principalArn: string, statement: PolicyStatementJson): DataAwsIamPolicyDocumentStatement {
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

/** What the replication of one bucket reads of the bucket. */
export interface ReplicationSource {
  readonly scope: Construct;
  readonly validator: PropValidator;
  readonly provider?: TerraformProvider;
  readonly bucketArn: string;
  readonly bucketId: string;
  readonly bucketName?: string;
  readonly versioning?: ITerraformDependable;
  readonly key?: IEncryptionKey;
}

/** What replication reads of an `EncryptedBucket` destination, without importing the class. */
interface EncryptedBucketLike extends IReplicationDestination {
  readonly provider?: TerraformProvider;
  readonly versioned: boolean;
  readonly versioning?: ITerraformDependable;
  readonly bucketPolicy: ITerraformDependable;
  readonly pinEncryptionKey: boolean;
  readonly s3Bucket: { readonly bucketInput?: string; readonly bucketPrefixInput?: string };
  addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void;
}

/** What replication reads of an external destination. */
interface ExternalLike extends IReplicationDestination {
  readonly accountId: string;
  readonly region: string;
}

const isEncryptedBucket = (d: IReplicationDestination): d is EncryptedBucketLike => 'bucketPolicy' in d && 'addToResourcePolicy' in d;
const isManagedKey = (k: IEncryptionKey): k is IEncryptionKey & {
  readonly iamPoliciesEnabled: boolean;
  addToResourcePolicy(s: DataAwsIamPolicyDocumentStatement): void;
} =>
  'kmsKey' in k && 'addToResourcePolicy' in k;

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
  private readonly configuration: S3BucketReplicationConfigurationA;
  private readonly context: StackContext;
  /** What the configuration depends on, beside its construction-time dependencies. */
  private readonly dependencies: ITerraformDependable[] = [];

  constructor(private readonly source: ReplicationSource, role: IamRole | DataAwsIamRole | undefined) {
    const scope = source.scope;
    this.context = StackContext.of(scope, source.provider);
    this.role = role ?? new IamRole(scope, 'ReplicationRole', {
      provider: source.provider,
      namePrefix: 'replication-',
      description: `Replicates the objects of the S3 bucket ${scope.node.path}.`,
      assumeRolePolicy: renderPolicy([replicationTrustStatement(this.context.accountId)]),
    });
    this.rolePolicy = new IamRolePolicy(scope, 'ReplicationPolicy', {
      // IAM is global, but the role belongs to its provider's account.
      provider: this.role.provider,
      role: this.role.name,
      namePrefix: 'replication-',
      policy: this.renderRolePolicy(),
    });
    this.configuration = new S3BucketReplicationConfigurationA(scope, 'Replication', {
      provider: source.provider,
      bucket: source.bucketId,
      role: this.role.arn,
      rule: [],
      // Replication needs versioning on both sides first, and the role's permissions.
      dependsOn: [...(source.versioning ? [source.versioning] : []), this.rolePolicy],
    });
  }

  /** The ARN of the role S3 replicates with. */
  public get roleArn(): string {
    return this.role.arn;
  }

  /** Checks `rule` (named `option` in errors), adds it and lets the role into the destination. */
  public add(rule: ReplicationRule, option: string): void {
    const sourceKey = this.source.key;
    if (sourceKey && isManagedKey(sourceKey) && !sourceKey.iamPoliciesEnabled) {
      this.source.validator.fail(
        option,
        'needs a source key whose policy lets IAM policies grant its use (enableIamPolicies): the replication role decrypts through its own policy',
        sourceKey.node.path,
      );
    }
    const settings = this.ruleSettings(rule, option);
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
        bucketArnPatterns: this.replicaContext(destination),
      })));
    }
  }

  /**
   * The destination as its replicas' encryption context names it, as far as it is known
   * without referring to the bucket resource (the name or prefix it was given): the bucket
   * already depends on its key, so the key policy cannot refer to the bucket.
   */
  private replicaContext(destination: IReplicationDestination): string[] | undefined {
    if (!isEncryptedBucket(destination)) return [destination.bucketArn, `${destination.bucketArn}/*`];
    const { bucketInput, bucketPrefixInput } = destination.s3Bucket;
    const partition = StackContext.of(destination, destination.provider).partition;
    return bucketArnPatterns(partition, bucketInput, bucketPrefixInput);
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
      s3ServiceName: this.context.s3ServiceName,
      keyArn: this.source.key?.keyArn,
    };
    return renderPolicy(replicationRoleStatements(source, this.rules));
  }

  private ruleSettings(rule: ReplicationRule, option: string): ReplicationRuleSettings {
    const v = this.source.validator;
    const destination = rule.destination;
    if (destination === (this.source.scope as unknown) || this.sameBucketByName(destination)) {
      v.fail(`${option}.destination`, 'must be another bucket: a bucket cannot replicate into itself', destination.node.path);
    }
    const replicaKey = rule.replicaKey ?? destination.encryptionKey;
    if (!replicaKey) {
      return v.fail(`${option}.replicaKey`, 'must be given when the destination has no KMS key (S3_MANAGED): replicas of SSE-KMS objects need a key in the destination region', destination.node.path);
    }
    const endpoint = isEncryptedBucket(destination) ? this.bucketEndpoint(destination, option) : this.externalEndpoint(destination as ExternalLike);
    const keyRegion = knownKeyRegion(replicaKey);
    if (endpoint.region !== undefined && keyRegion !== undefined && endpoint.region !== keyRegion) {
      v.fail(`${option}.replicaKey`, `must be in the destination's region, ${endpoint.region}: S3 uses only keys in the bucket's own region`, `${replicaKey.node.path} in ${keyRegion}`);
    }
    if (isEncryptedBucket(destination) && destination.pinEncryptionKey && destination.encryptionKey && replicaKey !== destination.encryptionKey
      && replicaKey.keyArn !== destination.encryptionKey.keyArn) {
      v.fail(`${option}.replicaKey`, 'must be the destination\'s own key: the destination pins its key (pinEncryptionKey) and denies replicas encrypted with any other', replicaKey.node.path);
    }
    v.integerInRange(`${option}.priority`, rule.priority, 0, 2147483647);
    v.oneOf(`${option}.storageClass`, rule.storageClass, STORAGE_CLASSES);
    const priority = rule.priority ?? this.rules.length;
    const clash = this.rules.find((r) => r.priority === priority);
    if (clash && !Token.isUnresolved(priority)) {
      v.fail(`${option}.priority`, `must be unique among the bucket's replication rules: rule "${clash.id}" already has it`, priority);
    }
    const id = rule.id ?? `replicate-${priority}`;
    if (!Token.isUnresolved(id) && (id.length === 0 || id.length > 255)) v.fail(`${option}.id`, 'must be 1-255 characters', id);
    if (this.rules.some((r) => r.id === id)) v.fail(`${option}.id`, 'must be unique among the bucket\'s replication rules', id);
    return {
      id,
      priority,
      prefix: rule.prefix,
      replicateDeleteMarkers: rule.replicateDeleteMarkers ?? false,
      storageClass: rule.storageClass,
      destination: { bucketArn: destination.bucketArn, s3ServiceName: endpoint.s3ServiceName, keyArn: replicaKey.keyArn },
      ownerOverrideAccount: endpoint.ownerOverrideAccount,
      sameAccount: endpoint.sameAccount,
    };
  }

  /** A destination named by an ARN that is the source's literal name. */
  private sameBucketByName(destination: IReplicationDestination): boolean {
    const name = this.source.bucketName;
    return name !== undefined && !Token.isUnresolved(destination.bucketArn) && destination.bucketArn.endsWith(`:::${name}`);
  }

  private bucketEndpoint(destination: EncryptedBucketLike, option: string) {
    // The source reads the destination and the destination's policies name the source's
    // role: across stacks that is a dependency cycle.
    if (TerraformStack.of(destination) !== TerraformStack.of(this.source.scope)) {
      this.source.validator.fail(`${option}.destination`, `must be in the source's stack (${TerraformStack.of(this.source.scope).node.path}); for a bucket in another stack, use an ExternalReplicationDestination and give its policies replicationRoleArn`, destination.node.path);
    }
    if (!destination.versioned) {
      this.source.validator.fail(`${option}.destination`, 'must be versioned (versioned: true): S3 replicates only into versioned buckets', destination.node.path);
    }
    const context = StackContext.of(destination, destination.provider);
    return {
      s3ServiceName: context.s3ServiceName,
      region: context.knownRegion,
      ownerOverrideAccount: differentAccount(this.context.knownAccountId, context.knownAccountId),
      sameAccount: sameAccount(this.context.knownAccountId, context.knownAccountId),
    };
  }

  private externalEndpoint(destination: ExternalLike) {
    const region = Token.isUnresolved(destination.region) ? undefined : destination.region;
    return {
      s3ServiceName: `s3.${destination.region}.${this.context.dnsSuffix}`,
      region,
      ownerOverrideAccount: differentAccount(this.context.knownAccountId, known(destination.accountId)),
      sameAccount: sameAccount(this.context.knownAccountId, known(destination.accountId)),
    };
  }
}

/** A value known at synth, or undefined. */
function known(value: string | undefined): string | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
}

/** Whether both accounts are known and the same. */
function sameAccount(source: string | undefined, destination: string | undefined): boolean {
  return source !== undefined && source === destination;
}

/** The destination account when both are known and differ. */
function differentAccount(source: string | undefined, destination: string | undefined): string | undefined {
  return source !== undefined && destination !== undefined && source !== destination ? destination : undefined;
}

/** One rule as the provider's `aws_s3_bucket_replication_configuration` has it. */
function ruleConfiguration(rule: ReplicationRuleSettings): S3BucketReplicationConfigurationRule {
  return {
    id: rule.id,
    priority: rule.priority,
    status: 'Enabled',
    filter: { prefix: rule.prefix },
    deleteMarkerReplication: { status: rule.replicateDeleteMarkers ? 'Enabled' : 'Disabled' },
    // Without this S3 skips SSE-KMS objects.
    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
    destination: {
      bucket: rule.destination.bucketArn,
      storageClass: rule.storageClass,
      encryptionConfiguration: { replicaKmsKeyId: rule.destination.keyArn },
      ...(rule.ownerOverrideAccount !== undefined && {
        account: rule.ownerOverrideAccount,
        accessControlTranslation: { owner: 'Destination' },
      }),
    },
  };
}
