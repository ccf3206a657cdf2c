import { readPolicy, Statement } from './policy-reader';
import { blockList, Element, StackModel } from './stack-model';

/**
 * What the S3 rules read from a bucket and the resources linked to it, kept apart from
 * the rules so that each rule file holds only its own check.
 */

export const SSE_CONFIGURATION = 'aws_s3_bucket_server_side_encryption_configuration';

export interface DefaultEncryption {
  readonly algorithm: unknown;
  readonly kmsKeyId: unknown;
  readonly bucketKeyEnabled: unknown;
  /** `blocked_encryption_types` (AWS provider 6.22+): `["SSE-C"]` blocks SSE-C writes at S3, `["NONE"]` lets them in. */
  readonly blockedEncryptionTypes: unknown;
  /** The address of the resource that configures it, for messages. */
  readonly source: string;
}

/** The bucket's default encryption, from its configuration resource or the deprecated inline block. */
export function defaultEncryption(bucket: Element, model: StackModel): DefaultEncryption | undefined {
  const configurations = [
    ...model.linkedToBucket(SSE_CONFIGURATION, bucket).map((e) => ({ rules: e.config.rule, source: e.address })),
    ...(blockList(bucket.config.server_side_encryption_configuration ?? []) ?? [])
      .map((block) => ({ rules: block.rule, source: `${bucket.address} (inline)` })),
  ];
  if (configurations.length === 0) return undefined;
  const { rules, source } = configurations[0];
  const rule = blockList(rules ?? [])?.[0];
  const byDefault = blockList(rule?.apply_server_side_encryption_by_default ?? [])?.[0];
  return {
    algorithm: byDefault?.sse_algorithm,
    kmsKeyId: byDefault?.kms_master_key_id,
    bucketKeyEnabled: rule?.bucket_key_enabled,
    blockedEncryptionTypes: rule?.blocked_encryption_types,
    source,
  };
}

/** One policy of a bucket, read: `statements` is undefined when it cannot be read at synth. */
export interface BucketPolicyRead {
  /** The address of the resource that holds it, for messages. */
  readonly source: string;
  readonly statements: Statement[] | undefined;
}

/** The bucket's policies: each `aws_s3_bucket_policy` for it, and the deprecated inline `policy`. */
export function bucketPolicies(bucket: Element, model: StackModel): BucketPolicyRead[] {
  const policies = [
    ...model.linkedToBucket('aws_s3_bucket_policy', bucket).map((e) => ({ source: e.address, policy: e.config.policy })),
    ...(bucket.config.policy === undefined ? [] : [{ source: `${bucket.address} (inline policy)`, policy: bucket.config.policy }]),
  ];
  return policies.map(({ source, policy }) => ({ source, statements: readPolicy(policy, (type, name) => model.dataSource(type, name)) }));
}

/** Several resources configure the same setting of one bucket: only the last applied counts. */
export function competing(elements: Element[]): string {
  return `${elements.map((e) => e.address).join(' and ')} configure the same bucket setting; S3 keeps only the last one applied`;
}

/**
 * What a `kms_master_key_id` names, when it can be known at synth time: a literal ARN,
 * id or alias; a key of this stack; or the alias or key id given to a KMS data source.
 */
export function keyNamed(kmsKeyId: string, model: StackModel): string | undefined {
  if (!kmsKeyId.includes('${')) return kmsKeyId;
  if (MANAGED_KEY_REF.test(kmsKeyId)) return kmsKeyId;
  const data = KMS_DATA_REF.exec(kmsKeyId);
  if (!data) return undefined;
  const config = model.dataSource(data[1], data[2]);
  const named = data[1] === 'aws_kms_alias' ? config?.name : config?.key_id;
  return typeof named === 'string' && !named.includes('${') ? named : undefined;
}

/** A reference to an `aws_kms_key` or `aws_kms_replica_key` resource: a customer-managed key of this stack. */
const MANAGED_KEY_REF = /^\$\{aws_kms_(key|replica_key)\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.(arn|id|key_id)\}$/;
/** A reference to an `aws_kms_alias` or `aws_kms_key` data source. */
const KMS_DATA_REF = /^\$\{data\.(aws_kms_alias|aws_kms_key)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.[a-z_]+\}$/;

/**
 * Strings to test policy Resource patterns against: the bucket ARN and an ARN that only
 * a pattern covering every object matches. Buckets without a literal name get a
 * placeholder that only references to the bucket (or wildcards) turn into.
 */
export function arnTargets(bucket: Element): { bucket: string; objects: string } {
  const arn = `arn:aws:s3:::${bucketName(bucket)}`;
  return { bucket: arn, objects: `${arn}/\u0000any/key` };
}

/** Rewrites references to the bucket and to the partition as the literal text they stand for. */
export function normalizeArn(resource: string, bucket: Element): string {
  const ref = (attribute: string) => `\${aws_s3_bucket.${bucket.name}.${attribute}}`;
  return resource
    .split(ref('arn')).join(`arn:aws:s3:::${bucketName(bucket)}`)
    .split(ref('id')).join(bucketName(bucket))
    .split(ref('bucket')).join(bucketName(bucket))
    .replace(/\$\{data\.aws_partition\.[A-Za-z0-9_-]+\.partition\}/g, 'aws')
    .replace(/^arn:aws-[a-z-]+:/, 'arn:aws:');
}

function bucketName(bucket: Element): string {
  const name = bucket.config.bucket;
  return typeof name === 'string' && !name.includes('${') ? name : '\u0000bucket';
}
