/**
 * The bucket-policy request table of the EncryptedBucket issue, shared by the tests of
 * the construct and of the example stacks: what each row sends, what each encryption
 * mode decides, and how a row is evaluated against a rendered bucket policy.
 *
 * Requests are by an IAM user of the same account whose identity policy allows s3:*,
 * over HTTPS with TLS 1.2 unless the row says otherwise; so "denied" can only come from
 * a Deny in the bucket policy.
 */
import { Decision, evaluate } from './iam';
import { SSE, SSE_C, SSE_KEY } from './policy';

export const ACCOUNT = '111122223333';
export const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
/** A KMS key that is not the bucket's. */
export const OTHER_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`;

export type Context = Record<string, string | undefined>;
export type Request = [action: string, context: Context];

/** The bucket a row is sent to: its key (`cmk`) and default encryption (`algorithm`). */
export interface Column {
  readonly cmk: string;
  readonly algorithm: string;
}

const HTTP: Context = { 'aws:SecureTransport': 'false', 's3:TlsVersion': undefined };
const tls = (version: string): Context => ({ 's3:TlsVersion': version });

/** Requests the bucket accepts over HTTPS, so only the transport can deny them. */
const acceptedRequests = ({ cmk, algorithm }: Column): Request[] => [
  ['s3:GetObject', {}],
  ['s3:ListBucket', {}],
  ['s3:DeleteObject', {}],
  ['s3:PutObject', algorithm === 'AES256' ? { [SSE]: 'AES256' } : { [SSE]: algorithm, [SSE_KEY]: cmk }],
];
const withTransport = (transport: Context) => (column: Column): Request[] =>
  acceptedRequests(column).map(([action, context]) => [action, { ...context, ...transport }]);

/** What each row sends; a row with several requests expects one decision for all. */
export const ROWS: Record<string, (column: Column) => Request[]> = {
  'PutObject, no encryption headers': () => [['s3:PutObject', {}]],
  'PutObject, AES256': () => [['s3:PutObject', { [SSE]: 'AES256' }]],
  'PutObject, aws:kms, no key id': () => [['s3:PutObject', { [SSE]: 'aws:kms' }]],
  'PutObject, aws:kms + CMK': ({ cmk }) => [['s3:PutObject', { [SSE]: 'aws:kms', [SSE_KEY]: cmk }]],
  'PutObject, aws:kms + other': () => [['s3:PutObject', { [SSE]: 'aws:kms', [SSE_KEY]: OTHER_KEY }]],
  'PutObject, SSE-C headers': () => [['s3:PutObject', { [SSE_C]: 'AES256' }]],
  'UpdateObjectEncryption, aws:kms + CMK': ({ cmk }) => [['s3:UpdateObjectEncryption', { [SSE]: 'aws:kms', [SSE_KEY]: cmk }]],
  'UpdateObjectEncryption, aws:kms + other': () => [['s3:UpdateObjectEncryption', { [SSE]: 'aws:kms', [SSE_KEY]: OTHER_KEY }]],
  'UpdateObjectEncryption, aws:kms, no key id': () => [['s3:UpdateObjectEncryption', { [SSE]: 'aws:kms' }]],
  'ReplicateObject, no encryption headers': () => [['s3:ReplicateObject', {}]],
  'ReplicateObject, aws:kms + CMK': ({ cmk }) => [['s3:ReplicateObject', { [SSE]: 'aws:kms', [SSE_KEY]: cmk }]],
  'ReplicateObject, aws:kms + other': () => [['s3:ReplicateObject', { [SSE]: 'aws:kms', [SSE_KEY]: OTHER_KEY }]],
  'ReplicateObject, SSE-C headers': () => [['s3:ReplicateObject', { [SSE_C]: 'AES256' }]],
  'GetObject': () => [['s3:GetObject', {}]],
  'any request over HTTP': withTransport(HTTP),
  'any request with TLS 1.0': withTransport(tls('1.0')),
  'any request with TLS 1.1': withTransport(tls('1.1')),
  // Controls for the transport rows: the same requests pass over TLS 1.2 and 1.3.
  'any request with TLS 1.2': acceptedRequests,
  'any request with TLS 1.3': withTransport(tls('1.3')),
};

export const A: Decision = 'Allowed';
export const D: Decision = 'ExplicitlyDenied';

/** The README's columns, in its order: encryption, enforcement and key pinning. */
export const MODES = [
  'KMS, DENY_MISMATCHED_HEADERS, pinned',
  'KMS, REQUIRE_HEADERS, pinned',
  'KMS, REQUIRE_HEADERS, not pinned',
  'KMS, DENY_MISMATCHED_HEADERS, not pinned',
  'S3_MANAGED, DENY_MISMATCHED_HEADERS',
  'S3_MANAGED, REQUIRE_HEADERS',
] as const;
export type Mode = typeof MODES[number];

/**
 * One row: the request (a key of `ROWS`), its label in the README's Encryption table
 * (undefined for rows the README states in prose), and the decision in each of `MODES`.
 */
export type Row = [row: string, readme: string | undefined, ...decisions: Decision[]];

/*
 * The one source of the encryption decision table. The README's table is checked against
 * it (test/readme-tables.test.ts); the construct and example tiers prove it by evaluation.
 */
/* eslint-disable @stylistic/no-multi-spaces -- aligned so that it reads as a table */
export const TABLE: Row[] = [
  //                                           README label                                  KMS pin  KMS req pin  KMS req  KMS  S3   S3 req
  ['PutObject, no encryption headers',           'no encryption headers',                      A,       D,           D,       A,   A,   D],
  ['PutObject, AES256',                          '`AES256`',                                   D,       D,           D,       D,   A,   A],
  ['PutObject, aws:kms, no key id',              '`aws:kms`, no key id (uses `aws/s3`)',       D,       D,           A,       A,   D,   D],
  ['PutObject, aws:kms + CMK',                   '`aws:kms` + CMK',                            A,       A,           A,       A,   D,   D],
  ['PutObject, aws:kms + other',                 '`aws:kms` + other',                          D,       D,           A,       A,   D,   D],
  ['PutObject, SSE-C headers',                   'SSE-C headers',                              D,       D,           D,       D,   D,   D],
  // Re-keying objects in place (S3 UpdateObjectEncryption) is held to the same key.
  ['UpdateObjectEncryption, aws:kms + CMK',      're-key in place, `aws:kms` + CMK',           A,       A,           A,       A,   D,   D],
  ['UpdateObjectEncryption, aws:kms + other',    're-key in place, `aws:kms` + other',         D,       D,           A,       A,   D,   D],
  ['UpdateObjectEncryption, aws:kms, no key id', 're-key in place, `aws:kms`, no key id',      D,       D,           A,       A,   D,   D],
  // Replicas written into this bucket: wrong headers denied; S3 may send none.
  ['ReplicateObject, no encryption headers',     'replica, no encryption headers',             A,       A,           A,       A,   A,   A],
  ['ReplicateObject, aws:kms + CMK',             'replica, `aws:kms` + CMK',                   A,       A,           A,       A,   D,   D],
  ['ReplicateObject, aws:kms + other',           'replica, `aws:kms` + other',                 D,       D,           A,       A,   D,   D],
  ['ReplicateObject, SSE-C headers',             'replica, SSE-C headers',                     D,       D,           D,       D,   D,   D],
  ['GetObject',                                  undefined,                                    A,       A,           A,       A,   A,   A],
  ['any request over HTTP',                      undefined,                                    D,       D,           D,       D,   D,   D],
  ['any request with TLS 1.0',                   undefined,                                    D,       D,           D,       D,   D,   D],
  ['any request with TLS 1.1',                   undefined,                                    D,       D,           D,       D,   D,   D],
  ['any request with TLS 1.2',                   undefined,                                    A,       A,           A,       A,   A,   A],
  ['any request with TLS 1.3',                   undefined,                                    A,       A,           A,       A,   A,   A],
];
/* eslint-enable @stylistic/no-multi-spaces */

/** The decision a mode's column expects for a row of the table. */
export function decisionOf(row: Row, mode: Mode): Decision {
  return row[2 + MODES.indexOf(mode)] as Decision;
}

/** A bucket as Terraform rendered it. */
export interface RenderedBucket extends Column {
  readonly arn: string;
  readonly policy: string;
}

/** The decisions for a row's requests against a bucket. */
export async function decisions(bucket: RenderedBucket, row: string): Promise<Decision[]> {
  return decide(bucket, ROWS[row](bucket));
}

/** The decisions for requests by the same-account user against a bucket. */
export async function decide(bucket: RenderedBucket, requests: Request[]): Promise<Decision[]> {
  return Promise.all(requests.map(([action, context]) => evaluate({
    principal: USER,
    action,
    resource: action === 's3:ListBucket' ? bucket.arn : `${bucket.arn}/data/file.txt`,
    identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }],
    resourcePolicy: bucket.policy,
    context,
  })));
}
