import { keyPolicyStatements, KeyPolicySettings } from '../../src/private/key-policy';
import { PolicyStatementJson } from '../../src/private/policy-document';
import { actionMatches, statement } from '../support/policy';

const ROOT = 'arn:aws:iam::111122223333:root';
const ADMIN = 'arn:aws:iam::111122223333:role/admin';
const USER = 'arn:aws:iam::111122223333:role/app';
const USER2 = 'arn:aws:iam::111122223333:role/app2';

function policy(overrides: Partial<KeyPolicySettings>): PolicyStatementJson[] {
  return keyPolicyStatements({ administratorArns: [], userArns: [], denyDeletion: false, ...overrides });
}

describe('keyPolicyStatements', () => {
  test('the account root statement: kms:* on * for the root principal, so IAM policies can grant use', () => {
    const statements = policy({ accountRootArn: ROOT });
    expect(statements).toEqual([
      { Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: [ROOT] }, Action: ['kms:*'], Resource: ['*'] },
    ]);
  });

  test('no root statement without accountRootArn', () => {
    const statements = policy({ administratorArns: [ADMIN] });
    expect(statements.map((s) => s.Sid)).toEqual(['AllowKeyAdministration']);
  });

  /** What a key administrator needs: the lockout safety check wants PutKeyPolicy; the rest is the life cycle. */
  const ADMINISTRATION = [
    'kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:DescribeKey',
    'kms:EnableKey', 'kms:DisableKey', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation',
    'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:TagResource', 'kms:UntagResource',
    'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias',
  ];
  /** Use of the key, and granting oneself use of it: not for administrators. */
  const USE = [
    'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo',
    'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext',
    'kms:Sign', 'kms:Verify', 'kms:GenerateMac', 'kms:VerifyMac', 'kms:DeriveSharedSecret', 'kms:CreateGrant',
  ];
  const adminStatement = () => statement(policy({ administratorArns: [ADMIN, USER] }), 'AllowKeyAdministration');

  test('the administrator statement: Allow for the administrators on the key, unconditionally', () => {
    const admin = adminStatement();
    expect(admin.Effect).toBe('Allow');
    expect(admin.Principal).toEqual({ AWS: [ADMIN, USER] });
    expect(admin.Resource).toEqual(['*']);
    expect(admin.Condition).toBeUndefined();
    expect(admin.NotAction).toBeUndefined();
  });

  test.each(ADMINISTRATION)('administrators are allowed %s', (action) => {
    const patterns = adminStatement().Action!;
    expect(patterns.filter((pattern) => actionMatches(pattern, action))).not.toEqual([]);
  });

  test.each(USE)('administrators are not allowed %s', (action) => {
    const patterns = adminStatement().Action!;
    expect(patterns.filter((pattern) => actionMatches(pattern, action))).toEqual([]);
  });

  test('administrator actions are all kms: actions and none is a wildcard', () => {
    for (const action of adminStatement().Action!) {
      expect(action).toMatch(/^kms:[A-Za-z]+$/);
    }
  });

  test('key users get Encrypt, Decrypt, ReEncrypt*, GenerateDataKey* and DescribeKey, unconditionally by default', () => {
    const use = statement(policy({ userArns: [USER, USER2] }), 'AllowKeyUse');
    expect(use.Effect).toBe('Allow');
    expect(use.Principal).toEqual({ AWS: [USER, USER2] });
    expect([...use.Action!].sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']);
    expect(use.Resource).toEqual(['*']);
    expect(use.Condition).toBeUndefined();
  });

  test('key users may manage grants only for AWS resources', () => {
    const grants = statement(policy({ userArns: [USER] }), 'AllowGrantsForAwsResources');
    expect(grants.Effect).toBe('Allow');
    expect(grants.Principal).toEqual({ AWS: [USER] });
    expect([...grants.Action!].sort()).toEqual(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);
    expect(grants.Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': ['true'] } });
  });

  test('userViaService adds StringEquals kms:ViaService to both user statements', () => {
    const statements = policy({ userArns: [USER], userViaService: 's3.eu-west-1.amazonaws.com' });
    expect(statement(statements, 'AllowKeyUse').Condition).toEqual({
      StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] },
    });
    expect(statement(statements, 'AllowGrantsForAwsResources').Condition).toEqual({
      Bool: { 'kms:GrantIsForAWSResource': ['true'] },
      StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] },
    });
  });

  test('no user statements without users, whatever userViaService says', () => {
    const statements = policy({ accountRootArn: ROOT, userViaService: 's3.us-east-1.amazonaws.com' });
    expect(statements.map((s) => s.Sid)).toEqual(['EnableIamPolicies']);
  });

  test('statements come root, administrators, users', () => {
    const statements = policy({ accountRootArn: ROOT, administratorArns: [ADMIN], userArns: [USER] });
    expect(statements.map((s) => s.Sid)).toEqual(['EnableIamPolicies', 'AllowKeyAdministration', 'AllowKeyUse', 'AllowGrantsForAwsResources']);
  });

  test('no generated statement allows the "*" principal', () => {
    const statements = policy({ accountRootArn: ROOT, administratorArns: [ADMIN], userArns: [USER], userViaService: 's3.us-east-1.amazonaws.com' });
    for (const s of statements) {
      expect(s.Principal).not.toBe('*');
      expect(Object.values(s.Principal as Record<string, string[]>).flat()).not.toContain('*');
    }
  });

  test('an empty policy when nothing is given (ManagedCmk validation prevents this)', () => {
    expect(policy({})).toEqual([]);
  });
});
