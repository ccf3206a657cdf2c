import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Annotations, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import {
  BlockPublicAccessOptions, BucketEncryption, EncryptionEnforcement, LifecycleRule, ObjectOwnership, ServerAccessLogsOptions,
} from './bucket-options';
import { guardCheckPlacement } from './compliance/private/placement';
import { IEncryptionKey } from './encryption-key';
import { ManagedCmk } from './managed-cmk';
import { logTarget, logTargetProblem } from './private/access-logs';
import { bucketArnPatterns, validateLogPrefix } from './private/bucket-name';
import { bucketPolicyStatements, LOG_DELIVERY_SID, logDeliveryStatement, principalGrantStatement } from './private/bucket-policy';
import { BucketSettings, bucketSettings } from './private/bucket-settings';
import { encryptionRule } from './private/encryption-rule';
import { attachRolePolicy, grantPrincipalArn, grantSid, keyStatement } from './private/grants';
import { lifecycleRules } from './private/lifecycle';
import { BUCKET_READ_ACTIONS, BUCKET_WRITE_ACTIONS, KEY_USER_ACTIONS, KMS_READ_ACTIONS, KMS_VIA_S3_ACTIONS } from './private/perms';
import { PolicyBuilder } from './private/policy-builder';
import { PolicyStatementJson } from './private/policy-document';
import { knownKeyRegion, knownRegion } from './private/regions';
import { BucketReplication } from './private/replication';
import { StackContext } from './private/stack-context';
import { PropValidator } from './private/validation';
import { IReplicationDestination, ReplicationRule } from './replication';

/** Properties of an `EncryptedBucket`. */
export interface EncryptedBucketProps {
  /**
   * The bucket's name: 3-63 characters of lowercase letters, digits, "." and "-".
   *
   * @default - Terraform generates a unique name (or uses `bucketPrefix`)
   */
  readonly bucketName?: string;

  /**
   * A prefix for a name Terraform generates, at most 37 characters.
   *
   * @default - no prefix
   */
  readonly bucketPrefix?: string;

  /**
   * The bucket's default encryption, which the bucket policy also enforces.
   *
   * @default BucketEncryption.KMS
   */
  readonly encryption?: BucketEncryption;

  /**
   * The KMS key for `KMS` and `DSSE_KMS` encryption. Not allowed with `S3_MANAGED`.
   *
   * @default - a new `ManagedCmk` for this bucket
   */
  readonly encryptionKey?: IEncryptionKey;

  /**
   * Whether S3 uses a bucket-level key derived from the KMS key, which cuts KMS
   * requests (and their cost) by up to 99%. Only `KMS` encryption supports it.
   *
   * @default - true for `KMS`, false otherwise
   */
  readonly bucketKeyEnabled?: boolean;

  /**
   * How the bucket policy checks uploads' encryption headers.
   *
   * @default EncryptionEnforcement.DENY_MISMATCHED_HEADERS
   */
  readonly encryptionEnforcement?: EncryptionEnforcement;

  /**
   * Whether objects may only be encrypted with this bucket's key: uploads, re-keying
   * and replicas naming another KMS key are denied, and so are those that ask for KMS
   * without naming a key (S3 would use the AWS-managed `aws/s3` key). The key must be
   * named by its ARN. Not allowed with `S3_MANAGED`.
   *
   * @default - true for `KMS` and `DSSE_KMS`
   */
  readonly pinEncryptionKey?: boolean;

  /**
   * Whether every request that does not use HTTPS is denied.
   *
   * @default true
   */
  readonly enforceHttps?: boolean;

  /**
   * The lowest TLS version accepted: 1.0, 1.1, 1.2 or 1.3. Requires `enforceHttps`.
   *
   * @default 1.2
   */
  readonly minimumTlsVersion?: number;

  /**
   * Whether uploads and replicas with customer-provided keys (SSE-C) are denied: S3 cannot
   * decrypt those objects without the client's key, and the CMK plays no part.
   *
   * The bucket policy denies them; with AWS provider 6.22 or later (`@cdktf/provider-aws`
   * 21, `@cdktn/provider-aws`) the encryption rule also sets S3's own block,
   * `blocked_encryption_types = ["SSE-C"]`. `false` removes the Deny and sets `["NONE"]`,
   * which lifts S3's block too.
   *
   * @default true
   */
  readonly denySseC?: boolean;

