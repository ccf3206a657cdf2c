import { Annotations, Token } from 'cdktf';
import type { TerraformResource } from 'cdktf';
import { bucketArnPatterns } from './bucket-name';
import { GrantIdentity, attachIdentityPolicy, grantPrincipalArn, grantSid, keyStatement } from './grants';
import { normalizePolicyVariables } from './iam';
import { isManagedKey } from './managed-key';
import {
  BUCKET_DELETE_ACTIONS, BUCKET_PUT_ACTIONS, BUCKET_READ_ACTIONS, BUCKET_WRITE_ACTIONS, KEY_USER_ACTIONS, KMS_READ_ACTIONS,
  KMS_VIA_S3_ACTIONS, PREFIX_LIST_ACTIONS, SCOPED_READ_BUCKET_ACTIONS, SCOPED_READ_OBJECT_ACTIONS,
} from './perms';
import type { PolicyBuilder } from './policy-builder';
import { PolicyStatementJson } from './policy-document';
import { StackContext } from './stack-context';
import { PropValidator } from './validation';
import type { IEncryptedBucket } from '../bucket-interface';

/**
 * What each bucket grant allows: whether it reads, the S3 actions it writes (or deletes)
 * with, and the KMS actions it needs on the bucket's key. Deleting needs no key.
 */
const GRANTS = {
  Read: { reads: true, writes: [], kms: KMS_READ_ACTIONS },
  Put: { reads: false, writes: BUCKET_PUT_ACTIONS, kms: KEY_USER_ACTIONS },
  Delete: { reads: false, writes: BUCKET_DELETE_ACTIONS, kms: [] },
  Write: { reads: false, writes: BUCKET_WRITE_ACTIONS, kms: KEY_USER_ACTIONS },
  ReadWrite: { reads: true, writes: BUCKET_WRITE_ACTIONS, kms: KEY_USER_ACTIONS },
};

/** A bucket grant: `Read`, `Put`, `Delete`, `Write` (put and delete) or `ReadWrite`. */
export type BucketGrant = keyof typeof GRANTS;

/** The bucket a grant is on, with what only the bucket itself holds. */
export interface GrantingBucket {
  readonly bucket: IEncryptedBucket;
  readonly validator: PropValidator;
  readonly policy: PolicyBuilder;
}

const PATTERN_FORM = 'a pattern of object keys relative to the bucket, such as reports/* or reports/2024/*.csv (IAM wildcards * and ?)';

/**
 * The key pattern a grant is scoped to, checked (a value known only at apply is taken
 * as given), with policy variables in one spelling; undefined: every object.
 */
