import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Token } from 'cdktf';
import { KeyAdoptionSettings, keyAdoption } from './adoption';
import { additionalAliasNames, normalizedAlias } from './key-alias';
import type { KeyPolicySettings } from './key-policy';
import type { StackContext } from './stack-context';
import { PropValidator } from './validation';
import type { ManagedCmkProps } from '../managed-cmk-props';

/** An STS session: it ends, and a key policy that names it then names nobody. */
const SESSION_ARN = /^arn:aws[a-z-]*:sts::\d{12}:(assumed-role|federated-user)\//;

/** A ManagedCmk's props, checked, with every default applied; the constructor reads only this. */
export interface KeySettings {
  readonly aliasName: string;
  /** Further aliases, each `alias/name`; their uniqueness is claimed as each is added. */
  readonly additionalAliasNames: string[];
  readonly description?: string;
  readonly deletionWindowInDays: number;
  /** Whether the key is enabled; undefined: not managed, kept as found. */
  readonly enabled?: boolean;
  readonly allowDestroy: boolean;
  readonly enableKeyRotation: boolean;
  readonly rotationPeriodInDays?: number;
  readonly multiRegion: boolean;
  readonly administratorArns: string[];
  readonly userArns: string[];
  readonly restrictKeyUsersToS3: boolean;
  readonly enableIamPolicies: boolean;
  readonly policyStatements: DataAwsIamPolicyDocumentStatement[];
  readonly tags?: { [key: string]: string };
  /** The existing key to import, if any. */
  readonly adoption?: KeyAdoptionSettings;
}

/** Checks a ManagedCmk's props, naming the option at fault. */
export function keySettings(v: PropValidator, props: ManagedCmkProps): KeySettings {
  const enableKeyRotation = props.enableKeyRotation ?? true;
  const enableIamPolicies = props.enableIamPolicies ?? true;

  const aliasName = normalizedAlias(v, props.alias);
  const additionalAliases = additionalAliasNames(v, props.additionalAliases);
  const adoption = keyAdoption(v, props.adopt, props);
  v.integerInRange('deletionWindowInDays', props.deletionWindowInDays, 7, 30);
  if (!enableKeyRotation) {
    v.notWith('rotationPeriodInDays', props.rotationPeriodInDays, 'when enableKeyRotation is false');
  }
  v.integerInRange('rotationPeriodInDays', props.rotationPeriodInDays, 90, 2560);
  v.principalArns('keyAdministratorArns', props.keyAdministratorArns);
  if (!enableIamPolicies) {
    const session = (props.keyAdministratorArns ?? []).find((arn) => !Token.isUnresolved(arn) && SESSION_ARN.test(arn));
    if (session !== undefined) {
      v.fail(
        'keyAdministratorArns',
        'must not name a session (arn:aws:sts::...:assumed-role/... or federated-user/...) when enableIamPolicies is false: when the session ends nobody can manage the key; name the role, arn:aws:iam::<account>:role/<name>',
        session,
      );
    }
  }
  v.principalArns('keyUserArns', props.keyUserArns);
  if (props.restrictKeyUsersToS3 && (props.keyUserArns ?? []).length === 0) {
    v.fail('restrictKeyUsersToS3', 'needs keyUserArns: it restricts key users, and there are none', true);
  }
  if (!enableIamPolicies && (props.keyAdministratorArns ?? []).length === 0) {
    v.fail(
      'keyAdministratorArns',
      'must name at least one administrator when enableIamPolicies is false: otherwise nobody could manage the key',
    );
  }
  return {
    aliasName,
    additionalAliasNames: additionalAliases,
    description: props.description,
    deletionWindowInDays: props.deletionWindowInDays ?? 30,
    enabled: props.enabled,
    allowDestroy: props.dangerouslyAllowKeyDestroy ?? false,
    enableKeyRotation,
    rotationPeriodInDays: props.rotationPeriodInDays,
    multiRegion: props.multiRegion ?? false,
    administratorArns: props.keyAdministratorArns ?? [],
    userArns: props.keyUserArns ?? [],
    restrictKeyUsersToS3: props.restrictKeyUsersToS3 ?? false,
    enableIamPolicies,
    policyStatements: props.policyStatements ?? [],
    tags: props.tags,
    adoption,
  };
}

/** What a key policy's own statements are built from: a key's settings, or its primary's for a replica. */
export type KeyPolicyInputs = Pick<KeySettings, 'enableIamPolicies' | 'administratorArns' | 'userArns' | 'restrictKeyUsersToS3' | 'allowDestroy'>;

/**
 * The key policy's settings for a key on the provider of `context`: its account root and
 * its region's S3 are that provider's, so a replica's policy names its own region.
 */
export function keyPolicySettings(inputs: KeyPolicyInputs, context: StackContext): KeyPolicySettings {
  return {
    accountRootArn: inputs.enableIamPolicies ? context.accountRootArn : undefined,
    administratorArns: inputs.administratorArns,
    userArns: inputs.userArns,
    userViaService: inputs.restrictKeyUsersToS3 ? context.s3ServiceName : undefined,
    denyDeletion: !inputs.allowDestroy,
  };
}
