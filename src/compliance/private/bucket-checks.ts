import { Check, CheckContext, isTrue } from './check';
import { readPolicy, Statement } from './policy-reader';
import { blockList, Element, StackModel } from './stack-model';
import { globMatches, isPublicPrincipal } from '../../private/iam';

const BUCKET = 'aws_s3_bucket';
const SSE_CONFIGURATION = 'aws_s3_bucket_server_side_encryption_configuration';
const PUBLIC_ACCESS_SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
/** `alias/aws/s3` as an alias name or inside an alias ARN. */
const AWS_MANAGED_KEY = /(^|[:/])alias\/aws\//;

/** The rules for `aws_s3_bucket`, each reading the resources linked to the bucket. */
export const BUCKET_CHECKS: Check[] = [
  {
    rule: {
      id: 'S3-SSE-CMK',
      resourceType: BUCKET,
      description: 'Default encryption is SSE-KMS (or DSSE-KMS) with a customer-managed key; SSE-S3 only for buckets that receive server access logs.',
      fix: 'Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "aws:kms" and kms_master_key_id set to your key\'s ARN (EncryptedBucket does by default).',
      cdkNag: [],
      checkov: ['CKV_AWS_145', 'CKV_AWS_19'],
      trivy: ['AVD-AWS-0132'],
    },
    problem: (bucket, { model }) => {
      const configurations = model.linkedToBucket(SSE_CONFIGURATION, bucket);
      if (configurations.length > 1) return competing(configurations);
      const encryption = defaultEncryption(bucket, model);
      if (!encryption) return 'no server-side encryption configuration';
      const { algorithm, kmsKeyId, source } = encryption;
      if (algorithm === 'AES256') {
        return model.isLogTarget(bucket)
          ? undefined
          : `${source} uses SSE-S3 (AES256), which only a target_bucket of an aws_s3_bucket_logging may use`;
      }
      if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') {
        return `${source} has sse_algorithm ${JSON.stringify(algorithm)}, not a KMS algorithm known at synth time`;
      }
      if (typeof kmsKeyId !== 'string' || kmsKeyId === '') {
        return `${source} sets no kms_master_key_id, so S3 uses the AWS-managed aws/s3 key`;
      }
      const key = keyNamed(kmsKeyId, model);
      if (key === undefined) {
        return `${source} names its key with ${kmsKeyId}, known only at apply time; acknowledge S3-SSE-CMK if it is a customer-managed key`;
      }
      return AWS_MANAGED_KEY.test(key) ? `${source} uses the AWS-managed key ${key}` : undefined;
    },
  },
  {
    rule: {
      id: 'S3-BUCKET-KEY',
      resourceType: BUCKET,
      description: 'Buckets encrypted with aws:kms use an S3 Bucket Key, which cuts KMS requests by up to 99%.',
      fix: 'Set bucket_key_enabled = true on the encryption rule (EncryptedBucket: bucketKeyEnabled).',
      cdkNag: [],
      checkov: [],
      trivy: [],
    },
    problem: (bucket, { model }) => {
      const encryption = defaultEncryption(bucket, model);
      return encryption?.algorithm === 'aws:kms' && !isTrue(encryption.bucketKeyEnabled)
        ? `${encryption.source} leaves bucket_key_enabled off`
        : undefined;
    },
  },
  {
    rule: {
      id: 'S3-PUBLIC-ACCESS',
      resourceType: BUCKET,
      description: 'An aws_s3_bucket_public_access_block turns on all four settings.',
      fix: 'Add an aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets true (EncryptedBucket: blockPublicAccess).',
      cdkNag: ['AwsSolutions-S2'],
      checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
      trivy: ['AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094'],
    },
    problem: (bucket, { model }) => {
      const blocks = model.linkedToBucket('aws_s3_bucket_public_access_block', bucket);
      if (blocks.length === 0) return 'no aws_s3_bucket_public_access_block';
      if (blocks.length > 1) return competing(blocks);
      const gaps = blocks.map((block) => ({
        block,
        off: PUBLIC_ACCESS_SETTINGS.filter((setting) => !isTrue(block.config[setting])),
      }));
      if (gaps.some(({ off }) => off.length === 0)) return undefined;
      return `${gaps[0].block.address} does not set ${gaps[0].off.join(', ')} to true`;
    },
  },
  {
    rule: {
      id: 'S3-HTTPS-ONLY',
      resourceType: BUCKET,
      description: 'The bucket policy denies s3:* to everyone on both the bucket ARN and ARN/* when aws:SecureTransport is false.',
      fix: 'Add a bucket policy statement: Deny, Principal "*", Action "s3:*", Resource [arn, "arn/*"], Condition Bool aws:SecureTransport "false" (EncryptedBucket: enforceHttps).',
      cdkNag: ['AwsSolutions-S10'],
      checkov: [],
      trivy: [],
    },
    problem: httpsProblem,
  },
  {
    rule: {
      id: 'S3-OWNERSHIP',
      resourceType: BUCKET,
      description: 'Object ownership is BucketOwnerEnforced, which disables ACLs.',
      fix: 'Add an aws_s3_bucket_ownership_controls with object_ownership = "BucketOwnerEnforced" (EncryptedBucket: objectOwnership).',
      cdkNag: [],
      checkov: ['CKV2_AWS_65'],
      trivy: [],
    },
    problem: (bucket, { model }) => {
      const controls = model.linkedToBucket('aws_s3_bucket_ownership_controls', bucket);
      if (controls.length > 1) return competing(controls);
      const settings = controls.map((c) => blockList(c.config.rule ?? [])?.[0]?.object_ownership);
      if (settings.includes('BucketOwnerEnforced')) return undefined;
      return controls.length === 0
        ? 'no aws_s3_bucket_ownership_controls'
        : `${controls[0].address} sets object_ownership to ${JSON.stringify(settings[0])}`;
    },
  },
  {
    rule: {
      id: 'S3-VERSIONING',
      resourceType: BUCKET,
      description: 'Versioning is enabled, so overwritten and deleted objects can be recovered.',
      fix: 'Add an aws_s3_bucket_versioning with status = "Enabled" (EncryptedBucket: versioned).',
      cdkNag: [],
      checkov: ['CKV_AWS_21'],
      trivy: ['AVD-AWS-0090'],
    },
    problem: (bucket, { model }) => {
      const resources = model.linkedToBucket('aws_s3_bucket_versioning', bucket);
      if (resources.length > 1) return competing(resources);
      const statuses = resources.map((r) => blockList(r.config.versioning_configuration ?? [])?.[0]?.status);
      const inline = blockList(bucket.config.versioning ?? [])?.[0]?.enabled;
      if (statuses.includes('Enabled') || isTrue(inline)) return undefined;
      return resources.length === 0
        ? 'no aws_s3_bucket_versioning with status "Enabled"'
        : `${resources[0].address} has status ${JSON.stringify(statuses[0])}`;
    },
  },
];

