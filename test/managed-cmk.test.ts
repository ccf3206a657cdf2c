import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { ManagedCmk, ManagedCmkProps } from '../src';
import { actionMatches, parsePolicy, sids, statement } from './support/policy';
import { errorOf, onlyResource, resourcesOf, synthJson, testApp, testStack } from './support/synth';

// The matchers' types (setupJest below installs them).
import type {} from 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();

const ADMIN = 'arn:aws:iam::111122223333:role/key-admin';
const USER = 'arn:aws:iam::111122223333:role/app';
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Synthesizes one ManagedCmk with `props` and returns the JSON, the key, its name and its policy statements. */
function synthKey(props: Partial<ManagedCmkProps> = {}) {
  const stack = testStack();
  const cmk = new ManagedCmk(stack, 'Key', { alias: 'logs', ...props });
  const json = synthJson(stack);
  const [keyName, key] = Object.entries<any>(json.resource.aws_kms_key)[0];
  const policy = parsePolicy(key.policy);
  return { stack, cmk, json, key, keyName, statements: policy.Statement, policy };
}

/** The account root ARN as the stack's data sources spell it. */
function rootArn(json: any): string {
  const partition = Object.keys(json.data.aws_partition)[0];
  const identity = Object.keys(json.data.aws_caller_identity)[0];
  return `arn:\${data.aws_partition.${partition}.partition}:iam::\${data.aws_caller_identity.${identity}.account_id}:root`;
}

describe('ManagedCmk defaults', () => {
  const stack = testStack();
  const cmk = new ManagedCmk(stack, 'Logs', { alias: 'logs' });
  new TerraformOutput(stack, 'keyArn', { value: cmk.keyArn });
  new TerraformOutput(stack, 'keyId', { value: cmk.keyId });
  new TerraformOutput(stack, 'aliasArn', { value: cmk.aliasArn });
  const synthesized = Testing.synth(stack);
  const json = JSON.parse(synthesized);
  const [keyName, key] = Object.entries<any>(json.resource.aws_kms_key)[0];
  const policy = parsePolicy(key.policy);

  test('one symmetric encrypt/decrypt key with rotation, a 30-day window, single-Region', () => {
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(KmsKey, {
      key_usage: 'ENCRYPT_DECRYPT',
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      deletion_window_in_days: 30,
      enable_key_rotation: true,
      multi_region: false,
    });
  });

  test('never bypasses the lockout safety check, never disables the key, leaves the rotation period to AWS', () => {
    expect(key).not.toHaveProperty('bypass_policy_lockout_safety_check');
    expect(key.is_enabled ?? true).toBe(true);
    expect(key).not.toHaveProperty('rotation_period_in_days');
    expect(key).not.toHaveProperty('tags');
  });

  test('the description names the construct path', () => {
    expect(key.description).toContain(cmk.node.path);
    expect(cmk.node.path).toBe('test/Logs');
  });

  test('an alias alias/logs that targets the key', () => {
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, {
      name: 'alias/logs',
      target_key_id: `\${aws_kms_key.${keyName}.key_id}`,
    });
    expect(resourcesOf(json, 'aws_kms_alias')).toHaveLength(1);
  });

  test('the key policy is a 2012-10-17 document: the account-root statement, and nobody may schedule deletion', () => {
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toEqual([
      { Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: [rootArn(json)] }, Action: ['kms:*'], Resource: ['*'] },
      { Sid: 'DenyKeyDeletion', Effect: 'Deny', Principal: '*', Action: ['kms:ScheduleKeyDeletion'], Resource: ['*'] },
    ]);
  });

  test('keyArn, keyId and aliasArn are references to the resources; aliasName is the plain normalized alias', () => {
    expect(Token.isUnresolved(cmk.keyArn)).toBe(true);
    expect(Token.isUnresolved(cmk.keyId)).toBe(true);
    expect(Token.isUnresolved(cmk.aliasArn)).toBe(true);
    expect(json.output.keyArn.value).toBe(`\${aws_kms_key.${keyName}.arn}`);
    expect(json.output.keyId.value).toBe(`\${aws_kms_key.${keyName}.key_id}`);
    const aliasName = Object.keys(json.resource.aws_kms_alias)[0];
    expect(json.output.aliasArn.value).toBe(`\${aws_kms_alias.${aliasName}.arn}`);
    expect(cmk.aliasName).toBe('alias/logs');
  });

  test('exposes the underlying resources', () => {
    expect(cmk.kmsKey).toBeInstanceOf(KmsKey);
    expect(cmk.kmsAlias).toBeInstanceOf(KmsAlias);
  });

  test('reads account and partition from one data source each', () => {
    expect(Object.keys(json.data.aws_caller_identity)).toHaveLength(1);
    expect(Object.keys(json.data.aws_partition)).toHaveLength(1);
  });
});