  /**
   * S3 Block Public Access settings.
   *
   * @default - all four settings on
   */
  readonly blockPublicAccess?: BlockPublicAccessOptions;

  /**
   * Object ownership.
   *
   * @default ObjectOwnership.BUCKET_OWNER_ENFORCED (ACLs disabled)
   */
  readonly objectOwnership?: ObjectOwnership;

  /**
   * Whether versioning is enabled, so overwritten and deleted objects can be recovered.
   *
   * @default true
   */
  readonly versioned?: boolean;

  /**
   * Days after which incomplete multipart uploads are aborted and their parts deleted.
   *
   * @default 7
   */
  readonly abortIncompleteMultipartUploadAfterDays?: number;

  /**
   * Days after which noncurrent object versions are permanently deleted. Requires
   * versioning.
   *
   * @default - noncurrent versions are kept
   */
  readonly noncurrentVersionExpirationDays?: number;

  /**
   * Further lifecycle rules: expiry (of log objects, say), noncurrent-version expiry,
   * transitions. They are merged into the bucket's one lifecycle configuration, beside
   * its rule that aborts incomplete multipart uploads.
   *
   * @default - none
   */
  readonly lifecycleRules?: LifecycleRule[];

  /**
   * Where to deliver S3 server access logs.
   *
   * @default - no access logs
   */
  readonly serverAccessLogs?: ServerAccessLogsOptions;

  /**
   * DANGER: when true, destroying the stack deletes every object (and every version)
   * in the bucket instead of failing on a non-empty bucket.
   *
   * @default false
   */
  readonly forceDestroy?: boolean;

  /**
   * DANGER: lets a plan destroy the key this bucket creates for itself (see
   * `ManagedCmkProps.dangerouslyAllowKeyDestroy`): `cdktf destroy`, a rename, switching
   * to another key or to `S3_MANAGED` then schedule its deletion, after which objects
   * encrypted with it are unreadable. For a key given as `encryptionKey`, set it on that
   * key instead.
   *
   * @default false
   */
  readonly dangerouslyAllowKeyDestroy?: boolean;

  /**
   * Further statements for the bucket policy, in the `aws_iam_policy_document`
   * statement shape. A bucket has one policy: these are merged into it.
   *
   * @default - none
   */
  readonly policyStatements?: DataAwsIamPolicyDocumentStatement[];

  /**
   * Tags for the bucket (and the key it creates, if any).
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * Replication rules: objects written to this bucket are copied to each rule's
   * destination, in any region or account, encrypted with the destination's key. Needs
   * versioning on both sides. The library creates the replication role (least
   * privilege), the replication configuration and, for a destination that is an
   * `EncryptedBucket`, the statements that let the role in.
   *
   * @default - no replication
   */
  readonly replicationRules?: ReplicationRule[];

  /**
   * The role S3 replicates with. The library attaches the replication policy to it; its
   * trust policy must let `s3.amazonaws.com` assume it.
   *
   * @default - a new role, used only for this bucket's replication
   */
  readonly replicationRole?: IamRole | DataAwsIamRole;

  /**
   * The provider (region and account) the bucket, and every resource and data source
   * this construct creates, use: the key it makes for itself, its account and region
   * in policies. A key given as `encryptionKey` must be in the same region.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An S3 bucket whose encryption, key pinning, HTTPS-only access, public-access block
 * and object ownership are right by default, each an option.
 *
 * By default: SSE-KMS with a new customer-managed key and an S3 Bucket Key; a policy
 * that denies uploads asking for other encryption or another key, SSE-C uploads,
 * plain HTTP and TLS below 1.2; all public access blocked; ACLs disabled; versioning.
 */
export class EncryptedBucket extends Construct implements IReplicationDestination {
  /** The bucket's ARN. */
  public readonly bucketArn: string;
  /** The bucket's default encryption. */
  public readonly encryption: BucketEncryption;
  /** How the bucket policy checks uploads' encryption headers. */
  public readonly encryptionEnforcement: EncryptionEnforcement;
  /** The KMS key objects are encrypted with (undefined for `S3_MANAGED`). */
  public readonly encryptionKey?: IEncryptionKey;
  /** The provider the bucket is created with (undefined: the stack's default). */
  public readonly provider?: TerraformProvider;
  /** Whether versioning is enabled. */
  public readonly versioned: boolean;
  /** Whether objects may only be encrypted with this bucket's key. */
  public readonly pinEncryptionKey: boolean;