interface DefaultEncryption {
  readonly algorithm: unknown;
  readonly kmsKeyId: unknown;
  readonly bucketKeyEnabled: unknown;
  /** The address of the resource that configures it, for messages. */
  readonly source: string;
}

/** The bucket's default encryption, from its configuration resource or the deprecated inline block. */
function defaultEncryption(bucket: Element, model: StackModel): DefaultEncryption | undefined {
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
    source,
  };
}

function httpsProblem(bucket: Element, { model }: CheckContext): string | undefined {
  const policies = [
    ...model.linkedToBucket('aws_s3_bucket_policy', bucket).map((e) => ({ source: e.address, policy: e.config.policy })),
    ...(bucket.config.policy === undefined ? [] : [{ source: `${bucket.address} (inline policy)`, policy: bucket.config.policy }]),
  ];
  if (policies.length === 0) return 'no bucket policy, so plain HTTP requests are allowed';
  const policyResources = model.linkedToBucket('aws_s3_bucket_policy', bucket);
  if (policyResources.length > 1) return competing(policyResources);
  const read = policies.map((p) => ({ ...p, statements: readPolicy(p.policy, (type, name) => model.dataSource(type, name)) }));
  const denies = read.flatMap((r) => r.statements ?? []).filter(deniesInsecureTransport);
  const targets = arnTargets(bucket);
  const covered = (target: string) => denies.some((s) => s.resources.some((r) => globMatches(normalizeArn(r, bucket), target)));
  const onBucket = covered(targets.bucket);
  const onObjects = covered(targets.objects);
  if (onBucket && onObjects) return undefined;

  const unreadable = read.find((r) => r.statements === undefined);
  if (unreadable) return `cannot read the policy of ${unreadable.source}; acknowledge S3-HTTPS-ONLY if it is compliant`;
  if (onObjects) return 'the policy denies plain HTTP on the objects (arn/*) but not on the bucket (arn)';
  if (onBucket) return 'the policy denies plain HTTP on the bucket (arn) but not on its objects (arn/*)';
  return 'the policy has no Deny of s3:* for the "*" principal when aws:SecureTransport is false';
}