describe('ManagedCmk props', () => {
  test.each([
    ['logs', 'alias/logs'],
    ['alias/logs', 'alias/logs'],
    ['team/app_1-data', 'alias/team/app_1-data'],
  ])('alias %p is stored as %p', (alias, expected) => {
    const { json, cmk } = synthKey({ alias });
    expect(onlyResource(json, 'aws_kms_alias').name).toBe(expected);
    expect(cmk.aliasName).toBe(expected);
  });

  test('description, deletionWindowInDays, rotationPeriodInDays, multiRegion and tags are passed through', () => {
    const { key } = synthKey({
      description: 'My key',
      deletionWindowInDays: 7,
      rotationPeriodInDays: 180,
      multiRegion: true,
      tags: { team: 'data', env: 'prod' },
    });
    expect(key).toMatchObject({
      description: 'My key',
      deletion_window_in_days: 7,
      enable_key_rotation: true,
      rotation_period_in_days: 180,
      multi_region: true,
      tags: { team: 'data', env: 'prod' },
    });
  });

  test('enableKeyRotation false turns rotation off', () => {
    expect(synthKey({ enableKeyRotation: false }).key.enable_key_rotation).toBe(false);
  });

  test('keyAdministratorArns: an administration statement for them with management actions and no cryptographic ones', () => {
    const { statements } = synthKey({ keyAdministratorArns: [ADMIN] });
    expect(sids(statements)).toEqual(['EnableIamPolicies', 'AllowKeyAdministration', 'DenyKeyDeletion']);
    const admin = statement(statements, 'AllowKeyAdministration');
    expect(admin.Effect).toBe('Allow');
    expect(admin.Principal).toEqual({ AWS: [ADMIN] });
    expect(admin.Resource).toEqual(['*']);
    expect(admin.Action).toEqual(expect.arrayContaining([
      'kms:PutKeyPolicy', 'kms:DescribeKey', 'kms:EnableKey', 'kms:DisableKey', 'kms:ScheduleKeyDeletion',
      'kms:CancelKeyDeletion', 'kms:EnableKeyRotation', 'kms:TagResource', 'kms:UntagResource',
    ]));
    const forbidden = ['kms:CreateGrant', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom'];
    for (const action of forbidden) {
      expect(admin.Action!.filter((pattern) => actionMatches(pattern, action))).toEqual([]);
    }
  });

  test('keyUserArns: use and AWS-resource grant statements for them', () => {
    const { statements } = synthKey({ keyUserArns: [USER] });
    expect(sids(statements)).toEqual(['EnableIamPolicies', 'AllowKeyUse', 'AllowGrantsForAwsResources', 'DenyKeyDeletion']);
    const use = statement(statements, 'AllowKeyUse');
    expect(use.Principal).toEqual({ AWS: [USER] });
    expect([...use.Action!].sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']);
    expect(use.Condition).toBeUndefined();
    const grants = statement(statements, 'AllowGrantsForAwsResources');
    expect(grants.Principal).toEqual({ AWS: [USER] });
    expect([...grants.Action!].sort()).toEqual(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);
    expect(grants.Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': ['true'] } });
  });

  test('restrictKeyUsersToS3: kms:ViaService s3.<stack region>.<partition DNS suffix> on both user statements', () => {
    const { statements, json } = synthKey({ keyUserArns: [USER], restrictKeyUsersToS3: true });
    const region = Object.keys(json.data.aws_region)[0];
    const partition = Object.keys(json.data.aws_partition)[0];
    // `id` is the region name in AWS provider 5.x and 6.x; dns_suffix is amazonaws.com.cn in China.
    const viaS3 = { 'kms:ViaService': [`s3.\${data.aws_region.${region}.id}.\${data.aws_partition.${partition}.dns_suffix}`] };
    expect(statement(statements, 'AllowKeyUse').Condition).toEqual({ StringEquals: viaS3 });
    expect(statement(statements, 'AllowGrantsForAwsResources').Condition).toEqual({
      Bool: { 'kms:GrantIsForAWSResource': ['true'] },
      StringEquals: viaS3,
    });
  });

  test('without restrictKeyUsersToS3 the stack reads no region', () => {
    expect(synthKey({ keyUserArns: [USER] }).json.data.aws_region).toBeUndefined();
  });

  test('enableIamPolicies false drops the account-root statement; the administrators remain', () => {
    const { statements } = synthKey({ enableIamPolicies: false, keyAdministratorArns: [ADMIN] });
    expect(sids(statements)).toEqual(['AllowKeyAdministration', 'DenyKeyDeletion']);
    expect(JSON.stringify(statements)).not.toContain(':root');
    expect(JSON.stringify(statements)).not.toContain('kms:*');
  });

  test('policyStatements are merged into the one key policy, after the generated statements', () => {
    const { statements, json } = synthKey({
      keyUserArns: [USER],
      policyStatements: [
        {
          sid: 'AllowCloudTrail',
          principals: [{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }],
          actions: ['kms:GenerateDataKey*'],
          resources: ['*'],
          condition: [{ test: 'StringLike', variable: 'kms:EncryptionContext:aws:cloudtrail:arn', values: ['arn:aws:cloudtrail:*:111122223333:trail/*'] }],
        },
        {
          sid: 'DenyOutsideOrg',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['kms:*'],
          resources: ['*'],
          condition: [{ test: 'StringNotEquals', variable: 'aws:PrincipalOrgID', values: ['o-abc123'] }],
        },
      ],
    });
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(1);
    expect(sids(statements)).toEqual(['EnableIamPolicies', 'AllowKeyUse', 'AllowGrantsForAwsResources', 'DenyKeyDeletion', 'AllowCloudTrail', 'DenyOutsideOrg']);
    expect(statement(statements, 'AllowCloudTrail')).toEqual({
      Sid: 'AllowCloudTrail',
      Effect: 'Allow',
      Principal: { Service: ['cloudtrail.amazonaws.com'] },
      Action: ['kms:GenerateDataKey*'],
      Resource: ['*'],
      Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': ['arn:aws:cloudtrail:*:111122223333:trail/*'] } },
    });
    expect(statement(statements, 'DenyOutsideOrg')).toMatchObject({
      Effect: 'Deny', Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } },
    });
  });

  test('no setting ever bypasses the lockout safety check', () => {
    const { key } = synthKey({
      enableIamPolicies: false, keyAdministratorArns: [ADMIN], keyUserArns: [USER], restrictKeyUsersToS3: true, multiRegion: true,
    });
    expect(key).not.toHaveProperty('bypass_policy_lockout_safety_check');
  });

  test('two keys in one stack share the account and partition data sources', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'A', { alias: 'a' });
    new ManagedCmk(stack, 'B', { alias: 'b' });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'aws_kms_key')).toHaveLength(2);
    expect(Object.keys(json.data.aws_caller_identity)).toHaveLength(1);
    expect(Object.keys(json.data.aws_partition)).toHaveLength(1);
  });
});

describe('ManagedCmk.fromKeyArn', () => {
  test.each([
    ['a key ARN', KEY_ARN],
    ['a multi-Region key ARN', 'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab'],
    ['a GovCloud key ARN', 'arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
  ])('accepts %s', (_label, arn) => {
    const key = ManagedCmk.fromKeyArn(testStack(), 'Imported', arn);
    expect(key.keyArn).toBe(arn);
  });

  test('accepts a token and keeps it as the ARN', () => {
    const stack = testStack();
    const variable = new TerraformVariable(stack, 'key_arn', { type: 'string' });
    const key = ManagedCmk.fromKeyArn(stack, 'Imported', variable.stringValue);
    new TerraformOutput(stack, 'arn', { value: key.keyArn });
    expect(synthJson(stack).output.arn.value).toBe('${var.key_arn}');
  });

  test.each([
    ['an alias ARN', 'arn:aws:kms:us-east-1:111122223333:alias/logs'],
    ['a bare key id', '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['an alias name', 'alias/logs'],
    ['an empty string', ''],
    ['another service\'s ARN', 'arn:aws:s3:::bucket'],
    ['a key ARN without an account', 'arn:aws:kms:us-east-1::key/1234abcd'],
  ])('rejects %s, naming the construct, the option, the value and the expected form', (_label, arn) => {
    const error = errorOf(() => ManagedCmk.fromKeyArn(testStack(), 'Imported', arn));
    expect(error.option).toBe('keyArn');
    expect(error.constructPath).toBe('test/Imported');
    expect(error.message).toContain('ManagedCmk.fromKeyArn "test/Imported": keyArn ');
    expect(error.message).toContain(`(got "${arn}")`);
    expect(error.message).toContain('arn:aws:kms:us-east-1:111122223333:key/');
  });
});

describe('grantEncryptDecrypt', () => {
  function roleIn(stack: TerraformStack, id = 'Role'): IamRole {
    return new IamRole(stack, id, {
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
  }

  test('attaches an inline policy to the role allowing encrypt and decrypt on the key ARN only', () => {
    const stack = testStack();
    const cmk = new ManagedCmk(stack, 'Key', { alias: 'logs' });
    roleIn(stack, 'Other');
    const role = roleIn(stack);
    cmk.grantEncryptDecrypt(role);
    const json = synthJson(stack);
    const keyName = Object.keys(json.resource.aws_kms_key)[0];
    const roleName = Object.keys(json.resource.aws_iam_role).find((name) => name.startsWith('Role'))!;
    const rolePolicy = onlyResource(json, 'aws_iam_role_policy');
    expect(rolePolicy.role).toBe(`\${aws_iam_role.${roleName}.name}`);
    const statements = parsePolicy(rolePolicy.policy).Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0].Effect).toBe('Allow');
    expect(statements[0].Resource).toEqual([`\${aws_kms_key.${keyName}.arn}`]);
    expect(statements[0].Action).toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*']));
    expect(statements[0].Principal).toBeUndefined();
  });

  test('an imported key grants on its ARN', () => {
    const stack = testStack();
    const key = ManagedCmk.fromKeyArn(stack, 'Imported', KEY_ARN);
    key.grantEncryptDecrypt(roleIn(stack));
    const statements = parsePolicy(onlyResource(synthJson(stack), 'aws_iam_role_policy').policy).Statement;
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Allow', Resource: [KEY_ARN] })]);
    expect(statements[0].Action).toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*']));
  });

  test('one policy per role granted', () => {
    const stack = testStack();
    const cmk = new ManagedCmk(stack, 'Key', { alias: 'logs' });
    cmk.grantEncryptDecrypt(roleIn(stack, 'A'));
    cmk.grantEncryptDecrypt(roleIn(stack, 'B'));
    const roles = resourcesOf(synthJson(stack), 'aws_iam_role_policy').map((p) => p.role).sort();
    expect(roles).toHaveLength(2);
    expect(roles[0]).not.toBe(roles[1]);
  });
});

// ---------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------

const PUBLIC_ALLOW = { effect: 'Allow', principals: [{ type: '*', identifiers: ['*'] }], actions: ['kms:Decrypt'], resources: ['*'] };

/**
 * A bad input: the key `test/Key` built with `props` (over `alias: 'logs'`); the option
 * the error names; the value it quotes as `(got <value>)`, if it quotes one; and what
 * the message says is allowed.
 */
interface Case {
  readonly label: string;
  readonly props: Partial<ManagedCmkProps>;
  readonly option: string;
  readonly value?: string;
  readonly allowed: RegExp;
}

describe('ManagedCmk rejects bad input', () => {
  test.each<Case>([
    { label: 'empty alias', props: { alias: '' }, option: 'alias', value: '""', allowed: /1-256 characters of A-Za-z0-9\/_-/ },
    { label: 'alias "alias/"', props: { alias: 'alias/' }, option: 'alias', value: '"alias/"', allowed: /1-256 characters/ },
    { label: 'alias of 257 characters in all', props: { alias: `alias/${'a'.repeat(251)}` }, option: 'alias', value: `"alias/${'a'.repeat(251)}"`, allowed: /1-256 characters/ },
    { label: 'name of 251 characters (257 with alias/)', props: { alias: 'a'.repeat(251) }, option: 'alias', value: `"${'a'.repeat(251)}"`, allowed: /1-256 characters/ },
    { label: 'alias with a space', props: { alias: 'my key' }, option: 'alias', value: '"my key"', allowed: /A-Za-z0-9\/_-/ },
    { label: 'alias with !', props: { alias: 'key!' }, option: 'alias', value: '"key!"', allowed: /A-Za-z0-9\/_-/ },
    { label: 'alias with a dot', props: { alias: 'key.v2' }, option: 'alias', value: '"key.v2"', allowed: /A-Za-z0-9\/_-/ },
    { label: 'alias alias/aws/x', props: { alias: 'alias/aws/x' }, option: 'alias', value: '"alias/aws/x"', allowed: /reserved for AWS-managed keys/ },
    { label: 'alias aws/x (normalized to alias/aws/x)', props: { alias: 'aws/x' }, option: 'alias', value: '"aws/x"', allowed: /reserved for AWS-managed keys/ },
    { label: 'deletionWindowInDays 6', props: { deletionWindowInDays: 6 }, option: 'deletionWindowInDays', value: '6', allowed: /integer between 7 and 30/ },
    { label: 'deletionWindowInDays 31', props: { deletionWindowInDays: 31 }, option: 'deletionWindowInDays', value: '31', allowed: /integer between 7 and 30/ },
    { label: 'deletionWindowInDays 7.5', props: { deletionWindowInDays: 7.5 }, option: 'deletionWindowInDays', value: '7.5', allowed: /integer between 7 and 30/ },
    { label: 'deletionWindowInDays 0', props: { deletionWindowInDays: 0 }, option: 'deletionWindowInDays', value: '0', allowed: /integer between 7 and 30/ },
    { label: 'rotationPeriodInDays 89', props: { rotationPeriodInDays: 89 }, option: 'rotationPeriodInDays', value: '89', allowed: /integer between 90 and 2560/ },
    { label: 'rotationPeriodInDays 2561', props: { rotationPeriodInDays: 2561 }, option: 'rotationPeriodInDays', value: '2561', allowed: /integer between 90 and 2560/ },
    { label: 'rotationPeriodInDays 90.5', props: { rotationPeriodInDays: 90.5 }, option: 'rotationPeriodInDays', value: '90.5', allowed: /integer between 90 and 2560/ },
    { label: 'rotationPeriodInDays with rotation off', props: { enableKeyRotation: false, rotationPeriodInDays: 365 }, option: 'rotationPeriodInDays', value: '365', allowed: /enableKeyRotation is false/ },
    { label: 'a valid-looking rotationPeriodInDays with rotation off', props: { enableKeyRotation: false, rotationPeriodInDays: 90 }, option: 'rotationPeriodInDays', value: '90', allowed: /enableKeyRotation is false/ },
    { label: 'keyAdministratorArns not an ARN', props: { keyAdministratorArns: ['admin'] }, option: 'keyAdministratorArns', value: '"admin"', allowed: /IAM principal ARNs such as arn:aws:iam::/ },
    { label: 'keyAdministratorArns an account id', props: { keyAdministratorArns: [ADMIN, '111122223333'] }, option: 'keyAdministratorArns', value: '"111122223333"', allowed: /IAM principal ARNs/ },
    { label: 'keyUserArns a bucket ARN', props: { keyUserArns: ['arn:aws:s3:::bucket'] }, option: 'keyUserArns', value: '"arn:aws:s3:::bucket"', allowed: /IAM principal ARNs/ },
    { label: 'keyUserArns "*"', props: { keyUserArns: ['*'] }, option: 'keyUserArns', value: '"*"', allowed: /IAM principal ARNs/ },
    { label: 'enableIamPolicies false, no administrators', props: { enableIamPolicies: false }, option: 'keyAdministratorArns', allowed: /at least one administrator when enableIamPolicies is false/ },
    { label: 'a principal ARN with a quote', props: { keyUserArns: ['arn:aws:iam::111122223333:role/a"b'] }, option: 'keyUserArns', value: '"arn:aws:iam::111122223333:role/a"b"', allowed: /IAM principal ARNs/ },
    { label: 'a statement reusing AllowKeyUse', props: { policyStatements: [{ sid: 'AllowKeyUse', actions: ['kms:DescribeKey'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }] }] }, option: 'policyStatements[0]', value: '"AllowKeyUse"', allowed: /must use a Sid that is not already in the key policy/ },
    { label: 'restrictKeyUsersToS3 without key users', props: { restrictKeyUsersToS3: true }, option: 'restrictKeyUsersToS3', value: 'true', allowed: /needs keyUserArns/ },
    { label: 'enableIamPolicies false, a role session as administrator', props: { enableIamPolicies: false, keyAdministratorArns: ['arn:aws:sts::111122223333:assumed-role/Admin/me'] }, option: 'keyAdministratorArns', value: '"arn:aws:sts::111122223333:assumed-role/Admin/me"', allowed: /must not name a session .* when enableIamPolicies is false: when the session ends nobody can manage the key; name the role/ },
    { label: 'enableIamPolicies false, a federated user beside a role', props: { enableIamPolicies: false, keyAdministratorArns: [ADMIN, 'arn:aws:sts::111122223333:federated-user/bob'] }, option: 'keyAdministratorArns', value: '"arn:aws:sts::111122223333:federated-user/bob"', allowed: /must not name a session/ },
    { label: 'a key-policy statement without principals', props: { policyStatements: [{ actions: ['kms:DescribeKey'] }] }, option: 'policyStatements[0]', allowed: /must name principals \(or notPrincipals\): KMS rejects a key policy statement without a Principal/ },
    { label: 'enableIamPolicies false, empty administrators', props: { enableIamPolicies: false, keyAdministratorArns: [], keyUserArns: [USER] }, option: 'keyAdministratorArns', allowed: /at least one administrator/ },
    { label: 'policyStatements effect Maybe', props: { policyStatements: [{ effect: 'Maybe', principals: [{ type: 'AWS', identifiers: [USER] }], actions: ['kms:Decrypt'] }] }, option: 'policyStatements[0]', value: '"Maybe"', allowed: /effect must be "Allow" or "Deny"/ },
    { label: 'policyStatements unconditional Allow to "*"', props: { policyStatements: [{ sid: 'Ok', actions: ['kms:DescribeKey'], principals: [{ type: 'AWS', identifiers: [USER] }] }, PUBLIC_ALLOW] }, option: 'policyStatements[1]', allowed: /must not Allow the "\*" principal \(or use NotPrincipal\) unless a condition limits the caller/ },
    { label: 'policyStatements Allow to AWS "*"', props: { policyStatements: [{ principals: [{ type: 'AWS', identifiers: ['*'] }], actions: ['kms:*'] }] }, option: 'policyStatements[0]', allowed: /must not Allow the "\*" principal/ },
  ])('$label', ({ props, option, value, allowed }) => {
    const error = errorOf(() => new ManagedCmk(testStack(), 'Key', { alias: 'logs', ...props }));
    expect(error.option).toBe(option);
    expect(error.constructPath).toBe('test/Key');
    expect(error.message).toContain(`ManagedCmk "test/Key": ${option} `);
    expect(error.message).toMatch(allowed);
    if (value !== undefined) expect(error.message).toContain(`(got ${value})`);
  });
});

describe('ManagedCmk accepts boundary values and tokens', () => {
  test.each<[string, Partial<ManagedCmkProps>]>([
    ['deletionWindowInDays 7', { deletionWindowInDays: 7 }],
    ['deletionWindowInDays 30', { deletionWindowInDays: 30 }],
    ['rotationPeriodInDays 90', { rotationPeriodInDays: 90 }],
    ['rotationPeriodInDays 2560', { rotationPeriodInDays: 2560 }],
    ['alias of exactly 256 characters with alias/', { alias: `alias/${'a'.repeat(250)}` }],
    ['name of 250 characters (256 with alias/)', { alias: 'b'.repeat(250) }],
    ['single-character alias', { alias: 'x' }],
    ['alias "aws" (not under alias/aws/)', { alias: 'aws' }],
    ['alias awsome/x', { alias: 'awsome/x' }],
    ['enableKeyRotation false without a period', { enableKeyRotation: false }],
    ['enableIamPolicies false with an administrator', { enableIamPolicies: false, keyAdministratorArns: [ADMIN] }],
    ['a sts assumed-role administrator', { keyAdministratorArns: ['arn:aws:sts::111122223333:assumed-role/Admin/me'] }],
    ['an Allow to "*" narrowed by a condition', {
      policyStatements: [{ ...PUBLIC_ALLOW, condition: [{ test: 'StringEquals', variable: 'kms:CallerAccount', values: ['111122223333'] }] }],
    }],
  ])('%s', (_label, props) => {
    expect(() => new ManagedCmk(testStack(), 'Key', { alias: 'logs', ...props })).not.toThrow();
  });

  test('an alias of exactly 256 characters is synthesized as given', () => {
    const alias = `alias/${'a'.repeat(250)}`;
    expect(alias).toHaveLength(256);
    expect(onlyResource(synthKey({ alias }).json, 'aws_kms_alias').name).toBe(alias);
  });

  test('unresolved numbers, strings and lists pass validation and reach Terraform as references', () => {
    const stack = testStack();
    const days = new TerraformVariable(stack, 'days', { type: 'number' });
    const period = new TerraformVariable(stack, 'period', { type: 'number' });
    const admin = new TerraformVariable(stack, 'admin', { type: 'string' });
    new ManagedCmk(stack, 'Key', {
      alias: Fn.join('-', ['logs', 'prod']),
      deletionWindowInDays: Token.asNumber(days.value),
      rotationPeriodInDays: period.numberValue,
      enableIamPolicies: false,
      keyAdministratorArns: [admin.stringValue],
      keyUserArns: Token.asList(Fn.split(',', 'a,b')),
    });
    const json = synthJson(stack);
    const key = onlyResource(json, 'aws_kms_key');
    expect(key.deletion_window_in_days).toBe('${var.days}');
    expect(key.rotation_period_in_days).toBe('${var.period}');
    // The policy holds a function call (split), which the policy reader does not evaluate.
    expect(key.policy).toContain('"Sid" = "AllowKeyAdministration", "Effect" = "Allow", "Principal" = {"AWS" = [var.admin]}');
    expect(key.policy).toContain('"Sid" = "AllowKeyUse", "Effect" = "Allow", "Principal" = {"AWS" = split(",", "a,b")}');
    expect(onlyResource(json, 'aws_kms_alias').name).toContain('join(');
  });

  test('an out-of-range value is still rejected when another prop is a token', () => {
    const stack = testStack();
    const days = new TerraformVariable(stack, 'days', { type: 'number' });
    const error = errorOf(() => new ManagedCmk(stack, 'Key', { alias: 'logs', deletionWindowInDays: days.numberValue, rotationPeriodInDays: 3000 }));
    expect(error.option).toBe('rotationPeriodInDays');
  });
});


test('grantEncryptDecrypt on a key that ignores IAM policies fails, pointing to keyUserArns', () => {
  const stack = testStack();
  const key = new ManagedCmk(stack, 'Key', { alias: 'strict', enableIamPolicies: false, keyAdministratorArns: [ADMIN] });
  const role = new IamRole(stack, 'App', { assumeRolePolicy: '{}' });
  expect(() => key.grantEncryptDecrypt(role)).toThrow(
    'ManagedCmk "test/Key": enableIamPolicies must be true for grantEncryptDecrypt, which works through an IAM policy; name the role in keyUserArns instead (got false)',
  );
});

describe('key deletion is a choice', () => {
  test('by default the key has Terraform\'s prevent_destroy, so no plan can schedule its deletion', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'Key', { alias: 'kept' });
    expect(onlyResource(synthJson(stack), 'aws_kms_key').lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['is_enabled'] });
  });

  test('dangerouslyAllowKeyDestroy lifts it, and the key policy\'s Deny of kms:ScheduleKeyDeletion', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'Key', { alias: 'disposable', dangerouslyAllowKeyDestroy: true });
    const key = onlyResource(synthJson(stack), 'aws_kms_key');
    expect(key.lifecycle).toEqual({ prevent_destroy: false, ignore_changes: ['is_enabled'] });
    expect(sids(parsePolicy(key.policy).Statement)).toEqual(['EnableIamPolicies']);
  });
});

describe('the key\'s enabled state', () => {
  test.each<[string, boolean | undefined, Record<string, unknown>]>([
    // Unset: created enabled (the provider's default), then kept as found, so a key
    // someone disabled is not enabled again by the next deploy.
    ['unset, is left as found', undefined, { lifecycle: { prevent_destroy: true, ignore_changes: ['is_enabled'] } }],
    ['false, is disabled and managed', false, { is_enabled: false, lifecycle: { prevent_destroy: true } }],
    ['true, is enabled and managed', true, { is_enabled: true, lifecycle: { prevent_destroy: true } }],
  ])('enabled %s', (_what, enabled, expected) => {
    const stack = testStack();
    new ManagedCmk(stack, 'Key', { alias: 'state', enabled });
    const key = onlyResource(synthJson(stack), 'aws_kms_key');
    expect({ is_enabled: key.is_enabled, lifecycle: key.lifecycle }).toEqual({ is_enabled: undefined, ...expected });
  });

  test('an adopted key keeps the state it has unless enabled says otherwise', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'Kept', { alias: 'kept', adopt: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' } });
    new ManagedCmk(stack, 'Disabled', { alias: 'disabled', enabled: false, adopt: { keyId: '5678abcd-12ab-34cd-56ef-1234567890ab' } });
    const keys = synthJson(stack).resource.aws_kms_key;
    expect(keys['key_1234abcd-12ab-34cd-56ef-1234567890ab'].lifecycle.ignore_changes).toEqual(['is_enabled']);
    expect(keys['key_1234abcd-12ab-34cd-56ef-1234567890ab'].is_enabled).toBeUndefined();
    expect(keys['key_5678abcd-12ab-34cd-56ef-1234567890ab'].is_enabled).toBe(false);
    expect(keys['key_5678abcd-12ab-34cd-56ef-1234567890ab'].lifecycle.ignore_changes).toBeUndefined();
  });
});

describe('aliases are unique in a stack', () => {
  test('a second key with the same alias fails at synth, naming both keys', () => {
    const stack = testStack();
    new ManagedCmk(stack, 'First', { alias: 'shared' });
    const error = errorOf(() => new ManagedCmk(stack, 'Second', { alias: 'alias/shared' }));
    expect(error.message).toBe('ManagedCmk "test/Second": alias must be unique among the stack keys on the same provider: ManagedCmk "test/First" already has it, and KMS aliases are unique per account and region (got "alias/shared")');
  });

  test('the same alias in two stacks (two accounts or regions, say) is accepted', () => {
    const app = testApp();
    new ManagedCmk(new TerraformStack(app, 'a'), 'Key', { alias: 'shared' });
    expect(() => new ManagedCmk(new TerraformStack(app, 'b'), 'Key', { alias: 'shared' })).not.toThrow();
  });
});

describe('addToResourcePolicy', () => {
  const describeFor = (sid: string) => ({ sid, principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::444455556666:role/auditor'] }], actions: ['kms:DescribeKey'] });

  test('adds a statement to the one key policy, with "*" as its resource', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'logs' });
    key.addToResourcePolicy(describeFor('AllowAuditorDescribe'));
    const policy = parsePolicy(onlyResource(synthJson(stack), 'aws_kms_key').policy);
    expect(sids(policy.Statement)).toEqual(['EnableIamPolicies', 'DenyKeyDeletion', 'AllowAuditorDescribe']);
    expect(statement(policy.Statement, 'AllowAuditorDescribe').Resource).toEqual(['*']);
  });

  test('refuses a Sid already in the policy, and an Allow to everyone, at the call', () => {
    const key = new ManagedCmk(testStack(), 'Key', { alias: 'logs', policyStatements: [describeFor('Mine')] });
    expect(errorOf(() => key.addToResourcePolicy(describeFor('Mine'))).message)
      .toBe('ManagedCmk "test/Key": addToResourcePolicy must use a Sid that is not already in the key policy (got "Mine")');
    expect(errorOf(() => key.addToResourcePolicy({ principals: [{ type: '*', identifiers: ['*'] }], actions: ['kms:Decrypt'] })).message)
      .toMatch(/addToResourcePolicy must not Allow the "\*" principal/);
  });
});
