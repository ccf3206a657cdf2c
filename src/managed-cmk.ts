import type { DataAwsIamGroup } from '@cdktf/provider-aws/lib/data-aws-iam-group';
import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
import type { DataAwsIamUser } from '@cdktf/provider-aws/lib/data-aws-iam-user';
import type { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { TerraformProvider, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { guardCheckPlacement } from './compliance/private/placement';
import { IEncryptionKey } from './encryption-key';
import type { ManagedCmkProps } from './managed-cmk-props';
import { claimKeyAdoption } from './private/adoption';
import { actionsDigest, attachIdentityPolicy, GrantIdentity, grantSid, keyStatement, managementActionIn } from './private/grants';
import { ImportedKey } from './private/imported-key';
import { addKeyAlias, AliasTarget, claimAlias } from './private/key-alias';
import { KEY_POLICY_SIDS, keyPolicyStatements, viaS3GrantStatement } from './private/key-policy';
import { KeySettings, keyPolicySettings, keySettings } from './private/key-settings';
import { KEY_ENCRYPT_ACTIONS, KEY_USER_ACTIONS, KMS_READ_ACTIONS } from './private/perms';
import { PolicyBuilder } from './private/policy-builder';
import { keyResourceName, nameResource, reservedResourceName } from './private/resource-names';
import { StackContext } from './private/stack-context';
import { PropValidator } from './private/validation';

/**
 * A symmetric customer-managed KMS key (`ENCRYPT_DECRYPT`, key material from KMS) with
 * an alias and a least-privilege key policy that cannot lock its owner out.
 *
 * Safe by default: rotation on, a 30-day deletion window, single-Region.
 */
export class ManagedCmk extends Construct implements IEncryptionKey {
  /**
   * A key created elsewhere, by its ARN, for use wherever a key is accepted.
   *
   * Must be the key ARN, not an alias ARN or a key id: S3's key-id condition only
   * ever matches the key ARN.
   *
   * @param scope the scope of the imported key
   * @param id the construct id of the imported key
   * @param keyArn the key's ARN, `arn:aws:kms:<region>:<account>:key/<key id>`
   */
  public static fromKeyArn(scope: Construct, id: string, keyArn: string): IEncryptionKey {
    return new ImportedKey(scope, id, keyArn);
  }

  /** The key's ARN. */
  public readonly keyArn: string;
  /** The alias, `alias/<name>`. */
  public readonly aliasName: string;
  /** The underlying `aws_kms_key`, for settings this construct does not expose. */
  public readonly kmsKey: KmsKey;
  /** The underlying `aws_kms_alias`. */
  public readonly kmsAlias: KmsAlias;
  /** Whether IAM policies (and so the grant methods) can give use of the key. */
  public readonly iamPoliciesEnabled: boolean;
  /** The provider the key is created with (undefined: the stack's default). */
  public readonly provider?: TerraformProvider;
  /** Whether the key existed before this stack and is imported (`adopt`). */
  public readonly adopted: boolean;
  /** The id of the key this construct adopts (`adopt.keyId`); undefined for a key it creates. */
  public readonly adoptedKeyId?: string;
  /**
   * The key's props, checked, with every default applied: what a `ManagedCmkReplica`
   * builds its own key policy from.
   *
   * @internal
   */
  public readonly _settings: KeySettings;

  private readonly validator: PropValidator;
  private readonly policy: PolicyBuilder;
  private readonly aliasTarget: AliasTarget;

  /**
   * @param scope the construct the key belongs to, inside a `TerraformStack`
   * @param id the key's construct id, unique within `scope`
   * @param props the key's alias and options
   */
  constructor(scope: Construct, id: string, props: ManagedCmkProps) {
    super(scope, id);
    this.validator = new PropValidator(this, 'ManagedCmk');
    guardCheckPlacement(this);
    const settings = keySettings(this.validator, props);
    this._settings = settings;
    // The key before its alias: a key adopted twice is that, not an alias clash.
    if (settings.adoption) claimKeyAdoption(this.validator, this, settings.adoption.keyId);
    claimAlias(this.validator, this, settings.aliasName, props.provider);
    this.provider = props.provider;
    const context = StackContext.of(this, this.provider);
    this.iamPoliciesEnabled = settings.enableIamPolicies;
    this.adopted = settings.adoption !== undefined;
    this.adoptedKeyId = settings.adoption?.keyId;

    this.policy = new PolicyBuilder(this.validator, 'key', keyPolicyStatements(keyPolicySettings(settings, context)), Object.values(KEY_POLICY_SIDS));
    settings.policyStatements.forEach((statement, i) => this.policy.addStatement(statement, `policyStatements[${i}]`));

    this.kmsKey = new KmsKey(this, 'Key', {
      provider: this.provider,
      description: settings.description ?? `Customer-managed key for ${this.node.path}, created by cdktf-encrypted-s3.`,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      deletionWindowInDays: settings.deletionWindowInDays,
      // Objects outlive a key only as long as its deletion window: make destroying it a
      // choice. prevent_destroy stops destroy and replacement at plan; the key policy's
      // DenyKeyDeletion stops the rest (a rename, a removed construct) at apply.
      lifecycle: {
        preventDestroy: !settings.allowDestroy,
        // Unset, a key someone disabled (retiring it, or after a suspected compromise)
        // must not be enabled again by the next deploy.
        ignoreChanges: settings.enabled === undefined ? ['is_enabled'] : undefined,
      },
      isEnabled: settings.enabled,
      enableKeyRotation: settings.enableKeyRotation,
      rotationPeriodInDays: settings.rotationPeriodInDays,
      multiRegion: settings.multiRegion,
      policy: this.policy.render(),
      tags: settings.tags,
    });
    // An adopted key's resources are named by its id; a bucket's own key by the bucket's
    // name. Before the alias refers to the key: a reference fixes the name it renders with.
    const resourceName = settings.adoption ? keyResourceName(settings.adoption.keyId) : reservedResourceName(this);
    nameResource(this.kmsKey, resourceName, this.adopted);
    // Statements added later (addToResourcePolicy) join the one policy.
    const kmsKey = this.kmsKey;
    this.policy.onChange((document) => { kmsKey.policy = document; });
    this.kmsAlias = new KmsAlias(this, 'Alias', {
      provider: this.provider,
      name: settings.aliasName,
      targetKeyId: this.kmsKey.keyId,
    });
    nameResource(this.kmsAlias, resourceName, this.adopted);
    if (settings.adoption) {
      this.kmsKey.importFrom(settings.adoption.keyId, this.provider);
      if (settings.adoption.importAlias) this.kmsAlias.importFrom(settings.aliasName, this.provider);
    }
    this.aliasTarget = {
      scope: this, validator: this.validator, kind: 'ManagedCmk', provider: this.provider, targetKeyId: this.kmsKey.keyId, resourceName,
    };
    settings.additionalAliasNames.forEach((alias, i) => addKeyAlias(this.aliasTarget, `additionalAliases[${i}]`, alias));

    this.keyArn = this.kmsKey.arn;
    this.aliasName = settings.aliasName;
  }

  // Read on demand: each attribute reference costs cdktf a token and a stack trace.

  /** The key's id. */
  public get keyId(): string {
    return this.kmsKey.keyId;
  }

  /** The alias's ARN. */
  public get aliasArn(): string {
    return this.kmsAlias.arn;
  }

  /**
   * Adds a further alias, as `additionalAliases` does: checked as `alias` is, unique on
   * the key's provider, and its own `aws_kms_alias`.
   *
   * @param alias a literal `name` or `alias/name`
   * @returns the alias's `aws_kms_alias`
   */
  public addAlias(alias: string): KmsAlias {
    return addKeyAlias(this.aliasTarget, 'addAlias', alias);
  }

  /**
   * Adds a statement to the key policy. A statement without resources gets `"*"` (the
   * key itself, as KMS requires); an Allow to everyone needs a condition that limits
   * the caller.
   *
   * @param statement the statement, in the `aws_iam_policy_document` statement shape
   */
  public addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.policy.addStatement(statement, 'addToResourcePolicy');
  }

  /**
   * Lets `grantee` encrypt and decrypt with this key (the key-user actions), through an
   * inline policy of its kind (`aws_iam_role_policy`, `aws_iam_user_policy` or
   * `aws_iam_group_policy`). Granting it again to the same grantee returns that policy.
   *
   * @param grantee an IAM role, user or group the stack creates (`IamRole`, `IamUser`,
   * `IamGroup`) or reads (`DataAwsIamRole`, `DataAwsIamUser`, `DataAwsIamGroup`)
   */
  public grantEncryptDecrypt(grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup): TerraformResource {
    return this.grantKey('grantEncryptDecrypt', 'EncryptDecrypt', grantee, KEY_USER_ACTIONS);
  }

  /**
   * Lets `grantee` encrypt with this key: Encrypt, ReEncrypt*, GenerateDataKey* and
   * DescribeKey.
   *
   * @param grantee an IAM role, user or group the stack creates (`IamRole`, `IamUser`,
   * `IamGroup`) or reads (`DataAwsIamRole`, `DataAwsIamUser`, `DataAwsIamGroup`)
   */
  public grantEncrypt(grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup): TerraformResource {
    return this.grantKey('grantEncrypt', 'Encrypt', grantee, KEY_ENCRYPT_ACTIONS);
  }

  /**
   * Lets `grantee` decrypt with this key: Decrypt and DescribeKey.
   *
   * @param grantee an IAM role, user or group the stack creates (`IamRole`, `IamUser`,
   * `IamGroup`) or reads (`DataAwsIamRole`, `DataAwsIamUser`, `DataAwsIamGroup`)
   */
  public grantDecrypt(grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup): TerraformResource {
    return this.grantKey('grantDecrypt', 'Decrypt', grantee, KMS_READ_ACTIONS);
  }

  /**
   * Lets `grantee` call the given KMS actions on this key. Actions that would let it
   * manage the key (its policy, grants, aliases, rotation, state or deletion) are
   * refused: name such principals in `keyAdministratorArns`.
   *
   * @param grantee an IAM role, user or group the stack creates (`IamRole`, `IamUser`,
   * `IamGroup`) or reads (`DataAwsIamRole`, `DataAwsIamUser`, `DataAwsIamGroup`)
   * @param actions KMS actions, e.g. `kms:Decrypt`; IAM wildcards allowed
   */
  public grant(grantee: IamRole | DataAwsIamRole | IamUser | DataAwsIamUser | IamGroup | DataAwsIamGroup, ...actions: string[]): TerraformResource {
    if (actions.length === 0) this.validator.fail('actions', 'must name at least one KMS action, such as kms:Decrypt');
    const other = actions.find((action) => !Token.isUnresolved(action) && !/^kms:[A-Za-z*?]+$/.test(action));
    if (other !== undefined) this.validator.fail('actions', 'must be KMS actions such as kms:Decrypt (the grant is on this key)', other);
    const managing = managementActionIn(actions);
    if (managing !== undefined) {
      this.validator.fail('actions', 'must not include actions that manage the key (policy, grants, aliases, rotation, state, deletion); name administrators in keyAdministratorArns', managing);
    }
    return this.grantKey('grant', `Grant${actionsDigest(actions)}`, grantee, actions);
  }

  /**
   * Lets `principalArn` (an account or a role) use the key in requests S3 makes for it,
   * for the objects of the bucket `bucket` names (by construct, for the Sid), matched by
   * `bucketArnPatterns` where known: what `EncryptedBucket`'s grants to a principal add
   * to the key policy. The same grant again changes nothing.
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

  private grantKey(method: string, name: string, grantee: GrantIdentity, actions: string[]): TerraformResource {
    if (!this.iamPoliciesEnabled) {
      this.validator.fail(
        'enableIamPolicies',
        `must be true for ${method}, which works through an IAM policy; name the role in keyUserArns instead`,
        false,
      );
    }
    return attachIdentityPolicy(this, name, grantee, [keyStatement(this.keyArn, actions)]);
  }
}
