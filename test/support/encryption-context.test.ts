/**
 * `withEncryptionContext` and `evaluateWithS3Context`: the encryption-context conditions
 * that iam-simulate ignores are decided in test support, and nothing else is skipped.
 */
import { evaluateWithS3Context, S3_ARN_CONTEXT_KEY, withEncryptionContext } from './iam';

const BUCKET = 'arn:aws:s3:::data';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::111122223333:role/replication';
const statement = (Effect: string, operator: string, values: string[], extra: object = {}) => ({
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
    const out = withEncryptionContext(doc(statement('Allow', operator, values)), context);
    expect(out.Statement).toHaveLength(kept ? 1 : 0);
  });

  test('a kept statement keeps its other conditions, without the encryption-context one', () => {
    const out = withEncryptionContext(doc(statement('Allow', 'StringLike', [`${BUCKET}/*`], { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } })), `${BUCKET}/x`);
    expect(out.Statement[0].Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } });
  });

  test('an operator it does not model is refused, not guessed', () => {
    expect(() => withEncryptionContext(doc(statement('Allow', 'ForAnyValue:StringLike', ['x'])), 'x')).toThrow(/does not model/);
  });
});

describe('evaluateWithS3Context', () => {
  const policy = doc({
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: KEY,
    Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, StringLike: { [S3_ARN_CONTEXT_KEY]: [`${BUCKET}/*`] } },
  });
  const request = (via: string | undefined) => ({
    principal: ROLE,
    action: 'kms:Decrypt',
    resource: KEY,
    identityPolicies: [policy],
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
