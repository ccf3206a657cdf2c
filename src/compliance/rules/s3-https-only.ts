import { globMatches } from '../../private/iam';
import { arnTargets, bucketPolicies, competing, normalizeArn } from '../private/bucket-readers';
import { Check } from '../private/check';
import { isPublicDenyOnlyWhen, Statement } from '../private/policy-reader';

/** S3 accepts plain HTTP unless the bucket policy refuses it, on the bucket and on every object. */
export const S3_HTTPS_ONLY: Check = {
  rule: {
    id: 'S3-HTTPS-ONLY',
    resourceType: 'aws_s3_bucket',
    description: 'The bucket policy denies s3:* to everyone on both the bucket ARN and ARN/* when aws:SecureTransport is false.',
    fix: 'Add a bucket policy statement: Deny, Principal "*", Action "s3:*", Resource [arn, "arn/*"], Condition Bool aws:SecureTransport "false" (EncryptedBucket: enforceHttps).',
    cdkNag: ['AwsSolutions-S10'],
    checkov: [],
    trivy: [],
  },
  problem: (bucket, { model }) => {
    const read = bucketPolicies(bucket, model);
    if (read.length === 0) return 'no bucket policy, so plain HTTP requests are allowed';
    const policyResources = model.linkedToBucket('aws_s3_bucket_policy', bucket);
    if (policyResources.length > 1) return competing(policyResources);
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
  },
};

/** A Deny of all S3 actions to everyone whose only condition is `Bool aws:SecureTransport = false`. */
function deniesInsecureTransport(s: Statement): boolean {
  return s.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*')
    && isPublicDenyOnlyWhen(s, 'Bool', 'aws:SecureTransport', 'false');
}
