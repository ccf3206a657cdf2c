import { Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedS3ValidationError, isEncryptedS3ValidationError } from '../../src/errors';
import { PropValidator } from '../../src/private/validation';
import { errorOf, testApp } from '../support/synth';

function validator(): PropValidator {
  const app = testApp();
  return new PropValidator(new Construct(new Construct(app, 'stack'), 'Thing'), 'Widget');
}

describe('EncryptedS3ValidationError', () => {
  test('is an Error with its name, path and option, recognised by isEncryptedS3ValidationError', () => {
    const error = new EncryptedS3ValidationError('boom', 'a/b', 'opt');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(EncryptedS3ValidationError);
    expect(error.name).toBe('EncryptedS3ValidationError');
    expect(error.message).toBe('boom');
    expect(error.constructPath).toBe('a/b');
    expect(error.option).toBe('opt');
    expect(isEncryptedS3ValidationError(error)).toBe(true);
  });

  test('isEncryptedS3ValidationError recognises a copy from another library instance by name only', () => {
    const copy = new Error('x');
    copy.name = 'EncryptedS3ValidationError';
    expect(isEncryptedS3ValidationError(copy)).toBe(true);
    expect(isEncryptedS3ValidationError(new Error('x'))).toBe(false);
    expect(isEncryptedS3ValidationError({ name: 'EncryptedS3ValidationError' })).toBe(false);
    expect(isEncryptedS3ValidationError(undefined)).toBe(false);
  });
});

describe('PropValidator.fail', () => {
  test('names the kind, the path, the option, the requirement and the quoted string value', () => {
    const error = errorOf(() => validator().fail('colour', 'must be blue', 'red'));
    expect(error.message).toBe('Widget "stack/Thing": colour must be blue (got "red")');
    expect(error.constructPath).toBe('stack/Thing');
    expect(error.option).toBe('colour');
  });

  test('shows numbers and booleans unquoted', () => {
    expect(errorOf(() => validator().fail('n', 'must be small', 5)).message).toMatch(/ \(got 5\)$/);
    expect(errorOf(() => validator().fail('b', 'must be false', true)).message).toMatch(/ \(got true\)$/);
  });

  test('leaves out "(got ...)" when there is no value', () => {
    expect(errorOf(() => validator().fail('x', 'is required')).message).toBe('Widget "stack/Thing": x is required');
  });
});

describe('PropValidator.integerInRange', () => {
  test.each([7, 8, 30])('accepts %p in [7, 30]', (value) => {
    expect(() => validator().integerInRange('days', value, 7, 30)).not.toThrow();
  });

  test.each([6, 31, 7.5, -1, NaN, Infinity])('rejects %p', (value) => {
    const error = errorOf(() => validator().integerInRange('days', value, 7, 30));
    expect(error.option).toBe('days');
    expect(error.message).toContain('days must be an integer between 7 and 30');
    expect(error.message).toContain(`(got ${value})`);
  });

  test('accepts undefined and unresolved numbers', () => {
    const v = validator();
    const variable = new TerraformVariable(new TerraformStack(testApp(), 's'), 'n', { type: 'number' });
    expect(() => v.integerInRange('days', undefined, 7, 30)).not.toThrow();
    expect(() => v.integerInRange('days', Token.asNumber(variable.value), 7, 30)).not.toThrow();
    expect(() => v.integerInRange('days', variable.numberValue, 7, 30)).not.toThrow();
  });
});

describe('PropValidator.oneOf', () => {
  test('accepts a listed value, undefined and a token', () => {
    const v = validator();
    expect(() => v.oneOf('tls', 1.3, [1.2, 1.3])).not.toThrow();
    expect(() => v.oneOf('tls', undefined, [1.2, 1.3])).not.toThrow();
    expect(() => v.oneOf('mode', Fn.lower('A'), ['a', 'b'])).not.toThrow();
  });

  test('rejects anything else and lists what is allowed', () => {
    const error = errorOf(() => validator().oneOf('mode', 'c', ['a', 'b']));
    expect(error.message).toBe('Widget "stack/Thing": mode must be one of "a", "b" (got "c")');
    expect(errorOf(() => validator().oneOf('tls', 1.4, [1.2, 1.3])).message).toContain('tls must be one of 1.2, 1.3 (got 1.4)');
  });
});

describe('PropValidator.principalArns', () => {
  test.each([
    'arn:aws:iam::111122223333:root',
    'arn:aws:iam::111122223333:role/admin',
    'arn:aws:iam::111122223333:user/path/alice',
    'arn:aws:sts::111122223333:assumed-role/admin/session',
    'arn:aws-us-gov:iam::111122223333:role/admin',
    'arn:aws-cn:iam::111122223333:role/admin',
  ])('accepts %s', (arn) => {
    expect(() => validator().principalArns('admins', [arn])).not.toThrow();
  });

  test.each([
    'admin',
    '111122223333',
    '*',
    'arn:aws:iam::1111:role/admin',
    'arn:aws:s3:::bucket',
    'arn:aws:kms:us-east-1:111122223333:key/1234',
    'arn:aws:iam::111122223333:',
  ])('rejects %s, naming it and the expected form', (arn) => {
    const error = errorOf(() => validator().principalArns('admins', ['arn:aws:iam::111122223333:role/ok', arn]));
    expect(error.option).toBe('admins');
    expect(error.message).toContain(`(got "${arn}")`);
    expect(error.message).toContain('arn:aws:iam::111122223333:role/name');
  });

  test('accepts undefined, token entries and a list token', () => {
    const v = validator();
    expect(() => v.principalArns('admins', undefined)).not.toThrow();
    expect(() => v.principalArns('admins', [Fn.lower('ARN')])).not.toThrow();
    expect(() => v.principalArns('admins', Token.asList(Fn.split(',', 'a,b')))).not.toThrow();
  });
});

describe('PropValidator.notWith', () => {
  test('passes when the option is unset and fails with the reason when it is set', () => {
    expect(() => validator().notWith('x', undefined, 'when y is false')).not.toThrow();
    expect(errorOf(() => validator().notWith('x', 0, 'when y is false')).message)
      .toBe('Widget "stack/Thing": x cannot be set when y is false (got 0)');
    expect(errorOf(() => validator().notWith('x', false, 'here')).message).toContain('(got false)');
  });
});