  /** The underlying `aws_s3_bucket`, for settings this construct does not expose. */
  public readonly s3Bucket: S3Bucket;
  /** The underlying default-encryption configuration. */
  public readonly encryptionConfiguration: S3BucketServerSideEncryptionConfigurationA;
  /** The underlying public access block. */
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** The underlying ownership controls. */
  public readonly ownershipControls: S3BucketOwnershipControls;
  /** The underlying versioning configuration (undefined when versioning is off). */
  public readonly versioning?: S3BucketVersioningA;
  /** The underlying lifecycle configuration. */
  public readonly lifecycleConfiguration: S3BucketLifecycleConfiguration;
  /** The underlying access-logging configuration (undefined without access logs). */
  public readonly logging?: S3BucketLoggingA;
  /** The underlying bucket policy. */
  public readonly bucketPolicy: S3BucketPolicy;

  private readonly validator: PropValidator;
  private readonly policy: PolicyBuilder;
  private readonly replicationRole?: IamRole | DataAwsIamRole;
  private replication?: BucketReplication;

  /**
   * @param scope the construct the bucket belongs to, inside a `TerraformStack`
   * @param id the bucket's construct id, unique within `scope`
   * @param props the bucket's options, each with a safe default
   */
  constructor(scope: Construct, id: string, props: EncryptedBucketProps = {}) {
    super(scope, id);
    this.validator = new PropValidator(this, 'EncryptedBucket');
    guardCheckPlacement(this);
    const settings = bucketSettings(this.validator, props);
    this.provider = settings.provider;
    this.encryption = settings.encryption;
    this.encryptionEnforcement = settings.enforcement;
    this.versioned = settings.versioned;
    this.pinEncryptionKey = settings.pinEncryptionKey;
    this.encryptionKey = this.keyFor(settings);

    this.s3Bucket = new S3Bucket(this, 'Bucket', {
      provider: this.provider,
      bucket: settings.bucketName,
      bucketPrefix: settings.bucketPrefix,
      forceDestroy: settings.forceDestroy,
      tags: settings.tags,
      // Terraform destroys in reverse dependency order: the bucket (and a failed,
      // non-empty bucket delete) comes before the key its objects need.
      dependsOn: this.encryptionKey instanceof ManagedCmk ? [this.encryptionKey.kmsKey] : undefined,
    });
    this.bucketArn = this.s3Bucket.arn;

    this.encryptionConfiguration = new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      provider: this.provider,
      bucket: this.s3Bucket.id,
      rule: [encryptionRule(settings, this.encryptionKey?.keyArn)],
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      provider: this.provider,
      bucket: this.s3Bucket.id,
      ...settings.blockPublicAccess,
    });
    this.ownershipControls = new S3BucketOwnershipControls(this, 'OwnershipControls', {
      provider: this.provider,
      bucket: this.s3Bucket.id,
      rule: { objectOwnership: settings.objectOwnership },
    });
    if (settings.versioned) {
      this.versioning = new S3BucketVersioningA(this, 'Versioning', {
        provider: this.provider,
        bucket: this.s3Bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }
    this.lifecycleConfiguration = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      provider: this.provider,
      bucket: this.s3Bucket.id,
      rule: lifecycleRules(settings),
      // Lifecycle rules on noncurrent versions need versioning in place first.
      dependsOn: this.versioning ? [this.versioning] : undefined,
    });
    if (settings.serverAccessLogs) {
      this.logging = this.configureAccessLogs(settings.serverAccessLogs);
    }

