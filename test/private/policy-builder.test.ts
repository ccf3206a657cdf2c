import { Construct } from 'constructs';
import { PolicyBuilder } from '../../src/private/policy-builder';
import { PolicyStatementJson } from '../../src/private/policy-document';
import { PropValidator } from '../../src/private/validation';
import { errorOf, testApp } from '../support/synth';

function builder(): PolicyBuilder {
  return new PolicyBuilder(new PropValidator(new Construct(new Construct(testApp(), 'stack'), 'Bucket'), 'EncryptedBucket'), 'bucket', []);
}

const GRANT: PolicyStatementJson = {
  Sid: 'Grant', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:root'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'],
};

describe('statements the construct adds after construction', () => {
  test.each<[string, Partial<PolicyStatementJson>]>([
    ['the "*" principal', { Principal: '*' }],
    ['"*" among the AWS principals', { Principal: { AWS: ['arn:aws:iam::444455556666:root', '*'] } }],
    ['NotPrincipal', { Principal: undefined, NotPrincipal: { AWS: ['arn:aws:iam::444455556666:root'] } }],
  ])('are refused when they Allow everyone: %s', (_label, change) => {
    const error = errorOf(() => builder().add({ ...GRANT, ...change }, 'grantReadToPrincipal'));
    expect(error.message).toMatch(/^EncryptedBucket "stack\/Bucket": grantReadToPrincipal must not Allow the "\*" principal/);
  });

  test('are accepted when a condition limits the caller', () => {
    const policy = builder();
    policy.add({ ...GRANT, Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ['444455556666'] } } }, 'grantReadToPrincipal');
    expect(policy.statements).toHaveLength(1);
  });

  test('addOnce adds a statement once; another statement with the same Sid is refused', () => {
    const policy = builder();
    expect(policy.addOnce(GRANT, 'grantReadToPrincipal')).toBe(true);
    expect(policy.addOnce({ ...GRANT }, 'grantReadToPrincipal')).toBe(false);
    expect(policy.statements).toEqual([GRANT]);
    const error = errorOf(() => policy.addOnce({ ...GRANT, Action: ['s3:PutObject'] }, 'grantWriteToPrincipal'));
    expect(error.message).toBe('EncryptedBucket "stack/Bucket": grantWriteToPrincipal must use a Sid that is not already in the bucket policy (got "Grant")');
  });
});
