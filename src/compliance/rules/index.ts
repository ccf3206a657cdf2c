import { KMS_DELETION_WINDOW } from './kms-deletion-window';
import { KMS_KEY_ENABLED } from './kms-key-enabled';
import { KMS_KEY_POLICY } from './kms-key-policy';
import { KMS_LOCKOUT_CHECK } from './kms-lockout-check';
import { KMS_ROTATION } from './kms-rotation';
import { S3_BUCKET_KEY } from './s3-bucket-key';
import { S3_HTTPS_ONLY } from './s3-https-only';
import { S3_OWNERSHIP } from './s3-ownership';
import { S3_PUBLIC_ACCESS } from './s3-public-access';
import { S3_SSE_C_BLOCKED } from './s3-sse-c-blocked';
import { S3_SSE_CMK } from './s3-sse-cmk';
import { S3_VERSIONING } from './s3-versioning';
import { Check } from '../private/check';

/*
 * The order here is the order of `EncryptionCompliance.RULES` and of the README's rule
 * table, which a test keeps in step: add a rule at the end of its list.
 */

/** The rules for `aws_s3_bucket`, each reading the resources linked to the bucket. */
export const BUCKET_CHECKS: Check[] = [
  S3_SSE_CMK,
  S3_BUCKET_KEY,
  S3_PUBLIC_ACCESS,
  S3_HTTPS_ONLY,
  S3_OWNERSHIP,
  S3_VERSIONING,
  S3_SSE_C_BLOCKED,
];

/** The rules for `aws_kms_key`, each reading the key and any `aws_kms_key_policy` for it. */
export const KEY_CHECKS: Check[] = [
  KMS_ROTATION,
  KMS_KEY_POLICY,
  KMS_LOCKOUT_CHECK,
  KMS_DELETION_WINDOW,
  KMS_KEY_ENABLED,
];
