import {
  Conditions,
  normalizePolicyVariables,
  globMatches,
  grantPrincipalKind,
  GrantPrincipalKind,
  hasPolicyVariable,
  isLiteral,
  isPublicAllow,
  isPublicPrincipal,
  isReference,
  limitsCaller,
  StatementReach,
} from '../../src/private/iam';

const ACCOUNT = '111122223333';

describe('isPublicPrincipal', () => {
  test.each<[string, StatementReach['principal'], boolean]>([
    ['"*"', '*', true],
    ['{ "*": ["*"] } (the compliance reader\'s "*")', { '*': ['*'] }, true],
    ['AWS ["*"]', { AWS: ['*'] }, true],
    ['AWS ["*"] beside an account', { AWS: [`arn:aws:iam::${ACCOUNT}:root`, '*'] }, true],
    ['"*" type beside an AWS account', { '*': ['*'], 'AWS': [ACCOUNT] }, true],
    ['an account', { AWS: [`arn:aws:iam::${ACCOUNT}:root`] }, false],
    ['a service', { Service: ['logging.s3.amazonaws.com'] }, false],
    ['none', undefined, false],
  ])('%s -> %p', (_label, principal, expected) => {
    expect(isPublicPrincipal(principal)).toBe(expected);
  });
});

/** One condition, written as a row: operator, key, values. */
const cond = (operator: string, key: string, ...values: string[]): Conditions => ({ [operator]: { [key]: values } });

