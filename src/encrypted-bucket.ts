import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Lazy, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IEncryptionKey } from './encryption-key';
import { ManagedCmk } from './managed-cmk';
import { validateBucketName, validateBucketPrefix, validateLogPrefix } from './private/bucket-name';
import { bucketPolicyStatements, BucketPolicySettings, LogSource } from './private/bucket-policy';
import { attachRolePolicy, KMS_READ_ACTIONS } from './private/grants';
import { KEY_USER_ACTIONS } from './private/key-policy';
import { duplicateSids, PolicyStatementJson, renderPolicy, toPolicyJson } from './private/policy-document';
import { StackContext } from './private/stack-context';
import { PropValidator } from './private/validation';

/** Server-side encryption for a bucket's objects. Values are S3's header values. */
export enum BucketEncryption {
  /** SSE-KMS with a customer-managed key (`aws:kms`). */
  KMS = 'aws:kms',
  /** Dual-layer SSE-KMS (`aws:kms:dsse`), for workloads that require two layers. */
  DSSE_KMS = 'aws:kms:dsse',
  /** SSE-S3 with keys S3 manages (`AES256`). Required for server access log targets. */
  S3_MANAGED = 'AES256',
}

/**
 * How the bucket policy treats the encryption headers of requests that set an object's
 * encryption: uploads and copies, re-keying in place (`UpdateObjectEncryption`) and
 * replicas written into the bucket.
 */
export enum EncryptionEnforcement {
  /**
   * Uploads without encryption headers are accepted and get the bucket's default
   * encryption; uploads whose headers ask for anything else are denied.
   */
  DENY_MISMATCHED_HEADERS = 'DENY_MISMATCHED_HEADERS',
  /**
   * Every upload and re-keying must carry the bucket's encryption header (and, when the
   * key is pinned, the key id header), or it is denied. Clients and AWS services that
   * rely on default encryption will fail. Replicas, written by S3, are denied only for
   * headers that are present and wrong.
   */
  REQUIRE_HEADERS = 'REQUIRE_HEADERS',
  /** No encryption statements in the bucket policy. */
  NONE = 'NONE',
}

/** Who owns objects that other accounts upload. */
export enum ObjectOwnership {
  /** The bucket owner owns every object and ACLs are disabled. */
  BUCKET_OWNER_ENFORCED = 'BucketOwnerEnforced',
  /** The bucket owner owns objects uploaded with the `bucket-owner-full-control` ACL. */
  BUCKET_OWNER_PREFERRED = 'BucketOwnerPreferred',
  /** The uploading account owns the object. */
  OBJECT_WRITER = 'ObjectWriter',
}

/** The four S3 Block Public Access settings. */
export interface BlockPublicAccessOptions {
  /**
   * Reject requests that set public ACLs.
   * @default true
   */
  readonly blockPublicAcls?: boolean;
  /**
   * Reject bucket policies that grant public access.
   * @default true
   */
  readonly blockPublicPolicy?: boolean;
  /**
   * Ignore public ACLs on the bucket and its objects.
   * @default true
   */
  readonly ignorePublicAcls?: boolean;
  /**
   * Restrict access to a bucket with a public policy to AWS services and the owner.
   * @default true
   */
  readonly restrictPublicBuckets?: boolean;
}

/** Where a bucket delivers its S3 server access logs. Give exactly one target. */
export interface ServerAccessLogsOptions {
  /**
   * A bucket of this library to deliver logs into. It must use `S3_MANAGED` encryption
   * (S3 does not deliver logs into SSE-KMS buckets) and must not require encryption
   * headers; its policy is extended to let S3 log delivery write for this bucket only.
   *
   * @default - use `targetBucketName`
   */
  readonly targetBucket?: EncryptedBucket;

  /**
   * The name of a bucket managed elsewhere to deliver logs into. Its policy must allow
   * `logging.s3.amazonaws.com` to write (see `EncryptedBucket.allowServerAccessLogsFrom`).
   *
   * @default - use `targetBucket`
   */
  readonly targetBucketName?: string;

  /**
   * Key prefix for the log objects.
   *
   * @default - this bucket's name followed by "/"
   */
  readonly prefix?: string;
}

/** Properties of an {@link EncryptedBucket}. */
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
}

