/**
 * Test support: read policy documents. Parses synthesized `jsonencode(...)` policies,
 * finds statements by Sid, names the S3 encryption condition keys, and matches IAM
 * action patterns with the library's own wildcard matcher.
 */
import { parseJsonencode } from '../../src/compliance/private/jsonencode';
import { globMatches } from '../../src/private/iam';

/** The S3 condition key of the encryption algorithm header. */
export const SSE = 's3:x-amz-server-side-encryption';
/** The S3 condition key of the KMS key id header. */
export const SSE_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';
/** The S3 condition key of the SSE-C (customer-provided key) algorithm header. */
export const SSE_C = 's3:x-amz-server-side-encryption-customer-algorithm';

/** The Sids of the bucket-policy statements that check encryption headers. */
export const ENCRYPTION_SIDS = [
  'DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId',
  'DenyMissingEncryptionHeader', 'DenyMissingKmsKeyId',
];

/** A policy statement as parsed from the synthesized `jsonencode(...)`. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: any;
  NotPrincipal?: any;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

/** Anything with an optional Sid: parsed statements, or the library's own statement JSON. */
interface WithSid {
  readonly Sid?: string;
}

/**
 * Parses a synthesized `${jsonencode({...})}` policy into JSON, with the library's own
 * reader (bare Terraform references become `${ref}` strings).
 */
export function parsePolicy(expression: string): { Version: string; Statement: Statement[] } {
  // The library writes JSON text with Terraform references in it, or jsonencode(...) when a list token forces it.
  const policy = expression.startsWith('${jsonencode(') ? parseJsonencode(expression) : JSON.parse(expression);
  if (policy === undefined) throw new Error(`not a readable jsonencode expression: ${expression}`);
  return policy as { Version: string; Statement: Statement[] };
}

/** The statement with this Sid; fails the test if there is none. */
export function statement<S extends WithSid>(statements: readonly S[], sid: string): S {
  const found = statements.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${JSON.stringify(sids(statements))}`);
  return found;
}

/** The Sids of a policy's statements, in order. */
export function sids(statements: readonly WithSid[]): Array<string | undefined> {
  return statements.map((s) => s.Sid);
}

/** The Sids of the encryption-header statements, in order. */
export function encryptionSids(statements: readonly WithSid[]): Array<string | undefined> {
  return sids(statements).filter((sid) => ENCRYPTION_SIDS.includes(sid!));
}

/**
 * Whether an IAM action pattern (`*` and `?` wildcards) matches an action. IAM compares
 * actions case-insensitively; the wildcard matching is the library's own.
 */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern.toLowerCase(), action.toLowerCase());
}

/** Whether any of the action patterns matches the action. */
export function grants(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => actionMatches(pattern, action));
}
