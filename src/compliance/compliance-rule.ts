/**
 * One rule of `EncryptionCompliance`: what it checks, how to fix a finding, and the
 * rules of common scanners that check the same thing.
 */
export interface ComplianceRule {
  /** The stable id used in findings and acknowledgements, such as `S3-SSE-CMK`. */
  readonly id: string;

  /** The Terraform resource type findings are reported on: `aws_s3_bucket` or `aws_kms_key`. */
  readonly resourceType: string;

  /** What the rule checks, in one sentence. */
  readonly description: string;

  /** How to fix a finding, in one line. */
  readonly fix: string;

  /** The cdk-nag AwsSolutions rules that check the same thing (empty when none does). */
  readonly cdkNag: string[];

  /** The checkov rules that check the same thing (empty when none does). */
  readonly checkov: string[];

  /** The trivy rules that check the same thing (empty when none does). */
  readonly trivy: string[];
}
