import { KmsKey, KmsKeyConfig } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock, S3BucketPublicAccessBlockConfig } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import {
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketServerSideEncryptionConfigurationRuleA,
} from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Aspects, Fn, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptionCompliance, EncryptionComplianceProps } from '../../src';
import { testStack } from '../support/synth';

export const ACCOUNT_ROOT = 'arn:aws:iam::111122223333:root';

/** A stack with an AWS provider, in a fresh test app. */
export function newStack(id = 'stack'): TerraformStack {
  return testStack(id);
}

export interface Finding {
  readonly ruleId: string;
  readonly path: string;
  readonly address: string;
  readonly message: string;
}

const FINDING = /^\s*\[[^\]]+\] ([A-Z0-9]+-[A-Z0-9-]+) (\S+) \(([^)]+)\): (.*)$/;

/**
 * Adds the check (error level) to `stack`, synthesizes it with validations and returns
 * the findings the synth error lists; none when synthesis succeeds.
 */
export function findingsOf(stack: TerraformStack, props: EncryptionComplianceProps = {}): Finding[] {
  Aspects.of(stack).add(new EncryptionCompliance(props));
  try {
    Testing.synth(stack, true);
    return [];
  } catch (e) {
    const lines = String((e as Error).message).split('\n');
    const findings = lines.map((line) => FINDING.exec(line)).filter((m): m is RegExpExecArray => m !== null)
      .map(([, ruleId, path, address, message]) => ({ ruleId, path, address, message }));
    if (findings.length === 0) throw e;
    return findings;
  }
}

/** The message synthesis with validations fails with; empty when it succeeds. */
export function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** `RULE path` for each finding, sorted, for compact assertions. */
export function verdict(stack: TerraformStack, props: EncryptionComplianceProps = {}): string[] {
  return findingsOf(stack, props).map((f) => `${f.ruleId} ${f.path}`).sort();
}

/** A key that passes every KMS rule: rotation on, an explicit policy naming the account root. */
export function compliantKey(stack: TerraformStack, id = 'Key', config: KmsKeyConfig = {}): KmsKey {
  return new KmsKey(stack, id, {
    enableKeyRotation: true,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'kms:*', Resource: '*' }],
    }),
    ...config,
  });
}

/** The HTTPS-only statement for `arn`, in IAM's JSON shape. */
export function httpsOnlyStatement(arn: string, resources = [arn, `${arn}/*`]): Record<string, unknown> {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Which parts of a hand-written bucket to leave out or configure differently. */
export interface RawBucketOptions {
  /** Where the bucket itself is created; the other resources are always children of the stack. */
  readonly bucketScope?: Construct;
  readonly bucketName?: string;
  readonly encryption?: false | S3BucketServerSideEncryptionConfigurationRuleA;
  /** The rule's `blocked_encryption_types`, or false to leave it out; by default `["SSE-C"]`. */
  readonly blockedEncryptionTypes?: false | string[];
  readonly publicAccessBlock?: false | Partial<S3BucketPublicAccessBlockConfig>;
  readonly objectOwnership?: false | string;
  readonly versioningStatus?: false | string;
  /** The bucket policy; by default `Fn.jsonencode` of the HTTPS-only statement. */
  readonly policy?: false | ((bucket: S3Bucket) => string);
}

/**
 * A bucket built from raw provider classes, compliant with every S3 rule unless an
 * option says otherwise.
 */
export function rawBucket(stack: TerraformStack, id: string, options: RawBucketOptions = {}): S3Bucket {
  const bucket = new S3Bucket(options.bucketScope ?? stack, id, { bucket: options.bucketName });
  if (options.encryption !== false) {
    const key = options.encryption ? undefined : compliantKey(stack, `${id}Key`);
    const configuration = new S3BucketServerSideEncryptionConfigurationA(stack, `${id}Encryption`, {
      bucket: bucket.id,
      rule: [options.encryption ?? {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key!.arn },
        bucketKeyEnabled: true,
      }],
    });
    // Written as an override: AWS provider 5.x bindings have no such field.
    const blocked = options.blockedEncryptionTypes ?? ['SSE-C'];
    if (blocked !== false) configuration.addOverride('rule.0.blocked_encryption_types', blocked);
  }
  if (options.publicAccessBlock !== false) {
    new S3BucketPublicAccessBlock(stack, `${id}PublicAccessBlock`, {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      ...options.publicAccessBlock,
    });
  }
  if (options.objectOwnership !== false) {
    new S3BucketOwnershipControls(stack, `${id}Ownership`, {
      bucket: bucket.id,
      rule: { objectOwnership: options.objectOwnership ?? 'BucketOwnerEnforced' },
    });
  }
  if (options.versioningStatus !== false) {
    new S3BucketVersioningA(stack, `${id}Versioning`, {
      bucket: bucket.id,
      versioningConfiguration: { status: options.versioningStatus ?? 'Enabled' },
    });
  }
  if (options.policy !== false) {
    const policy = options.policy?.(bucket)
      ?? Fn.jsonencode({ Version: '2012-10-17', Statement: [httpsOnlyStatement(bucket.arn)] });
    new S3BucketPolicy(stack, `${id}Policy`, { bucket: bucket.id, policy });
  }
  return bucket;
}

/** The acknowledgements recorded under `"//"` in a synthesized resource. */
export function acknowledgedIn(json: any, type: string, name: string): unknown {
  return json.resource[type][name]['//'].encryption_compliance?.acknowledged;
}

/** The Terraform name of the bucket whose name starts with `prefix`. */
export function bucketName(json: any, prefix: string): string {
  return Object.keys(json.resource.aws_s3_bucket).find((name) => name.startsWith(prefix))!;
}
