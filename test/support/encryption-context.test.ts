/**
 * `resolveEncryptionContext` (and `withEncryptionContext`, `evaluateWithS3Context` on top
 * of it) decide the encryption-context conditions that iam-simulate cannot; the policy
 * tests rely on them, so they are tested on their own first.
 */
import { evaluateWithS3Context, resolveEncryptionContext, S3_ARN_CONTEXT_KEY, withEncryptionContext } from './iam';

const CONTEXT_KEY = 'kms:EncryptionContext:aws:s3:arn';
const statement = (Sid: string, Condition?: object) => ({ Sid, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kms:Decrypt', Resource: '*', Condition });
const policy = {
  Version: '2012-10-17',
  Statement: [
    statement('Like', { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, StringLike: { [CONTEXT_KEY]: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] } }),
    statement('Equals', { StringEquals: { [CONTEXT_KEY]: 'arn:aws:s3:::data', 'kms:ViaService': 's3.us-east-1.amazonaws.com' } }),
    statement('None'),
  ],
};
const sids = (resolved: any) => resolved.Statement.map((s: any) => s.Sid);

test('statements whose encryption-context conditions hold stay, without them; the other conditions are left for the simulator', () => {
  const resolved = resolveEncryptionContext(policy, { 'aws:s3:arn': 'arn:aws:s3:::data' });
  expect(resolved.Statement).toEqual([
    { ...statement('Like'), Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
    { ...statement('Equals'), Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
    statement('None'),
  ]);
});

test.each([
  ['an object of the bucket matches StringLike only', { 'aws:s3:arn': 'arn:aws:s3:::data/reports/q1.csv' }, ['Like', 'None']],
  ['another bucket matches neither', { 'aws:s3:arn': 'arn:aws:s3:::data-other' }, ['None']],
  ['another bucket\'s object matches neither', { 'aws:s3:arn': 'arn:aws:s3:::other/data' }, ['None']],
  ['no encryption context matches neither', {}, ['None']],
  ['the key name is matched case-insensitively', { 'AWS:S3:ARN': 'arn:aws:s3:::data' }, ['Like', 'Equals', 'None']],
])('%s', (_label, context, expected) => {
  expect(sids(resolveEncryptionContext(policy, context))).toEqual(expected);
});

test('an operator it does not evaluate is an error, not a guess', () => {
  const other = { Version: '2012-10-17', Statement: [statement('Any', { 'ForAnyValue:StringLike': { [CONTEXT_KEY]: 'arn:aws:s3:::data/*' } })] };
  expect(() => resolveEncryptionContext(other, { 'aws:s3:arn': 'arn:aws:s3:::data/x' })).toThrow(/does not evaluate ForAnyValue:StringLike/);
});

const BUCKET = 'arn:aws:s3:::data';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::111122223333:role/replication';
const contextStatement = (Effect: string, operator: string, values: string[], extra: object = {}) => ({
  Effect, Action: 'kms:Decrypt', Resource: KEY, Condition: { [operator]: { [S3_ARN_CONTEXT_KEY]: values }, ...extra },
});
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('withEncryptionContext', () => {
  test.each([
    ['StringLike, matching the object pattern', 'StringLike', [`${BUCKET}/*`], `${BUCKET}/a.txt`, true],
    ['StringLike, another bucket', 'StringLike', [`${BUCKET}/*`], 'arn:aws:s3:::other/a.txt', false],
    ['StringLike, the bucket ARN (bucket key) against the object pattern', 'StringLike', [`${BUCKET}/*`], BUCKET, false],
    ['StringEquals, the bucket ARN', 'StringEquals', [BUCKET], BUCKET, true],
    ['StringLike, no context at all', 'StringLike', [`${BUCKET}/*`], undefined, false],
    ['StringNotLike, another bucket', 'StringNotLike', [`${BUCKET}/*`], 'arn:aws:s3:::other/a', true],
    ['StringNotLike, this bucket', 'StringNotLike', [`${BUCKET}/*`], `${BUCKET}/a`, false],
  ])('%s', (_what, operator, values, context, kept) => {
    const out = withEncryptionContext(doc(contextStatement('Allow', operator, values)), context);
    expect(out.Statement).toHaveLength(kept ? 1 : 0);
  });

  test('a kept statement keeps its other conditions, without the encryption-context one', () => {
    const out = withEncryptionContext(doc(contextStatement('Allow', 'StringLike', [`${BUCKET}/*`], { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } })), `${BUCKET}/x`);
    expect(out.Statement[0].Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } });
  });

  test('an operator it does not model is refused, not guessed', () => {
    expect(() => withEncryptionContext(doc(contextStatement('Allow', 'ForAnyValue:StringLike', ['x'])), 'x')).toThrow(/does not evaluate ForAnyValue:StringLike/);
  });
});

describe('evaluateWithS3Context', () => {
  const rolePolicy = doc({
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: KEY,
    Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, StringLike: { [S3_ARN_CONTEXT_KEY]: [`${BUCKET}/*`] } },
  });
  const request = (via: string | undefined) => ({
    principal: ROLE,
    action: 'kms:Decrypt',
    resource: KEY,
    identityPolicies: [rolePolicy],
    resourcePolicy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }),
    context: { 'kms:ViaService': via },
  });

  test('allowed through S3 for an object of the bucket; denied for another bucket or outside S3', async () => {
    expect(await evaluateWithS3Context(request('s3.us-east-1.amazonaws.com'), `${BUCKET}/a`)).toBe('Allowed');
    expect(await evaluateWithS3Context(request('s3.us-east-1.amazonaws.com'), 'arn:aws:s3:::other/a')).toBe('ImplicitlyDenied');
    expect(await evaluateWithS3Context(request(undefined), `${BUCKET}/a`)).toBe('ImplicitlyDenied');
  });

  test('fails when the simulator ignores any other context key', async () => {
    await expect(evaluateWithS3Context({ ...request('s3.us-east-1.amazonaws.com'), context: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 's3:prefix': 'x' } }, `${BUCKET}/a`))
      .rejects.toThrow(/ignored context keys s3:prefix/);
  });
});
