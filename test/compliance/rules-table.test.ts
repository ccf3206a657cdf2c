import * as fs from 'fs';
import * as path from 'path';
import { EncryptionCompliance } from '../../src';

/** The README's rule table, generated from `EncryptionCompliance.RULES`. */
function rulesTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const ids = (list: string[]) => (list.length === 0 ? '-' : list.join(', '));
  return [
    '| Rule | Checks | Fix | cdk-nag | checkov | trivy |',
    '| --- | --- | --- | --- | --- | --- |',
    ...EncryptionCompliance.RULES.map((r) =>
      `| \`${r.id}\` | ${cell(r.description)} | ${cell(r.fix)} | ${ids(r.cdkNag)} | ${ids(r.checkov)} | ${ids(r.trivy)} |`),
  ].join('\n');
}

/** The scanner rules of the security floor the library targets (S1, optional logging, aside). */
const SECURITY_FLOOR = [
  'AwsSolutions-S2', 'AwsSolutions-S10', 'AwsSolutions-KMS5',
  'CKV_AWS_145', 'CKV_AWS_19', 'CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV2_AWS_65',
  'CKV_AWS_21', 'CKV_AWS_7', 'CKV2_AWS_64', 'CKV_AWS_33', 'CKV_AWS_227',
  'AVD-AWS-0065', 'AVD-AWS-0132', 'AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094', 'AVD-AWS-0090',
];

describe('EncryptionCompliance.RULES', () => {
  const rules = EncryptionCompliance.RULES;

  test('has twelve rules with unique, stable ids', () => {
    expect(rules.map((r) => r.id)).toEqual([
      'S3-SSE-CMK', 'S3-BUCKET-KEY', 'S3-PUBLIC-ACCESS', 'S3-HTTPS-ONLY', 'S3-OWNERSHIP', 'S3-VERSIONING', 'S3-SSE-C-BLOCKED',
      'KMS-ROTATION', 'KMS-KEY-POLICY', 'KMS-LOCKOUT-CHECK', 'KMS-DELETION-WINDOW', 'KMS-KEY-ENABLED',
    ]);
  });

  test.each(EncryptionCompliance.RULES.map((r) => [r.id, r]))('%s is complete and well-formed', (id, rule) => {
    expect(rule.resourceType).toBe(id.startsWith('S3-') ? 'aws_s3_bucket' : 'aws_kms_key');
    expect(rule.description).toMatch(/^\S.*\.$/);
    expect(rule.fix).toMatch(/^\S.*\.$/);
    rule.cdkNag.forEach((r) => expect(r).toMatch(/^AwsSolutions-[A-Z0-9]+$/));
    rule.checkov.forEach((r) => expect(r).toMatch(/^CKV2?_AWS_\d+$/));
    rule.trivy.forEach((r) => expect(r).toMatch(/^AVD-AWS-\d{4}$/));
  });

  test('covers every scanner rule of the security floor', () => {
    const covered = rules.flatMap((r) => [...r.cdkNag, ...r.checkov, ...r.trivy]);
    expect(SECURITY_FLOOR.filter((id) => !covered.includes(id))).toEqual([]);
  });

  test('is what the README documents', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(rulesTable());
  });
});
