import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import type { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import type { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import type { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import type { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import type { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { TerraformProvider, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IEncryptedBucket } from './bucket-interface';
import { BucketEncryption, EncryptionEnforcement } from './bucket-options';
import { guardCheckPlacement } from './compliance/private/placement';
import { DeliveryOptions, DeliveryService } from './delivery-service';
import { EncryptedBucketProps } from './encrypted-bucket-props';
import { IEncryptionKey } from './encryption-key';
import { ManagedCmk } from './managed-cmk';
import { accessLogging, allowLogDelivery } from './private/access-logs';
import { BucketAdoptionSettings, adoptedBucketKeyWarning, importBucket } from './private/adoption';
import { bucketConfiguration } from './private/bucket-configuration';
import { GrantingBucket, grantToIdentity, grantToPrincipal } from './private/bucket-grants';
import { claimBucketName } from './private/bucket-name';
import { validateAccountRegionalName } from './private/bucket-namespace';
import { bucketPolicyStatements } from './private/bucket-policy';
import { BucketSettings, bucketSettings } from './private/bucket-settings';
import type { DataAwsIamGroup, DataAwsIamRole, DataAwsIamUser, IamGroup, IamRole, IamUser } from './private/grants';
import { defaultKeyAlias } from './private/key-alias';
import { isManagedKey } from './private/managed-key';
import { PolicyBuilder } from './private/policy-builder';
import { checkKeyInBucketRegion } from './private/regions';
import { BucketReplication } from './private/replication-builder';
import { bucketResourceName, nameResource, reserveResourceName } from './private/resource-names';
import { allowServiceDelivery } from './private/service-delivery';
import { StackContext } from './private/stack-context';
import { PropValidator } from './private/validation';
import { ReplicationRule } from './replication-rule';

/**
 * An S3 bucket whose encryption, key pinning, HTTPS-only access, public-access block
 * and object ownership are right by default, each an option.
 *
 * By default: SSE-KMS with a new customer-managed key and an S3 Bucket Key; a policy
 * that denies uploads asking for other encryption or another key, SSE-C uploads,
 * plain HTTP and TLS below 1.2; all public access blocked; ACLs disabled; versioning.
 */
export class EncryptedBucket extends Construct implements IEncryptedBucket {
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
  /** Whether S3 Object Lock is on. */
  public readonly objectLockEnabled: boolean;

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
  /** The underlying Object Lock configuration (undefined without Object Lock). */
  public readonly objectLockConfiguration?: S3BucketObjectLockConfigurationA;
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
  private readonly adoption?: BucketAdoptionSettings;
  /** The Terraform name of the bucket's resources, when its name is known at synth. */
  private readonly resourceName?: string;

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
    claimBucketName(this.validator, this, settings.adoption ? 'adopt.bucketName' : 'bucketName', settings.bucketName);
    this.provider = settings.provider;
    this.encryption = settings.encryption;
    this.encryptionEnforcement = settings.enforcement;
    this.versioned = settings.versioned;
    this.pinEncryptionKey = settings.pinEncryptionKey;
    this.objectLockEnabled = settings.objectLock !== undefined;
    this.adoption = settings.adoption;
    validateAccountRegionalName(this.validator, this.context, settings.bucketNamespace, settings.bucketName);
    // Named, the bucket's resources (and the key it makes) are known by its name: a moved
    // or renamed construct, or a removed adopt, keeps their addresses.
    const name = settings.adoption?.bucketName ?? settings.bucketName;
    this.resourceName = name !== undefined && !Token.isUnresolved(name) ? bucketResourceName(name) : undefined;
    if (this.resourceName) reserveResourceName(this, 'Key', this.resourceName);
    this.encryptionKey = this.keyFor(settings);

    this.s3Bucket = this.named(new S3Bucket(this, 'Bucket', {
      provider: this.provider,
      bucket: settings.bucketName,
      bucketPrefix: settings.bucketPrefix,
      // Only when given: older bindings do not know the field, and validation refused it there.
      ...(settings.bucketNamespace !== undefined && { bucketNamespace: settings.bucketNamespace }),
      forceDestroy: settings.forceDestroy,
      tags: settings.tags,
      // Terraform destroys in reverse dependency order: the bucket (and a failed,
      // non-empty bucket delete) comes before the key its objects need.
      dependsOn: isManagedKey(this.encryptionKey) ? [this.encryptionKey.kmsKey] : undefined,
      // An adopted bucket holds data this stack did not write, and locked versions cannot
      // be deleted: destroying the stack must not strip its policy and public access block
      // on the way to a failed delete.
      lifecycle: settings.adoption || settings.objectLock ? { preventDestroy: true } : undefined,
    }));
    this.bucketArn = this.s3Bucket.arn;

    const named = <T extends TerraformResource>(resource: T) => this.named(resource);
    const bucket = { scope: this, provider: this.provider, bucketId: this.s3Bucket.id, keyArn: this.encryptionKey?.keyArn, named };
    ({
      encryptionConfiguration: this.encryptionConfiguration, publicAccessBlock: this.publicAccessBlock, ownershipControls: this.ownershipControls,
      versioning: this.versioning, objectLockConfiguration: this.objectLockConfiguration, lifecycleConfiguration: this.lifecycleConfiguration,
    } = bucketConfiguration(bucket, settings));
    if (settings.serverAccessLogs) {
      this.logging = this.named(accessLogging(this.validator, this, settings.serverAccessLogs));
    }

    this.policy = new PolicyBuilder(this.validator, 'bucket', bucketPolicyStatements({
      bucketArn: this.bucketArn,
      algorithm: settings.encryption,
      enforcement: settings.enforcement,
      pinnedKeyArn: settings.pinEncryptionKey ? this.encryptionKey?.keyArn : undefined,
      denySseC: settings.denySseC,
      enforceHttps: settings.enforceHttps,
      minimumTlsVersion: settings.minimumTlsVersion,
      objectLock: settings.objectLock && {
        bypassPrincipalArns: settings.objectLock.bypassPrincipalArns,
        allowCompliance: settings.allowComplianceRetention,
      },
    }));
    settings.policyStatements.forEach((statement, i) => this.policy.addStatement(statement, `policyStatements[${i}]`));
    this.bucketPolicy = this.named(new S3BucketPolicy(this, 'Policy', {
      provider: this.provider,
      bucket: this.s3Bucket.id,
      policy: this.policy.render(),
      // S3 rejects a policy written while the public access block is changing
      // ("conflicting conditional operation", terraform-provider-aws issue 7628).
      dependsOn: [this.publicAccessBlock],
    }));
    // Statements added later (addToResourcePolicy, log delivery) join the one policy.
    const bucketPolicy = this.bucketPolicy;
    this.policy.onChange((document) => { bucketPolicy.policy = document; });

    if (this.adoption) {
      adoptedBucketKeyWarning(this.validator, this, this.adoption, this.encryptionKey);
      importBucket(this.adoption, this, this.provider);
    }

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
    const { validator, policy, bucketArn, encryption, objectLockEnabled } = this;
    const receiver = { validator, policy, bucketArn, encryption, enforcement: this.encryptionEnforcement, objectLockEnabled };
    allowLogDelivery(receiver, sourceBucketArn, prefix, sourceAccountId ?? this.context.accountId);
  }

  /**
   * Lets an AWS service deliver its logs into this bucket: statements in the bucket
   * policy and, for a `ManagedCmk`, the key policy, scoped to `options`' source account
   * or trail (README, "AWS service deliveries"). The same call again changes nothing.
   *
   * @param service the service; one that cannot deliver into this bucket fails at synth
   * @param options whose deliveries, and under which prefix
   */
  public allowDeliveryFrom(service: DeliveryService, options?: DeliveryOptions): void {
    allowServiceDelivery({ bucket: this, validator: this.validator, policy: this.policy }, service, options);
  }

  /**
   * Lets `grantee` read objects, and decrypt them with the bucket's key (README, "Grants").
   *
   * @param grantee an IAM role, user or group the stack creates (`IamRole`, `IamUser`,
   * `IamGroup`) or reads (`DataAwsIamRole`, ...); the same grant again returns its policy
   * @param objectsKeyPattern only the objects whose keys match, such as `reports/*`
   * (default: every object); another pattern is another grant
   */
  public grantRead(
    grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup, objectsKeyPattern?: string,
  ): TerraformResource {
    return grantToIdentity(this.granting, 'Read', grantee, objectsKeyPattern);
  }

  /**
   * Lets `grantee` add objects, tags and retention, with the key; never delete, nor lift a legal hold. As `grantRead`.
   */
  public grantPut(
    grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup, objectsKeyPattern?: string,
  ): TerraformResource {
    return grantToIdentity(this.granting, 'Put', grantee, objectsKeyPattern);
  }

  /**
   * Lets `grantee` delete objects, their versions and their tags; no reads, uploads or key use. As `grantRead`.
   */
  public grantDelete(
    grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup, objectsKeyPattern?: string,
  ): TerraformResource {
    return grantToIdentity(this.granting, 'Delete', grantee, objectsKeyPattern);
  }

  /**
   * Lets `grantee` put and delete: what `grantPut` and `grantDelete` allow together. As `grantRead`.
   */
  public grantWrite(
    grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup, objectsKeyPattern?: string,
  ): TerraformResource {
    return grantToIdentity(this.granting, 'Write', grantee, objectsKeyPattern);
  }

  /**
   * Lets `grantee` read, put and delete objects, with the key use that needs. As `grantRead`.
   */
  public grantReadWrite(
    grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup, objectsKeyPattern?: string,
  ): TerraformResource {
    return grantToIdentity(this.granting, 'ReadWrite', grantee, objectsKeyPattern);
  }

  /**
   * Lets a principal (an account, or a role in this account or another) read objects:
   * through the bucket policy and, for a `ManagedCmk`, the key policy (through S3 only,
   * and for this bucket when `bucketName` or `bucketPrefix` is given). A cross-account
   * grantee also needs an IAM policy in its own account; an imported key's owner must
   * allow it too, and synth warns (README, "Cross-account access").
   *
   * @param principalArn an account id or root ARN (its IAM policies then decide) or a role
   * ARN, `arn:aws:iam::123456789012:role/Name`; granting the same again changes nothing
   * @param objectsKeyPattern only the objects whose keys match, such as `reports/*`
   * (default: every object); the key policy still covers the whole bucket
   */
  public grantReadToPrincipal(principalArn: string, objectsKeyPattern?: string): void {
    grantToPrincipal(this.granting, 'Read', principalArn, objectsKeyPattern);
  }

  /**
   * Lets a principal add objects (never delete one) and encrypt them through S3. As `grantReadToPrincipal`.
   */
  public grantPutToPrincipal(principalArn: string, objectsKeyPattern?: string): void {
    grantToPrincipal(this.granting, 'Put', principalArn, objectsKeyPattern);
  }

  /**
   * Lets a principal delete objects, their versions and their tags (no key use). As `grantReadToPrincipal`.
   */
  public grantDeleteToPrincipal(principalArn: string, objectsKeyPattern?: string): void {
    grantToPrincipal(this.granting, 'Delete', principalArn, objectsKeyPattern);
  }

  /**
   * Lets a principal put and delete objects, and encrypt them through S3. As `grantReadToPrincipal`.
   */
  public grantWriteToPrincipal(principalArn: string, objectsKeyPattern?: string): void {
    grantToPrincipal(this.granting, 'Write', principalArn, objectsKeyPattern);
  }

  /**
   * Lets a principal read, put and delete objects, with the key use that needs through S3. As `grantReadToPrincipal`.
   */
  public grantReadWriteToPrincipal(principalArn: string, objectsKeyPattern?: string): void {
    grantToPrincipal(this.granting, 'ReadWrite', principalArn, objectsKeyPattern);
  }

  /** Names `resource` after the bucket (see resource-names.ts): call it before anything refers to it. */
  private named<T extends TerraformResource>(resource: T): T {
    return nameResource(resource, this.resourceName, this.adoption !== undefined);
  }

  /** The key given in props, a new one for this bucket, or none for `S3_MANAGED`. */
  private keyFor(settings: BucketSettings): IEncryptionKey | undefined {
    if (settings.encryption === BucketEncryption.S3_MANAGED) return undefined;
    if (settings.encryptionKey) {
      checkKeyInBucketRegion(this.validator, this, this.provider, settings.encryptionKey);
      return settings.encryptionKey;
    }
    return new ManagedCmk(this, 'Key', {
      provider: this.provider,
      alias: defaultKeyAlias(this.node),
      description: `Encrypts the objects of the S3 bucket ${this.node.path}.`,
      dangerouslyAllowKeyDestroy: settings.allowKeyDestroy,
      tags: settings.tags,
    });
  }

  private replicate(rule: ReplicationRule, option: string): void {
    if (this.replication === undefined) {
      const { validator, provider, context, bucketArn, versioning, objectLockEnabled, s3Bucket } = this;
      const bucket = { bucketId: s3Bucket.id, bucketName: s3Bucket.bucketInput, tags: s3Bucket.tagsInput };
      this.replication = new BucketReplication({
        scope: this, validator, provider, context, bucketArn, versioning, objectLockEnabled, key: this.encryptionKey, ...bucket,
      }, this.replicationRole);
      this.named(this.replication.configuration);
      // A rule added after construction still lands in the adopted configuration.
      if (this.adoption?.importReplication) this.replication.importConfiguration(this.adoption.bucketName);
    }
    this.replication.add(rule, option);
  }

  /** What the grant functions read of this bucket. */
  private get granting(): GrantingBucket {
    return { bucket: this, validator: this.validator, policy: this.policy };
  }

  /** The account, partition and region of this bucket's provider. */
  private get context(): StackContext {
    return StackContext.of(this, this.provider);
  }
}