    this.policy = new PolicyBuilder(this.validator, 'bucket', bucketPolicyStatements({
      bucketArn: this.bucketArn,
      algorithm: settings.encryption,
      enforcement: settings.enforcement,
      pinnedKeyArn: settings.pinEncryptionKey ? this.encryptionKey?.keyArn : undefined,
      denySseC: settings.denySseC,
      enforceHttps: settings.enforceHttps,
      minimumTlsVersion: settings.minimumTlsVersion,
    }));
    settings.policyStatements.forEach((statement, i) => this.policy.addStatement(statement, `policyStatements[${i}]`));
    this.bucketPolicy = new S3BucketPolicy(this, 'Policy', {
      provider: this.provider,
      bucket: this.s3Bucket.id,
      policy: this.policy.render(),
      // S3 rejects a policy written while the public access block is changing
      // ("conflicting conditional operation", terraform-provider-aws issue 7628).
      dependsOn: [this.publicAccessBlock],
    });
    // Statements added later (addToResourcePolicy, log delivery) join the one policy.
    const bucketPolicy = this.bucketPolicy;
    this.policy.onChange((document) => { bucketPolicy.policy = document; });

    this.replicationRole = settings.replicationRole;
    settings.replicationRules.forEach((rule, i) => this.replicate(rule, `replicationRules[${i}]`));
  }

  /** The bucket's name. */
  public get bucketName(): string {
    // Read on demand: each attribute reference costs cdktf a token and a stack trace.
    return this.s3Bucket.bucket;
  }

  /**
   * The ARN of the role S3 replicates with (undefined without replication rules): a
   * destination managed elsewhere must let it in, in its bucket and key policies.
   */
  public get replicationRoleArn(): string | undefined {
    return this.replication?.roleArn;
  }

  /**
   * Replicates objects to another bucket (see `replicationRules`).
   *
   * @param rule the destination and what to replicate
   */
  public addReplicationRule(rule: ReplicationRule): void {
    this.replicate(rule, 'addReplicationRule');
  }

  /**
   * Adds a statement to the bucket policy.
   *
   * @param statement the statement, in the `aws_iam_policy_document` statement shape
   */
  public addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.policy.addStatement(statement, 'addToResourcePolicy');
  }

  /**
   * Lets S3 server access logging deliver logs for `sourceBucketArn` into this bucket,
   * under `prefix`. Called for you when another `EncryptedBucket` names this one as
   * its `serverAccessLogs.targetBucket`.
   *
   * @param sourceBucketArn the ARN of the bucket whose access logs are delivered
   * @param prefix the key prefix the logs are written under
   * @param sourceAccountId the account that owns the source bucket (default: this
   * bucket's account)
   */
  public allowServerAccessLogsFrom(sourceBucketArn: string, prefix: string, sourceAccountId?: string): void {
    const problem = logTargetProblem(this.encryption, this.encryptionEnforcement);
    if (problem) this.validator.fail(problem.option, problem.requirement, problem.value);
    validateLogPrefix(this.validator, 'prefix', prefix);
    this.addLogSource(sourceBucketArn, prefix, sourceAccountId ?? this.context.accountId);
  }

  /**
   * Lets `role` read objects, and decrypt them with the bucket's key.
   *
   * @param role an IAM role the stack creates (`IamRole`) or reads (`DataAwsIamRole`);
   * granting the same to the same role again returns the policy it already has
   */
  public grantRead(role: IamRole | DataAwsIamRole): IamRolePolicy {
    return this.grant('Read', role, BUCKET_READ_ACTIONS, KMS_READ_ACTIONS);
  }

  /**
   * Lets `role` write and delete objects, and encrypt them with the bucket's key.
   *
   * @param role an IAM role the stack creates (`IamRole`) or reads (`DataAwsIamRole`);
   * granting the same to the same role again returns the policy it already has
   */
  public grantWrite(role: IamRole | DataAwsIamRole): IamRolePolicy {
    return this.grant('Write', role, BUCKET_WRITE_ACTIONS, KEY_USER_ACTIONS);
  }

  /**
   * Lets `role` read, write and delete objects, with the KMS use that needs.
   *
   * @param role an IAM role the stack creates (`IamRole`) or reads (`DataAwsIamRole`);
   * granting the same to the same role again returns the policy it already has
   */
  public grantReadWrite(role: IamRole | DataAwsIamRole): IamRolePolicy {
    return this.grant('ReadWrite', role, [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS], KEY_USER_ACTIONS);
  }

  /**
   * Lets a principal (an account, or a role in this account or another) read objects.
   * The bucket policy allows it the read actions; the key policy of a `ManagedCmk` lets
   * it decrypt in requests S3 makes for it only, and, when `bucketName` (or
   * `bucketPrefix`) is given, only for this bucket's objects (or those of buckets with
   * the prefix). A cross-account grantee also needs an IAM policy in its own account
   * that allows the same. An imported key's policy cannot be changed here: synth warns,
   * and its owner must allow the grantee (see the README, "Cross-account access").
   *
   * @param principalArn `123456789012` or `arn:aws:iam::123456789012:root` (an account,
   * which then decides through its own IAM policies), or
   * `arn:aws:iam::123456789012:role/Name`; granting the same again changes nothing
   */
  public grantReadToPrincipal(principalArn: string): void {
    this.grantPrincipal('Read', principalArn, BUCKET_READ_ACTIONS, KMS_READ_ACTIONS);
  }

  /**
   * Lets a principal (an account, or a role in this account or another) write and
   * delete objects, and encrypt them with the bucket's key through S3; as
   * `grantReadToPrincipal` otherwise.
   *
   * @param principalArn an account id, an account root ARN or a role ARN; granting the
   * same again changes nothing
   */
  public grantWriteToPrincipal(principalArn: string): void {
    this.grantPrincipal('Write', principalArn, BUCKET_WRITE_ACTIONS, KEY_USER_ACTIONS);
  }

  /**
   * Lets a principal (an account, or a role in this account or another) read, write and
   * delete objects, with the key use that needs through S3; as `grantReadToPrincipal`
   * otherwise.
   *
   * @param principalArn an account id, an account root ARN or a role ARN; granting the
   * same again changes nothing
   */
  public grantReadWriteToPrincipal(principalArn: string): void {
    this.grantPrincipal('ReadWrite', principalArn, [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS], KEY_USER_ACTIONS);
  }

  /** The key given in props, a new one for this bucket, or none for `S3_MANAGED`. */
  private keyFor(settings: BucketSettings): IEncryptionKey | undefined {
    if (settings.encryption === BucketEncryption.S3_MANAGED) return undefined;
    if (settings.encryptionKey) return this.keyInBucketRegion(settings.encryptionKey);
    return new ManagedCmk(this, 'Key', {
      provider: this.provider,
      alias: this.defaultKeyAlias(),
      description: `Encrypts the objects of the S3 bucket ${this.node.path}.`,
      dangerouslyAllowKeyDestroy: settings.allowKeyDestroy,
      tags: settings.tags,
    });
  }

  private replicate(rule: ReplicationRule, option: string): void {
    if (!this.versioned) {
      this.validator.fail(option, 'needs versioned true on this bucket: S3 replicates only from versioned buckets', false);
    }
    this.replication ??= new BucketReplication({
      scope: this,
      validator: this.validator,
      provider: this.provider,
      bucketArn: this.bucketArn,
      bucketId: this.s3Bucket.id,
      bucketName: this.s3Bucket.bucketInput,
      versioning: this.versioning,
      key: this.encryptionKey,
    }, this.replicationRole);
    this.replication.add(rule, option);
  }

  /** The account, partition and region of this bucket's provider. */
  private get context(): StackContext {
    return StackContext.of(this, this.provider);
  }

  /** S3 uses only keys in the bucket's own region: refuse another, when both are known. */
  private keyInBucketRegion(key: IEncryptionKey): IEncryptionKey {
    const bucketRegion = knownRegion(this, this.provider);
    const keyRegion = knownKeyRegion(key);
    if (bucketRegion !== undefined && keyRegion !== undefined && bucketRegion !== keyRegion) {
      this.validator.fail(
        'encryptionKey',
        `must be in the bucket's region, ${bucketRegion} (S3 uses only keys in the bucket's own region); give the key and the bucket the same provider region`,
        `${key.node.path} in ${keyRegion}`,
      );
    }
    return key;
  }

  private addLogSource(bucketArn: string, prefix: string, accountId: string): void {
    const index = this.policy.countAdded((s) => s.Sid?.startsWith(LOG_DELIVERY_SID) ?? false);
    this.policy.add(logDeliveryStatement(this.bucketArn, { bucketArn, prefix, accountId }, index), 'allowServerAccessLogsFrom');
  }

  private grant(name: string, role: IamRole | DataAwsIamRole, s3Actions: string[], kmsActions: string[]): IamRolePolicy {
    const key = this.encryptionKey;
    if (key instanceof ManagedCmk && !key.iamPoliciesEnabled) {
      this.validator.fail(
        'encryptionKey',
        `must have enableIamPolicies true for grant${name}, which works through an IAM policy; name the role in the key's keyUserArns instead`,
        key.node.path,
      );
    }
    const statements: PolicyStatementJson[] = [
      { Effect: 'Allow', Action: s3Actions, Resource: [this.bucketArn, `${this.bucketArn}/*`] },
    ];
    if (key) statements.push(keyStatement(key.keyArn, kmsActions));
    return attachRolePolicy(this, name, role, statements);
  }

  /**
   * A grant that names the principal in the bucket policy and, for a `ManagedCmk`, in
   * the key policy: resource policies are what another account's principals need.
   */
  private grantPrincipal(name: string, value: string, s3Actions: string[], kmsActions: string[]): void {
    const method = `grant${name}ToPrincipal`;
    const principal = grantPrincipalArn(this.validator, method, value, () => this.context.partition);
    const added = this.policy.addOnce(principalGrantStatement(grantSid(`Grant${name}To`, principal), this.bucketArn, principal, s3Actions), method);
    const key = this.encryptionKey;
    // DescribeKey carries no encryption context: a key policy limited to one bucket cannot allow it.
    const viaS3 = kmsActions.filter((action) => KMS_VIA_S3_ACTIONS.includes(action));
    if (key instanceof ManagedCmk) {
      // Not this.bucketArn: the bucket depends on its key (destroy order), so a key policy
      // that read the bucket would make a cycle. A name Terraform picks stays unknown.
      const patterns = bucketArnPatterns(this.context.partition, this.s3Bucket.bucketInput, this.s3Bucket.bucketPrefixInput);
      key._grantViaS3(name, principal, this.node.path, viaS3, patterns);
    } else if (key && added) {
      Annotations.of(this).addWarning(
        `${method}(${value}): the bucket's key ${key.keyArn} was imported, so its key policy is not managed here. ` +
        `Until the key's owner allows this principal ${viaS3.join(', ')} on it, limited to kms:ViaService s3.<region>.amazonaws.com, ` +
        'requests that need the key are denied (README, "Cross-account access").',
      );
    }
  }

  private configureAccessLogs(options: ServerAccessLogsOptions): S3BucketLoggingA {
    const target = logTarget(this.validator, this, options);
    target.bucket?.addLogSource(this.bucketArn, target.prefix, this.context.accountId);
    return new S3BucketLoggingA(this, 'Logging', {
      provider: this.provider,
      bucket: this.s3Bucket.id,
      targetBucket: target.bucketName,
      targetPrefix: target.prefix,
      // Deliveries start once the target's policy lets them in.
      dependsOn: target.bucket ? [target.bucket.bucketPolicy] : undefined,
    });
  }

  /**
   * `alias/encrypted-bucket/<path>`, made valid for an alias. A path that had to be
   * changed (`raw.data`, `raw data` and `raw-data` all become `raw-data`) or shortened
   * gets part of the construct's unique address, so the aliases stay distinct.
   */
  private defaultKeyAlias(): string {
    const path = `encrypted-bucket/${this.node.path}`;
    const alias = path.replace(/[^A-Za-z0-9/_-]/g, '-');
    if (alias === path && alias.length <= 240) return alias;
    const suffix = `-${this.node.addr.slice(0, 8)}`;
    return alias.length > 240 ? `${alias.slice(0, 230)}${suffix}` : `${alias}${suffix}`;
  }
}