export function objectsKeyPattern(v: PropValidator, method: string, pattern: string | undefined): string | undefined {
  if (pattern === undefined || Token.isUnresolved(pattern)) return pattern;
  const problem = pattern === '' ? 'not empty (leave it out to grant every object)'
    : pattern.startsWith('/') ? 'without a leading "/" (keys do not start with one, so it would match nothing)'
      : pattern.length > 1024 ? 'at most 1024 characters (the longest S3 key)'
        : /["\\]|%\{/.test(pattern) ? 'without \'"\', \'\\\' or \'%{\' (Terraform would change their meaning)' : undefined;
  if (problem !== undefined) v.fail('objectsKeyPattern', `of ${method} must be ${PATTERN_FORM}, ${problem}`, pattern);
  return normalizePolicyVariables(pattern);
}

/**
 * The S3 statements of a grant on `bucketArn`. Unscoped: its actions on the bucket and
 * every object. Scoped to `pattern`: object actions on the matching keys only; a read
 * also lists, only for prefixes that match the pattern, and reads the bucket's region,
 * but none of the rest of the bucket's configuration.
 */
export function grantStatements(bucketArn: string, grant: BucketGrant, pattern?: string): PolicyStatementJson[] {
  const { reads, writes } = GRANTS[grant];
  if (pattern === undefined) {
    return [{ Effect: 'Allow', Action: [...(reads ? BUCKET_READ_ACTIONS : []), ...writes], Resource: [bucketArn, `${bucketArn}/*`] }];
  }
  const statements: PolicyStatementJson[] = [
    { Effect: 'Allow', Action: [...(reads ? SCOPED_READ_OBJECT_ACTIONS : []), ...writes], Resource: [`${bucketArn}/${pattern}`] },
  ];
  if (reads) {
    statements.push(
      { Effect: 'Allow', Action: PREFIX_LIST_ACTIONS, Resource: [bucketArn], Condition: { StringLike: { 's3:prefix': [pattern] } } },
      { Effect: 'Allow', Action: SCOPED_READ_BUCKET_ACTIONS, Resource: [bucketArn] },
    );
  }
  return statements;
}

/**
 * `grant<Grant>(identity, pattern)`: an inline policy on the role, user or group for the
 * bucket (or the keys matching `pattern`) and its key. The key part cannot follow the
 * pattern: with an S3 Bucket Key, S3 asks KMS for the whole bucket (README, "Grants").
 */
export function grantToIdentity(on: GrantingBucket, grant: BucketGrant, identity: GrantIdentity, pattern?: string): TerraformResource {
  const { bucket } = on;
  const scope = objectsKeyPattern(on.validator, `grant${grant}`, pattern);
  const key = bucket.encryptionKey;
  const kms = GRANTS[grant].kms;
  if (kms.length > 0 && isManagedKey(key) && !key.iamPoliciesEnabled) {
    on.validator.fail(
      'encryptionKey',
      `must have enableIamPolicies true for grant${grant}, which works through an IAM policy; name the role in the key's keyUserArns instead`,
      key.node.path,
    );
  }
  const statements = grantStatements(bucket.bucketArn, grant, scope);
  if (key && kms.length > 0) statements.push(keyStatement(key.keyArn, kms));
  // Another pattern is another grant, kept beside the first.
  return attachIdentityPolicy(bucket, scope === undefined ? grant : grantSid(grant, scope), identity, statements);
}

/**
 * `grant<Grant>ToPrincipal(value, pattern)`: names the principal in the bucket policy
 * and, for a `ManagedCmk`, in the key policy: resource policies are what another
 * account's principals need.
 */
export function grantToPrincipal(on: GrantingBucket, grant: BucketGrant, value: string, pattern?: string): void {
  const { bucket } = on;
  const method = `grant${grant}ToPrincipal`;
  const context = StackContext.of(bucket, bucket.provider);
  const principal = grantPrincipalArn(on.validator, method, value, () => context.partition);
  const scope = objectsKeyPattern(on.validator, method, pattern);
  // Unscoped, the Sid is what it was before patterns: the same grant keeps its statement.
  const sid = scope === undefined ? grantSid(`Grant${grant}To`, principal) : grantSid(`Grant${grant}To`, principal, scope);
  const suffixes = ['', 'List', 'Location'];
  const added = grantStatements(bucket.bucketArn, grant, scope)
    .map(({ Effect, Action, Resource, Condition }, i) => on.policy.addOnce({
      Sid: `${sid}${suffixes[i]}`, Effect, Principal: { AWS: [principal] }, Action, Resource, ...(Condition && { Condition }),
    }, method))[0];
  const key = bucket.encryptionKey;
  // DescribeKey carries no encryption context: a key policy limited to one bucket cannot allow it.
  const viaS3 = GRANTS[grant].kms.filter((action) => KMS_VIA_S3_ACTIONS.includes(action));
  if (viaS3.length === 0) return;
  if (isManagedKey(key)) {
    // Not the bucket's ARN: the bucket depends on its key (destroy order), so a key policy
    // that read the bucket would make a cycle. A name Terraform picks stays unknown. Not
    // the pattern either: with an S3 Bucket Key, S3 asks KMS for the whole bucket.
    const patterns = bucketArnPatterns(context.partition, bucket.s3Bucket.bucketInput, bucket.s3Bucket.bucketPrefixInput);
    key._grantViaS3(grant, principal, bucket.node.path, viaS3, patterns);
  } else if (key && added) {
    Annotations.of(bucket).addWarning(
      `${method}(${value}): the bucket's key ${key.keyArn} was imported, so its key policy is not managed here. ` +
      `Until the key's owner allows this principal ${viaS3.join(', ')} on it, limited to kms:ViaService s3.<region>.amazonaws.com, ` +
      'requests that need the key are denied (README, "Cross-account access").',
    );
  }
}