/**
 * An S3 bucket whose encryption, key pinning, HTTPS-only access, public-access block
 * and object ownership are right by default, each an option.
 *
 * By default: SSE-KMS with a new customer-managed key and an S3 Bucket Key; a policy
 * that denies uploads asking for other encryption or another key, SSE-C uploads,
 * plain HTTP and TLS below 1.2; all public access blocked; ACLs disabled; versioning.
 */
export class EncryptedBucket extends Construct {
  /** The bucket's name. */
  public readonly bucketName: string;
  /** The bucket's ARN. */
  public readonly bucketArn: string;
  /** The bucket's default encryption. */
  public readonly encryption: BucketEncryption;
  /** How the bucket policy checks uploads' encryption headers. */
  public readonly encryptionEnforcement: EncryptionEnforcement;
  /** The KMS key objects are encrypted with; undefined for `S3_MANAGED`. */
  public readonly encryptionKey?: IEncryptionKey;

  /** The underlying `aws_s3_bucket`, for settings this construct does not expose. */
  public readonly s3Bucket: S3Bucket;
  /** The underlying default-encryption configuration. */
  public readonly encryptionConfiguration: S3BucketServerSideEncryptionConfigurationA;
  /** The underlying public access block. */
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** The underlying ownership controls. */
  public readonly ownershipControls: S3BucketOwnershipControls;
  /** The underlying versioning configuration; undefined when versioning is off. */
  public readonly versioning?: S3BucketVersioningA;
  /** The underlying lifecycle configuration. */
  public readonly lifecycleConfiguration: S3BucketLifecycleConfiguration;
  /** The underlying access-logging configuration; undefined without access logs. */
  public readonly logging?: S3BucketLoggingA;
  /** The underlying bucket policy. */
  public readonly bucketPolicy: S3BucketPolicy;

  private readonly policySettings: Omit<BucketPolicySettings, 'additionalStatements' | 'logSources'>;
  private readonly additionalStatements: PolicyStatementJson[] = [];
  private readonly logSources: LogSource[] = [];
  /** The rendered policy; cdktf resolves it more than once per synth. Reset on changes. */
  private renderedPolicy?: string;
  private readonly validator: PropValidator;

