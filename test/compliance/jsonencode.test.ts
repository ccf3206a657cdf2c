import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DefaultTokenResolver, Fn, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import { parseJsonencode } from '../../src/compliance/private/jsonencode';
import { testApp } from '../support/synth';

/** What cdktf synthesizes for `Fn.jsonencode(value)`, references and all. */
function rendered(stack: TerraformStack, value: unknown): string {
  return Tokenization.resolve(Fn.jsonencode(value), { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
}

describe('parseJsonencode', () => {
  const stack = new TerraformStack(testApp(), 'stack');
  const bucket = new S3Bucket(stack, 'logs', {});

  test.each([
    ['a policy as our constructs write it', {
      Version: '2012-10-17',
      Statement: [{
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*'],
        Resource: [bucket.arn, `${bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
      }],
    }],
    ['scalars', { n: 1.5, big: 1e21, negative: -3, yes: true, no: false, nothing: null, empty: '', list: [] }],
    ['nested lists and objects', { a: [[1, [2]], { b: { c: [{}] } }] }],
    ['strings with newlines, tabs and unicode', { s: 'newline \n tab \t unicode ✓ emoji 😀' }],
    ['a literal ${ (escaped as $${)', { s: 'literal ${not.a.ref}' }],
    ['keys that need quotes', { 'aws:SecureTransport': 'x', 'with space': 1, '0digit': 2, '': 3 }],
    ['a reference inside a template', { arn: `arn:aws:s3:::${bucket.bucket}/prefix/*` }],
  ])('reads back %s', (_, value) => {
    const json = JSON.parse(Tokenization.resolve(JSON.stringify(value), {
      scope: stack, resolver: new DefaultTokenResolver(new StringConcat()),
    }).replace(/\$\{(?!aws_s3_bucket)/g, () => '$${'));
    expect(parseJsonencode(rendered(stack, value))).toEqual(json);
  });

  test('keeps bare references as "${...}" strings', () => {
    expect(parseJsonencode(rendered(stack, { Resource: [bucket.arn] }))).toEqual({ Resource: ['${aws_s3_bucket.logs.arn}'] });
  });

  test.each([
    ['identifier keys, colons and newlines', '${jsonencode({\n  a = 1\n  b: [x.y.z, "s"]\n})}', { a: 1, b: ['${x.y.z}', 's'] }],
    ['indexed references', '${jsonencode([aws_s3_bucket.b[0].arn, var.m["k"], data.x.y.list.0])}',
      ['${aws_s3_bucket.b[0].arn}', '${var.m["k"]}', '${data.x.y.list.0}']],
    ['interpolations with nested strings and braces', '${jsonencode("a-${lookup({"k" = "}"}, "k")}-b")}',
      'a-${lookup({"k" = "}"}, "k")}-b'],
    ['a trailing comma', '${jsonencode([1, 2,])}', [1, 2]],
    ['\\u escapes', '${jsonencode("\\u0041\\U0001F600")}', 'A😀'],
  ])('reads HCL written by hand: %s', (_, expression, expected) => {
    expect(parseJsonencode(expression)).toEqual(expected);
  });

  // cdktf 0.21 leaves these unescaped inside jsonencode, so Terraform would not read
  // them as written either: the policy is reported, not guessed.
  test.each([
    ['a double quote', { s: 'say "hi"' }],
    ['a literal %{', { s: '%{if} x' }],
  ])('returns undefined for a string with %s, which cdktf renders unescaped', (_, value) => {
    expect(parseJsonencode(rendered(stack, value))).toBeUndefined();
  });

  test('reads an unescaped backslash the way Terraform will', () => {
    expect(parseJsonencode(rendered(stack, { s: 'C:\\temp' }))).toEqual({ s: 'C:\temp' });
  });

  test.each([
    ['a function call', '${jsonencode(concat(["a"], ["b"]))}'],
    ['a function call inside an object', '${jsonencode({"a" = merge(x.y, {})})}'],
    ['an operator', '${jsonencode({"a" = 1 + 2})}'],
    ['a conditional', '${jsonencode({"a" = var.x ? "y" : "z"})}'],
    ['a for expression', '${jsonencode([for s in var.l : s])}'],
    ['a lone name', '${jsonencode({"a" = each})}'],
    ['a template directive', '${jsonencode("%{if true}x%{endif}")}'],
    ['a heredoc', '${jsonencode(<<EOT\nx\nEOT\n)}'],
    ['a splat', '${jsonencode(aws_s3_bucket.b[*].arn)}'],
    ['an unterminated string', '${jsonencode("abc)}'],
    ['an unknown escape', '${jsonencode("\\q")}'],
    ['text after the call', '${jsonencode({})} and more'],
    ['another function', '${yamlencode({})}'],
    ['a plain string', '{"Version": "2012-10-17"}'],
    ['an object without separators', '${jsonencode({"a" = 1 "b" = 2})}'],
  ])('returns undefined for %s', (_, expression) => {
    expect(parseJsonencode(expression)).toBeUndefined();
  });
});
