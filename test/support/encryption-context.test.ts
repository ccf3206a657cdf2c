/**
 * `resolveEncryptionContext` decides the encryption-context conditions that iam-simulate
 * cannot; the policy tests rely on it, so it is tested on its own first.
 */
import { resolveEncryptionContext } from './iam';

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
  const negated = { Version: '2012-10-17', Statement: [statement('Not', { StringNotLike: { [CONTEXT_KEY]: 'arn:aws:s3:::data/*' } })] };
  expect(() => resolveEncryptionContext(negated, { 'aws:s3:arn': 'arn:aws:s3:::data/x' })).toThrow(/does not evaluate StringNotLike/);
});
