import type { DataAwsIamGroup } from '@cdktf/provider-aws/lib/data-aws-iam-group';
import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { DataAwsIamUser } from '@cdktf/provider-aws/lib/data-aws-iam-user';
import type { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsReplicaKey } from '@cdktf/provider-aws/lib/kms-replica-key';
import { TerraformProvider, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { guardCheckPlacement } from './compliance/private/placement';
import { IEncryptionKey } from './encryption-key';
import type { ManagedCmk } from './managed-cmk';
import type { ManagedCmkReplicaProps } from './managed-cmk-replica-props';
import { attachIdentityPolicy, grantSid, keyStatement } from './private/grants';
import { addKeyAlias, AliasTarget, claimAlias } from './private/key-alias';
import { KEY_POLICY_SIDS, keyPolicyStatements, viaS3GrantStatement } from './private/key-policy';
import { keyReplicaSettings } from './private/key-replica-settings';
import { keyPolicySettings } from './private/key-settings';
import { KEY_USER_ACTIONS } from './private/perms';
import { PolicyBuilder } from './private/policy-builder';
import { checkReplicaPlacement } from './private/regions';
import { StackContext } from './private/stack-context';
import { PropValidator } from './private/validation';

/**
 * The replica of a multi-Region `ManagedCmk` in another region (`aws_kms_replica_key`),
 * with an alias and a key policy built by the primary's rules for the replica's region.
 *
 * It shares the primary's key material and rotation: what one encrypts, the other
 * decrypts. Kept from deletion as the primary is, and usable as the `encryptionKey` of a
 * bucket in its region, or as a replication rule's `replicaKey`.
 */
export class ManagedCmkReplica extends Construct implements IEncryptionKey {
  /** The replica's ARN (its region's; its key id is the primary's). */
  public readonly keyArn: string;
  /** The alias, `alias/<name>`. */
  public readonly aliasName: string;
  /** The underlying `aws_kms_replica_key`, for settings this construct does not expose. */
  public readonly kmsKey: KmsReplicaKey;
  /** The underlying `aws_kms_alias`. */
  public readonly kmsAlias: KmsAlias;
  /** The primary key. */
  public readonly primaryKey: ManagedCmk;
  /** Whether IAM policies can give use of the replica: the primary's `enableIamPolicies`. */
  public readonly iamPoliciesEnabled: boolean;
  /** The provider the replica is created with: its region. */
  public readonly provider: TerraformProvider;

  private readonly validator: PropValidator;
  private readonly policy: PolicyBuilder;
  private readonly aliasTarget: AliasTarget;

  /**
   * @param scope the construct the replica belongs to, inside a `TerraformStack`
   * @param id the replica's construct id, unique within `scope`
   * @param props the primary key, the replica's provider and options
   */
  constructor(scope: Construct, id: string, props: ManagedCmkReplicaProps) {
    super(scope, id);
    this.validator = new PropValidator(this, 'ManagedCmkReplica');
    guardCheckPlacement(this);
    const settings = keyReplicaSettings(this.validator, props, props.primaryKey._settings);
    checkReplicaPlacement(this.validator, this, props.provider, props.primaryKey);
    claimAlias(this.validator, this, settings.aliasName, props.provider, 'alias', 'ManagedCmkReplica');
    this.primaryKey = props.primaryKey;
    this.provider = props.provider;
    this.iamPoliciesEnabled = settings.enableIamPolicies;
    const context = StackContext.of(this, this.provider);

    this.policy = new PolicyBuilder(this.validator, 'key', keyPolicyStatements(keyPolicySettings(settings, context)), Object.values(KEY_POLICY_SIDS));
    settings.policyStatements.forEach((statement, i) => this.policy.addStatement(statement, `policyStatements[${i}]`));

    this.kmsKey = new KmsReplicaKey(this, 'Key', {
      provider: this.provider,
      primaryKeyArn: props.primaryKey.keyArn,
      description: settings.description ?? `Multi-Region replica of ${props.primaryKey.node.path}, for ${this.node.path}, created by cdktf-encrypted-s3.`,
      deletionWindowInDays: settings.deletionWindowInDays,
      // As ManagedCmk: prevent_destroy at plan, the key policy's DenyKeyDeletion at apply;
      // a replica someone disabled is not enabled again unless `enabled` says so.
      lifecycle: {
        preventDestroy: !settings.allowDestroy,
        ignoreChanges: settings.enabled === undefined ? ['enabled'] : undefined,
      },
      enabled: settings.enabled,
      policy: this.policy.render(),
      tags: settings.tags,
    });
    const kmsKey = this.kmsKey;
    this.policy.onChange((document) => { kmsKey.policy = document; });
    this.kmsAlias = new KmsAlias(this, 'Alias', {
      provider: this.provider,
      name: settings.aliasName,
      targetKeyId: this.kmsKey.keyId,
    });
    this.aliasTarget = { scope: this, validator: this.validator, kind: 'ManagedCmkReplica', provider: this.provider, targetKeyId: this.kmsKey.keyId };
    settings.additionalAliasNames.forEach((alias, i) => addKeyAlias(this.aliasTarget, `additionalAliases[${i}]`, alias));

    this.keyArn = this.kmsKey.arn;
    this.aliasName = settings.aliasName;
  }

  /** The replica's key id: the primary's (`mrk-...`). */
  public get keyId(): string {
    return this.kmsKey.keyId;
  }

  /** The alias's ARN. */
  public get aliasArn(): string {
    return this.kmsAlias.arn;
  }

  /**
   * Adds a further alias, as `additionalAliases` does.
   *
   * @param alias a literal `name` or `alias/name`
   * @returns the alias's `aws_kms_alias`
   */
  public addAlias(alias: string): KmsAlias {
    return addKeyAlias(this.aliasTarget, 'addAlias', alias);
  }

  /**
   * Adds a statement to the replica's key policy, as `ManagedCmk.addToResourcePolicy`
   * does to the primary's.
   *
   * @param statement the statement, in the `aws_iam_policy_document` statement shape
   */
  public addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.policy.addStatement(statement, 'addToResourcePolicy');
  }

  /**
   * Lets `grantee` encrypt and decrypt with the replica (the key-user actions on its
   * ARN), through an inline policy of its kind, as `ManagedCmk.grantEncryptDecrypt`. A
   * grant on the primary does not cover the replica: they have different ARNs.
   *
   * @param grantee an IAM role, user or group the stack creates (`IamRole`, `IamUser`,
   * `IamGroup`) or reads (`DataAwsIamRole`, `DataAwsIamUser`, `DataAwsIamGroup`)
   */
  public grantEncryptDecrypt(grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup): TerraformResource {
    if (!this.iamPoliciesEnabled) {
      this.validator.fail(
        'primaryKey',
        'must have enableIamPolicies true for grantEncryptDecrypt, which works through an IAM policy; name the role in the primary\'s keyUserArns instead',
        false,
      );
    }
    return attachIdentityPolicy(this, 'EncryptDecrypt', grantee, [keyStatement(this.keyArn, KEY_USER_ACTIONS)]);
  }

  /**
   * What `EncryptedBucket`'s grants to a principal add to the key policy, as
   * `ManagedCmk._grantViaS3`, with the S3 of the replica's region.
   *
   * @internal
   */
  public _grantViaS3(grant: string, principalArn: string, bucket: string, actions: string[], bucketArnPatterns?: string[]): void {
    const context = StackContext.of(this, this.provider);
    this.policy.addOnce(viaS3GrantStatement({
      sid: grantSid(`S3${grant}`, principalArn, bucket),
      principalArn,
      actions,
      viaService: context.s3ServiceName,
      bucketArnPatterns,
    }), `grant${grant}ToPrincipal`);
  }
}
