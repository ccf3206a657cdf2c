import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { validateBucketName, validateBucketPrefix, validateLogPrefix } from '../../src/private/bucket-name';
import { PropValidator } from '../../src/private/validation';
import { errorOf, testApp } from '../support/synth';

function validator(): PropValidator {
  return new PropValidator(new Construct(new Construct(testApp(), 'stack'), 'Bucket'), 'EncryptedBucket');
}

describe('validateBucketName (S3 general-purpose bucket naming rules)', () => {
  test.each([
    ['3 characters', 'abc'],
    ['63 characters', 'a'.repeat(63)],
    ['digits only', '123'],
    ['dots and hyphens between letters', 'my.bucket-name.v2'],
    ['double hyphen inside', 'my--bucket'],
    ['three numeric labels (not an IP address)', '192.168.5'],
    ['reserved prefix not at the start', 'my-xn--bucket'],
    ['reserved suffix not at the end', 'a-s3alias-b'],
  ])('accepts %s: %s', (_label, name) => {
    expect(() => validateBucketName(validator(), name)).not.toThrow();
  });

  test.each([
    ['uppercase', 'MyBucket', /lowercase letters, digits/],
    ['underscore', 'my_bucket', /lowercase letters, digits/],
    ['space', 'my bucket', /lowercase letters, digits/],
    ['2 characters', 'ab', /3-63 characters/],
    ['64 characters', 'a'.repeat(64), /3-63 characters/],
    ['empty', '', /3-63 characters/],
    ['starting with -', '-bucket', /start and end with a letter or digit/],
    ['ending with -', 'bucket-', /start and end with a letter or digit/],
    ['starting with .', '.bucket', /start and end with a letter or digit/],
    ['ending with .', 'bucket.', /start and end with a letter or digit/],
    ['..', 'my..bucket', /"\.\."/],
    ['.-', 'my.-bucket', /"\.-"/],
    ['-.', 'my-.bucket', /"-\."/],
    ['an IP address', '192.168.5.4', /IP address/],
    ['prefix xn--', 'xn--bucket', /reserved prefix "xn--"/],
    ['prefix sthree-', 'sthree-bucket', /reserved prefix "sthree-"/],
    ['prefix amzn-s3-demo-', 'amzn-s3-demo-bucket', /reserved prefix "amzn-s3-demo-"/],
    ['suffix -s3alias', 'bucket-s3alias', /reserved suffix "-s3alias"/],
    ['suffix --ol-s3', 'bucket--ol-s3', /reserved suffix "--ol-s3"/],
    ['suffix .mrap', 'bucket.mrap', /reserved suffix "\.mrap"/],
    ['suffix --x-s3', 'bucket--x-s3', /reserved suffix "--x-s3"/],
    ['suffix --table-s3', 'bucket--table-s3', /reserved suffix "--table-s3"/],
  ])('rejects %s: %p', (_label, name, requirement) => {
    const error = errorOf(() => validateBucketName(validator(), name));
    expect(error.option).toBe('bucketName');
    expect(error.constructPath).toBe('stack/Bucket');
    expect(error.message).toContain('EncryptedBucket "stack/Bucket": bucketName ');
    expect(error.message).toContain(`(got "${name}")`);
    expect(error.message).toMatch(requirement);
  });

  test('lets undefined and unresolved names through', () => {
    const stack = new TerraformStack(testApp(), 's');
    const variable = new TerraformVariable(stack, 'name', { type: 'string' });
    expect(() => validateBucketName(validator(), undefined)).not.toThrow();
    expect(() => validateBucketName(validator(), variable.stringValue)).not.toThrow();
    expect(() => validateBucketName(validator(), Fn.lower('UPPER_CASE'))).not.toThrow();
  });
});

describe('validateBucketPrefix (Terraform appends 26 characters)', () => {
  test.each([
    ['1 character', 'a'],
    ['37 characters', 'a'.repeat(37)],
    ['ending with -', 'logs-'],
    ['ending with .', 'logs.'],
    ['a reserved suffix, which the generated tail moves away from the end', 'x-s3alias'],
    ['digits and dots like the start of an IP address', '10.0.0.'],
  ])('accepts %s: %p', (_label, prefix) => {
    expect(() => validateBucketPrefix(validator(), prefix)).not.toThrow();
  });

  test.each([
    ['38 characters', 'a'.repeat(38), /1-37 characters/],
    ['empty', '', /1-37 characters/],
    ['uppercase', 'Logs-', /lowercase letters, digits/],
    ['underscore', 'my_logs-', /lowercase letters, digits/],
    ['starting with -', '-logs', /start with a letter or digit/],
    ['..', 'my..logs', /"\.\."/],
    ['.-', 'my.-logs', /"\.-"/],
    ['prefix xn--', 'xn--logs', /reserved prefix "xn--"/],
    ['prefix sthree-', 'sthree-', /reserved prefix "sthree-"/],
    ['prefix amzn-s3-demo-', 'amzn-s3-demo-', /reserved prefix "amzn-s3-demo-"/],
  ])('rejects %s: %p', (_label, prefix, requirement) => {
    const error = errorOf(() => validateBucketPrefix(validator(), prefix));
    expect(error.option).toBe('bucketPrefix');
    expect(error.message).toContain('EncryptedBucket "stack/Bucket": bucketPrefix ');
    expect(error.message).toContain(`(got "${prefix}")`);
    expect(error.message).toMatch(requirement);
  });

  test('lets undefined and unresolved prefixes through', () => {
    expect(() => validateBucketPrefix(validator(), undefined)).not.toThrow();
    expect(() => validateBucketPrefix(validator(), Fn.upper('logs-'))).not.toThrow();
  });
});

describe('validateLogPrefix', () => {
  test.each(['logs/', 'raw/2026/', ''])('accepts %p', (prefix) => {
    expect(() => validateLogPrefix(validator(), 'prefix', prefix)).not.toThrow();
  });

  test.each(['logs/*', 'a?b/', 'a"b/', 'a\\b/', '%{x}/', '${x}/'])('rejects %p, which would widen or break the policy', (prefix) => {
    expect(errorOf(() => validateLogPrefix(validator(), 'prefix', prefix)).message).toMatch(/prefix must not contain/);
  });

  test('accepts a token', () => {
    const stack = new TerraformStack(testApp(), 's');
    const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' });
    expect(() => validateLogPrefix(validator(), 'prefix', prefix.stringValue)).not.toThrow();
  });
});