  constructor(scope: Construct, id: string, props: EncryptedBucketProps = {}) {
    super(scope, id);
    this.validator = new PropValidator(this, 'EncryptedBucket');
    const settings = validateProps(this.validator, props);
    this.encryption = settings.encryption;
    this.encryptionEnforcement = settings.enforcement;

    if (settings.encryption !== BucketEncryption.S3_MANAGED) {
      this.encryptionKey = props.encryptionKey ?? new ManagedCmk(this, 'Key', {
        alias: this.defaultKeyAlias(),
        description: `Encrypts the objects of the S3 bucket ${this.node.path}.`,
        dangerouslyAllowKeyDestroy: props.dangerouslyAllowKeyDestroy,
        tags: props.tags,
      });
    }

    this.s3Bucket = new S3Bucket(this, 'Bucket', {
      bucket: props.bucketName,
      bucketPrefix: props.bucketPrefix,
      forceDestroy: props.forceDestroy ?? false,
      tags: props.tags,
      // Terraform destroys in reverse dependency order: the bucket (and a failed,
      // non-empty bucket delete) comes before the key its objects need.
      dependsOn: this.encryptionKey instanceof ManagedCmk ? [this.encryptionKey.kmsKey] : undefined,
    });
    this.bucketName = this.s3Bucket.bucket;
    this.bucketArn = this.s3Bucket.arn;

    this.encryptionConfiguration = new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.s3Bucket.id,
      rule: [{
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: settings.encryption,
          kmsMasterKeyId: this.encryptionKey?.keyArn,
        },
        bucketKeyEnabled: settings.bucketKeyEnabled,
      }],
    });

    const publicAccess = props.blockPublicAccess ?? {};
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.s3Bucket.id,
      blockPublicAcls: publicAccess.blockPublicAcls ?? true,
      blockPublicPolicy: publicAccess.blockPublicPolicy ?? true,
      ignorePublicAcls: publicAccess.ignorePublicAcls ?? true,
      restrictPublicBuckets: publicAccess.restrictPublicBuckets ?? true,
    });

    this.ownershipControls = new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: this.s3Bucket.id,
      rule: { objectOwnership: props.objectOwnership ?? ObjectOwnership.BUCKET_OWNER_ENFORCED },
    });

    if (settings.versioned) {
      this.versioning = new S3BucketVersioningA(this, 'Versioning', {
        bucket: this.s3Bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }

    this.lifecycleConfiguration = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.s3Bucket.id,
      rule: lifecycleRules(props),
      // Lifecycle rules on noncurrent versions need versioning in place first.
      dependsOn: this.versioning ? [this.versioning] : undefined,
    });

    if (props.serverAccessLogs) {
      this.logging = this.configureAccessLogs(props.serverAccessLogs);
    }

    this.policySettings = {
      bucketArn: this.bucketArn,
      algorithm: settings.encryption,
      enforcement: settings.enforcement,
      pinnedKeyArn: settings.pinEncryptionKey ? this.encryptionKey?.keyArn : undefined,
      denySseC: props.denySseC ?? true,
      enforceHttps: settings.enforceHttps,
      minimumTlsVersion: settings.minimumTlsVersion,
    };
    (props.policyStatements ?? []).forEach((statement, i) => this.addStatement(statement, `policyStatements[${i}]`));
    this.bucketPolicy = new S3BucketPolicy(this, 'Policy', {
      bucket: this.s3Bucket.id,
      // Rendered at synth time, so statements added later are part of the one policy.
      policy: Lazy.stringValue({ produce: () => (this.renderedPolicy ??= this.renderBucketPolicy()) }),
      // S3 rejects a policy written while the public access block is changing
      // ("conflicting conditional operation", terraform-provider-aws issue 7628).
      dependsOn: [this.publicAccessBlock],
    });
  }

  /**
   * Adds a statement to the bucket policy.
   *
   * @param statement the statement, in the `aws_iam_policy_document` statement shape
   */
  public addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.addStatement(statement, 'addToResourcePolicy');
  }

  /** Adds a user statement, refusing it where it was written if its Sid is taken. */
  private addStatement(statement: DataAwsIamPolicyDocumentStatement, option: string): void {
    const json = this.statementJson(statement, option);
    if (json.Sid !== undefined && this.policyStatements().some((existing) => existing.Sid === json.Sid)) {
      this.validator.fail(option, 'must use a Sid that is not already in the bucket policy', json.Sid);
    }
    this.additionalStatements.push(json);
    this.renderedPolicy = undefined;
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
    const problem = this.logTargetProblem();
    if (problem) this.validator.fail(problem.option, problem.requirement, problem.value);
    validateLogPrefix(this.validator, 'prefix', prefix);
    this.addLogSource(sourceBucketArn, prefix, sourceAccountId ?? StackContext.of(this).accountId);
  }

  private addLogSource(bucketArn: string, prefix: string, accountId: string): void {
    this.logSources.push({ bucketArn, prefix, accountId });
    this.renderedPolicy = undefined;
  }

  /** Why S3 could not deliver server access logs into this bucket, if it could not. */
  private logTargetProblem(): { option: string; requirement: string; value: string } | undefined {
    if (this.encryption !== BucketEncryption.S3_MANAGED) {
      return {
        option: 'encryption',
        requirement: 'must be S3_MANAGED for a bucket that receives server access logs: S3 does not deliver logs into SSE-KMS buckets',
        value: encryptionName(this.encryption),
      };
    }
    if (this.encryptionEnforcement === EncryptionEnforcement.REQUIRE_HEADERS) {
      return {
        option: 'encryptionEnforcement',
        requirement: 'must not be REQUIRE_HEADERS for a bucket that receives server access logs: log delivery sends no encryption headers',
        value: this.encryptionEnforcement,
      };
    }
    return undefined;
  }

  /**
   * Lets `role` read objects, and decrypt them with the bucket's key.
   *
   * @param role the IAM role that receives an inline policy
   */
  public grantRead(role: IamRole): IamRolePolicy {
    return this.grant('Read', role, READ_ACTIONS, KMS_READ_ACTIONS);
  }

  /**
   * Lets `role` write and delete objects, and encrypt them with the bucket's key.
   *
   * @param role the IAM role that receives an inline policy
   */
  public grantWrite(role: IamRole): IamRolePolicy {
    return this.grant('Write', role, WRITE_ACTIONS, KEY_USER_ACTIONS);
  }

  /**
   * Lets `role` read, write and delete objects, with the KMS use that needs.
   *
   * @param role the IAM role that receives an inline policy
   */
  public grantReadWrite(role: IamRole): IamRolePolicy {
    return this.grant('ReadWrite', role, [...READ_ACTIONS, ...WRITE_ACTIONS], KEY_USER_ACTIONS);
  }

  private grant(name: string, role: IamRole, s3Actions: string[], kmsActions: string[]): IamRolePolicy {
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
    if (this.encryptionKey) {
      statements.push({ Effect: 'Allow', Action: kmsActions, Resource: [this.encryptionKey.keyArn] });
    }
    return attachRolePolicy(this, name, role, statements);
  }

  private configureAccessLogs(options: ServerAccessLogsOptions): S3BucketLoggingA {
    const { targetBucket, targetBucketName } = options;
    if ((targetBucket === undefined) === (targetBucketName === undefined)) {
      this.validator.fail('serverAccessLogs', 'must give exactly one of targetBucket and targetBucketName');
    }
    if (targetBucket === this) {
      this.validator.fail('serverAccessLogs.targetBucket', 'must be another bucket: a bucket logging into itself logs its own log deliveries');
    }
    if (targetBucket && TerraformStack.of(targetBucket) !== TerraformStack.of(this)) {
      // Each bucket would reference the other across stacks, which cdktf cannot order.
      this.validator.fail(
        'serverAccessLogs.targetBucket',
        'must be in the same stack; for a target in another stack, give targetBucketName and call allowServerAccessLogsFrom on the target',
        targetBucket.node.path,
      );
    }
    const targetProblem = targetBucket?.logTargetProblem();
    if (targetProblem) {
      // Name the source too: a target may receive logs from many buckets.
      this.validator.fail(
        'serverAccessLogs.targetBucket',
        `cannot receive this bucket's logs: its ${targetProblem.option} ${targetProblem.requirement}`,
        targetBucket!.node.path,
      );
    }
    validateBucketName(this.validator, targetBucketName, 'serverAccessLogs.targetBucketName');
    validateLogPrefix(this.validator, 'serverAccessLogs.prefix', options.prefix);
    const prefix = options.prefix ?? `${this.bucketName}/`;
    targetBucket?.addLogSource(this.bucketArn, prefix, StackContext.of(this).accountId);
    return new S3BucketLoggingA(this, 'Logging', {
      bucket: this.s3Bucket.id,
      targetBucket: targetBucket?.bucketName ?? targetBucketName!,
      targetPrefix: prefix,
      // Deliveries start once the target's policy lets them in.
      dependsOn: targetBucket ? [targetBucket.bucketPolicy] : undefined,
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
    const suffix = `-${this.node.addr.slice(0, 8)}`;
    if (alias.length > 240) return `${alias.slice(0, 230)}${suffix}`;
    return alias === path ? alias : `${alias}${suffix}`;
  }

  private statementJson(statement: DataAwsIamPolicyDocumentStatement, option: string): PolicyStatementJson {
    return toPolicyJson(statement, (requirement, value) => this.validator.fail(option, requirement, value));
  }

  private renderBucketPolicy(): string {
    const statements = this.policyStatements();
    const [duplicate] = duplicateSids(statements);
    if (duplicate) {
      this.validator.fail('policyStatements', 'must use Sids that are unique in the bucket policy', duplicate);
    }
    return renderPolicy(statements);
  }

  private policyStatements(): PolicyStatementJson[] {
    return bucketPolicyStatements({
      ...this.policySettings,
      logSources: this.logSources,
      additionalStatements: this.additionalStatements,
    });
  }
}

const READ_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
const WRITE_ACTIONS = ['s3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:PutObjectTagging', 's3:PutObjectVersionTagging', 's3:Abort*', 's3:DeleteObject*'];
const TLS_VERSIONS = [1.0, 1.1, 1.2, 1.3];

/** Props checked and defaults applied. */
interface BucketSettings {
  readonly encryption: BucketEncryption;
  readonly enforcement: EncryptionEnforcement;
  readonly bucketKeyEnabled: boolean;
  readonly pinEncryptionKey: boolean;
  readonly enforceHttps: boolean;
  readonly minimumTlsVersion?: number;
  readonly versioned: boolean;
}

function validateProps(v: PropValidator, props: EncryptedBucketProps): BucketSettings {
  if (props.bucketName !== undefined && props.bucketPrefix !== undefined) {
    v.fail('bucketPrefix', 'cannot be set together with bucketName', props.bucketPrefix);
  }
  validateBucketName(v, props.bucketName);
  validateBucketPrefix(v, props.bucketPrefix);

  const encryption = props.encryption ?? BucketEncryption.KMS;
  v.oneOf('encryption', encryption, Object.values(BucketEncryption));
  const usesKms = encryption !== BucketEncryption.S3_MANAGED;
  if (props.encryptionKey !== undefined) {
    v.notWith('dangerouslyAllowKeyDestroy', props.dangerouslyAllowKeyDestroy, 'with an encryptionKey, which this bucket does not own: set it on that key');
  }
  if (!usesKms) {
    v.notWith('dangerouslyAllowKeyDestroy', props.dangerouslyAllowKeyDestroy, 'with S3_MANAGED encryption, which uses no KMS key');
    v.notWith('encryptionKey', props.encryptionKey && props.encryptionKey.node.path, 'with S3_MANAGED encryption, which uses no KMS key');
    v.notWith('pinEncryptionKey', props.pinEncryptionKey, 'with S3_MANAGED encryption, which uses no KMS key');
  }
  if (encryption !== BucketEncryption.KMS && props.bucketKeyEnabled === true) {
    v.fail('bucketKeyEnabled', `must not be true with ${encryptionName(encryption)} encryption: S3 supports bucket keys with SSE-KMS only`, true);
  }

  const enforcement = props.encryptionEnforcement ?? EncryptionEnforcement.DENY_MISMATCHED_HEADERS;
  v.oneOf('encryptionEnforcement', enforcement, Object.values(EncryptionEnforcement));
  if (enforcement === EncryptionEnforcement.NONE && props.pinEncryptionKey === true) {
    v.fail('pinEncryptionKey', 'cannot be true with encryptionEnforcement NONE, which adds no encryption statements to pin with', true);
  }
  v.oneOf('objectOwnership', props.objectOwnership, Object.values(ObjectOwnership));

  const enforceHttps = props.enforceHttps ?? true;
  if (!enforceHttps) {
    v.notWith('minimumTlsVersion', props.minimumTlsVersion, 'when enforceHttps is false');
  }
  v.oneOf('minimumTlsVersion', props.minimumTlsVersion, TLS_VERSIONS);
  const minimumTlsVersion = enforceHttps ? props.minimumTlsVersion ?? 1.2 : undefined;

  const versioned = props.versioned ?? true;
  v.integerInRange('abortIncompleteMultipartUploadAfterDays', props.abortIncompleteMultipartUploadAfterDays, 1, 36500);
  v.integerInRange('noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays, 1, 36500);
  if (!versioned) {
    v.notWith('noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays, 'when versioned is false');
  }

  return {
    encryption,
    enforcement,
    bucketKeyEnabled: props.bucketKeyEnabled ?? encryption === BucketEncryption.KMS,
    pinEncryptionKey: usesKms && (props.pinEncryptionKey ?? true),
    enforceHttps,
    // 1.0 is the lowest version there is: nothing to deny.
    minimumTlsVersion: minimumTlsVersion === 1.0 ? undefined : minimumTlsVersion,
    versioned,
  };
}

function encryptionName(encryption: BucketEncryption): string {
  const name = Object.entries(BucketEncryption).find(([, value]) => value === encryption)?.[0];
  return name ?? String(encryption);
}

function lifecycleRules(props: EncryptedBucketProps): S3BucketLifecycleConfigurationRule[] {
  const rules: S3BucketLifecycleConfigurationRule[] = [{
    id: 'abort-incomplete-multipart-uploads',
    status: 'Enabled',
    filter: [{ prefix: '' }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: props.abortIncompleteMultipartUploadAfterDays ?? 7 }],
  }];
  if (props.noncurrentVersionExpirationDays !== undefined) {
    rules.push({
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays }],
    });
  }
  return rules;
}
