import { SSE_C_HEADER } from '../../private/bucket-policy';
import { globMatches } from '../../private/iam';
import { arnTargets, bucketPolicies, defaultEncryption, normalizeArn } from '../private/bucket-readers';
import { Check } from '../private/check';
import { isPublicDenyOnlyWhen, Statement } from '../private/policy-reader';

/**
 * An object written with a customer-provided key (SSE-C) can be read only with that key:
 * the CMK and its policy play no part. S3 refuses such writes when the encryption rule
 * blocks SSE-C (`blocked_encryption_types`, AWS provider 6.22+), or when the bucket policy
 * denies them. S3 blocks SSE-C by default only on buckets created since April 2026, so
 * a bucket that says neither is reported.
 */
export const S3_SSE_C_BLOCKED: Check = {
  rule: {
    id: 'S3-SSE-C-BLOCKED',
    resourceType: 'aws_s3_bucket',
    description: 'Writes with customer-provided keys (SSE-C) are refused: the encryption rule sets blocked_encryption_types = ["SSE-C"], or the bucket policy denies s3:PutObject to everyone when the SSE-C header is present.',
    fix: 'Set blocked_encryption_types = ["SSE-C"] on the encryption rule (AWS provider 6.22+), or add a bucket policy statement: Deny, Principal "*", Action "s3:PutObject", Resource "arn/*", Condition Null s3:x-amz-server-side-encryption-customer-algorithm "false" (EncryptedBucket: denySseC, on by default, does both).',
    cdkNag: [],
    checkov: [],
    trivy: [],
  },
  problem: (bucket, { model }) => {
    const encryption = defaultEncryption(bucket, model);
    const blocked = encryption?.blockedEncryptionTypes;
    if (Array.isArray(blocked) && blocked.includes('SSE-C')) return undefined;

    const read = bucketPolicies(bucket, model);
    const objects = arnTargets(bucket).objects;
    const denied = read.flatMap((r) => r.statements ?? [])
      .some((s) => deniesSseCWrites(s) && s.resources.some((r) => globMatches(normalizeArn(r, bucket), objects)));
    if (denied) return undefined;

    const unreadable = read.find((r) => r.statements === undefined);
    if (unreadable) return `cannot read the policy of ${unreadable.source}; acknowledge S3-SSE-C-BLOCKED if it denies SSE-C writes`;
    if (Array.isArray(blocked) && blocked.includes('NONE')) {
      return `${encryption!.source} sets blocked_encryption_types = ["NONE"], which lets SSE-C writes in, and no bucket policy statement denies them`;
    }
    if (typeof blocked === 'string' && blocked.includes('${')) {
      return `${encryption!.source} sets blocked_encryption_types with ${blocked}, known only at apply time; acknowledge S3-SSE-C-BLOCKED if it blocks SSE-C`;
    }
    return 'neither the encryption rule (blocked_encryption_types) nor the bucket policy refuses SSE-C writes, which S3 blocks by default only on buckets created since April 2026';
  },
};

/** A Deny of s3:PutObject to everyone whose only condition is `Null <SSE-C header> = false`. */
function deniesSseCWrites(s: Statement): boolean {
  return s.actions.some((a) => globMatches(a.toLowerCase(), 's3:putobject'))
    && isPublicDenyOnlyWhen(s, 'Null', SSE_C_HEADER, 'false');
}