describe('limitsCaller', () => {
  // Every form accepted here has a policy-tier test that an outsider is denied
  // (test/policy/caller-limits.terraform.test.ts).
  test.each<[string, Conditions | undefined, boolean]>([
    // Accepted: a positive operator, a caller key, each value fixed where it names the caller.
    ['StringEquals aws:PrincipalAccount', cond('StringEquals', 'aws:PrincipalAccount', ACCOUNT), true],
    ['StringEquals kms:CallerAccount', cond('StringEquals', 'kms:CallerAccount', ACCOUNT), true],
    ['StringEquals aws:PrincipalOrgID', cond('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'), true],
    ['StringEqualsIgnoreCase aws:SourceAccount', cond('StringEqualsIgnoreCase', 'aws:SourceAccount', ACCOUNT), true],
    ['ForAnyValue:StringLike aws:PrincipalOrgPaths, organization fixed', cond('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/r-ab12/*'), true],
    ['ArnLike aws:PrincipalArn, account fixed, role wildcard', cond('ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/*`), true],
    ['StringLike aws:PrincipalArn, account fixed', cond('StringLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/app-?`), true],
    ['ArnEquals aws:SourceArn of a bucket', cond('ArnEquals', 'aws:SourceArn', 'arn:aws:s3:::source-bucket'), true],
    ['StringEquals aws:SourceVpce', cond('StringEquals', 'aws:SourceVpce', 'vpce-0123456789abcdef0'), true],
    ['key names are case-insensitive', cond('StringEquals', 'AWS:PRINCIPALACCOUNT', ACCOUNT), true],
    ['a reference as the value', cond('StringEquals', 'aws:PrincipalAccount', '${data.aws_caller_identity.c.account_id}'), true],
    ['a cdktf token as the value', cond('StringEquals', 'kms:CallerAccount', '${TfToken[TOKEN.12]}'), true],
    ['a reference as the ARN account', cond('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${data.aws_caller_identity.c.account_id}:role/*'), true],
    ['one limiting condition among others', { Bool: { 'aws:SecureTransport': ['true'] }, ...cond('StringEquals', 'aws:PrincipalAccount', ACCOUNT) }, true],

    // Refused: operators that are true without the key, or that match other callers.
    ['ForAllValues: (true when the key is absent)', cond('ForAllValues:StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'), false],
    ['StringEqualsIfExists (true when the key is absent)', cond('StringEqualsIfExists', 'aws:PrincipalAccount', ACCOUNT), false],
    ['StringNotEquals', cond('StringNotEquals', 'aws:PrincipalAccount', ACCOUNT), false],
    ['Null', cond('Null', 'aws:PrincipalAccount', 'false'), false],
    // Refused: wildcards or policy variables where the value names the caller.
    ['"*"', cond('StringLike', 'aws:PrincipalArn', '*'), false],
    ['an ARN with any account', cond('StringLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/*'), false],
    ['an ARN with a partial account', cond('ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT.slice(0, 6)}*:root`), false],
    ['a wildcard before the account', cond('StringLike', 'aws:PrincipalArn', `arn:*:${ACCOUNT}:root`), false],
    ['an account pattern "?*"', cond('StringLike', 'kms:CallerAccount', '?*'), false],
    ['an account with a wildcard', cond('StringLike', 'aws:SourceAccount', '1111*'), false],
    ['a bucket ARN with a wildcard (anyone can create a matching bucket)', cond('ArnLike', 'aws:SourceArn', 'arn:aws:s3:::source-*'), false],
    ['an organization path with a wildcard organization', cond('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-*/*'), false],
    ['a policy variable as the account', cond('StringEquals', 'aws:SourceAccount', '$${aws:PrincipalAccount}'), false],
    ['a policy variable in aws_iam_policy_document spelling', cond('StringEquals', 'aws:SourceAccount', '&{aws:PrincipalAccount}'), false],
    ['a policy variable in IAM spelling', cond('StringEquals', 'kms:CallerAccount', '${aws:PrincipalAccount}'), false],
    ['a policy variable as the ARN account', cond('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::${aws:PrincipalAccount}:root'), false],
    ['a policy variable with a default value', cond('StringEquals', 'kms:CallerAccount', "${aws:PrincipalAccount, '0'}"), false],
    ['a policy variable with a default value as the ARN account', cond('ArnLike', 'aws:PrincipalArn', "arn:aws:iam::${aws:PrincipalAccount, '0'}:root"), false],
    ['any other ${...} text (rendered literally for IAM)', cond('StringEquals', 'aws:PrincipalAccount', '${not a reference}'), false],
    ['one fixed value beside "*"', cond('StringLike', 'aws:PrincipalAccount', ACCOUNT, '*'), false],
    ['no values', cond('StringEquals', 'aws:PrincipalAccount'), false],
    // Refused: keys that do not name the caller.
    ['kms:ViaService', cond('StringEquals', 'kms:ViaService', 's3.us-east-1.amazonaws.com'), false],
    ['aws:SecureTransport', cond('Bool', 'aws:SecureTransport', 'true'), false],
    ['no condition', undefined, false],
    ['an empty condition', {}, false],
  ])('%s -> %p', (_label, condition, expected) => {
    expect(limitsCaller(condition)).toBe(expected);
  });
});

describe('isPublicAllow', () => {
  const allow = (extra: Partial<StatementReach>): StatementReach => ({ effect: 'Allow', notPrincipal: false, ...extra });
  test.each<[string, StatementReach, boolean]>([
    ['"*"', allow({ principal: '*' }), true],
    ['"*" beside an account', allow({ principal: { AWS: ['*', ACCOUNT] } }), true],
    ['"*" limited to an organization', allow({ principal: '*', condition: cond('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5') }), false],
    ['"*" under a ForAllValues: condition', allow({ principal: '*', condition: cond('ForAllValues:StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5') }), true],
    ['"*" with only kms:ViaService', allow({ principal: '*', condition: cond('StringEquals', 'kms:ViaService', 's3.us-east-1.amazonaws.com') }), true],
    ['NotPrincipal', allow({ notPrincipal: true }), true],
    ['NotPrincipal limited to an account', allow({ notPrincipal: true, condition: cond('StringEquals', 'aws:PrincipalAccount', ACCOUNT) }), false],
    ['a named principal', allow({ principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] } }), false],
    ['a Deny to "*"', { effect: 'Deny', principal: '*', notPrincipal: false }, false],
    ['"*" with an effect known only at apply', { effect: '${TfToken[TOKEN.7]}', principal: '*', notPrincipal: false }, true],
    ['no principal', allow({}), false],
  ])('%s -> %p', (_label, statement, expected) => {
    expect(isPublicAllow(statement)).toBe(expected);
  });
});

describe('literals, references and policy variables', () => {
  test.each<[unknown, boolean]>([
    ['arn:aws:s3:::bucket', false],
    ['${aws_s3_bucket.b.arn}/*', true],
    ['${TfToken[TOKEN.3]}', true],
    ['#{TfToken[TOKEN.3]}', true],
    ['home/$${aws:username}/*', false],
    ['home/&{aws:username}/*', false],
    ['home/${aws:username}/*', false],
    [42, false],
  ])('isReference(%p) -> %p', (value, expected) => {
    expect(isReference(value)).toBe(expected);
    expect(isLiteral(value)).toBe(!expected);
  });

  test.each<[string, boolean]>([
    ['home/$${aws:username}/*', true],
    ['home/&{aws:username}/*', true],
    ['home/${aws:username}/*', true],
    ['${aws_s3_bucket.b.arn}', false],
    ['plain', false],
  ])('hasPolicyVariable(%p) -> %p', (value, expected) => {
    expect(hasPolicyVariable(value)).toBe(expected);
  });

  test.each<[string, string]>([
    ['home/&{aws:username}/&{aws:userid}', 'home/${aws:username}/${aws:userid}'],
    ['home/$${aws:username}/*', 'home/${aws:username}/*'],
    ['${TfToken[TOKEN.1]}/&{s3:prefix}', '${TfToken[TOKEN.1]}/${s3:prefix}'],
    ['&{*}', '${*}'],
    ["$${aws:userid, 'none'}", "${aws:userid, 'none'}"],
    ['$${aws_s3_bucket.b.arn}', '$${aws_s3_bucket.b.arn}'],
  ])('normalizePolicyVariables(%p) -> %p', (value, expected) => {
    expect(normalizePolicyVariables(value)).toBe(expected);
  });
});

describe('globMatches', () => {
  test.each<[string, string, boolean]>([
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/any/key', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    ['arn:aws:s3:::b?', 'arn:aws:s3:::bx', true],
    ['arn:aws:s3:::b?', 'arn:aws:s3:::b', false],
    ['arn:aws:s3:::b.c', 'arn:aws:s3:::bxc', false],
    ['*', '', true],
    ['ARN:aws:s3:::b', 'arn:aws:s3:::b', false],
  ])('%p matches %p -> %p', (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });
});

describe('grantPrincipalKind: what a grant to a principal takes', () => {
  const token = '${TfToken[TOKEN.7]}';
  test.each<[string, GrantPrincipalKind]>([
    ['444455556666', 'accountId'],
    ['arn:aws:iam::444455556666:root', 'accountRoot'],
    ['arn:aws-cn:iam::444455556666:root', 'accountRoot'],
    ['arn:aws:iam::444455556666:role/reader', 'role'],
    ['arn:aws-us-gov:iam::444455556666:role/team/app/reader+ci=1,x.y@z_w-v', 'role'],
    [token, 'reference'],
    [`arn:aws:iam::${token}:role/reader`, 'reference'],
    ['*', 'public'],
    ['arn:aws:iam::*:root', 'public'],
    ['arn:aws:iam::444455556666:role/read?r', 'public'],
    [`arn:aws:iam::${token}:role/*`, 'public'],
    ['arn:aws:iam::444455556666:user/alice', 'other'],
    ['arn:aws:sts::444455556666:assumed-role/reader/session', 'other'],
    ['arn:aws:iam::444455556666:group/readers', 'other'],
    ['s3.amazonaws.com', 'other'],
    ['4444555566667', 'other'],
    ['arn:aws:iam::444455556666:role/', 'other'],
    [`arn:aws:iam::444455556666:role/${'r'.repeat(65)}`, 'other'],
    ['arn:aws:iam::444455556666:root ', 'other'],
  ])('%s -> %s', (value, kind) => {
    expect(grantPrincipalKind(value)).toBe(kind);
  });
});