/** Several resources configure the same setting of one bucket: only the last applied counts. */
function competing(elements: Element[]): string {
  return `${elements.map((e) => e.address).join(' and ')} configure the same bucket setting; S3 keeps only the last one applied`;
}

/**
 * What a `kms_master_key_id` names, when it can be known at synth time: a literal ARN,
 * id or alias; a key of this stack; or the alias or key id given to a KMS data source.
 */
function keyNamed(kmsKeyId: string, model: StackModel): string | undefined {
  if (!kmsKeyId.includes('${')) return kmsKeyId;
  if (MANAGED_KEY_REF.test(kmsKeyId)) return kmsKeyId;
  const data = KMS_DATA_REF.exec(kmsKeyId);
  if (!data) return undefined;
  const config = model.dataSource(data[1], data[2]);
  const named = data[1] === 'aws_kms_alias' ? config?.name : config?.key_id;
  return typeof named === 'string' && !named.includes('${') ? named : undefined;
}

/** A reference to an `aws_kms_key` resource: a customer-managed key of this stack. */
const MANAGED_KEY_REF = /^\$\{aws_kms_key\.[A-Za-z0-9_-]+(\[[^\]]*\])?\.(arn|id|key_id)\}$/;
/** A reference to an `aws_kms_alias` or `aws_kms_key` data source. */
const KMS_DATA_REF = /^\$\{data\.(aws_kms_alias|aws_kms_key)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.[a-z_]+\}$/;

/** A Deny of all S3 actions to everyone whose only condition is `Bool aws:SecureTransport = false`. */
function deniesInsecureTransport(s: Statement): boolean {
  if (s.effect !== 'Deny' || s.negated || !isPublicPrincipal(s.principals)) return false;
  if (!s.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*')) return false;
  // Any further condition would narrow the Deny, so only this exact one counts.
  const operators = Object.entries(s.conditions);
  if (operators.length !== 1 || operators[0][0] !== 'Bool') return false;
  const keys = Object.entries(operators[0][1]);
  return keys.length === 1 && keys[0][0].toLowerCase() === 'aws:securetransport' && keys[0][1].join() === 'false';
}

/**
 * Strings to test policy Resource patterns against: the bucket ARN and an ARN that only
 * a pattern covering every object matches. Buckets without a literal name get a
 * placeholder that only references to the bucket (or wildcards) turn into.
 */
function arnTargets(bucket: Element): { bucket: string; objects: string } {
  const arn = `arn:aws:s3:::${bucketName(bucket)}`;
  return { bucket: arn, objects: `${arn}/\u0000any/key` };
}

/** Rewrites references to the bucket and to the partition as the literal text they stand for. */
function normalizeArn(resource: string, bucket: Element): string {
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
