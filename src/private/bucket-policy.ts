import { Token } from 'cdktf';
import { EncryptionEnforcement } from '../bucket-options';
import { OBJECT_LOCK_BYPASS_ACTION, SETS_ENCRYPTION_ACTIONS, SETS_RETENTION_ACTIONS, SSE_C_ACTIONS, STATES_ENCRYPTION_ACTIONS } from './perms';
import { PolicyStatementJson } from './policy-document';

export interface BucketPolicySettings {
  readonly bucketArn: string;
  /** The `x-amz-server-side-encryption` value uploads must use. */
  readonly algorithm: string;
  readonly enforcement: EncryptionEnforcement;
  /** When set, the only KMS key uploads may name. */
  readonly pinnedKeyArn?: string;
  readonly denySseC: boolean;
  readonly enforceHttps: boolean;
  /** Lowest `s3:TlsVersion` accepted; no statement when undefined. */
  readonly minimumTlsVersion?: number;
  /** Set when the bucket has Object Lock. */
  readonly objectLock?: ObjectLockPolicySettings;
}

/** What the bucket policy guards of Object Lock. */
export interface ObjectLockPolicySettings {
  /** The only principals that may bypass GOVERNANCE retention; empty: no one. */
  readonly bypassPrincipalArns: string[];
  /** Whether uploads and retention changes may ask for COMPLIANCE mode. */
  readonly allowCompliance: boolean;
}

export interface LogSource {
  readonly bucketArn: string;
  /** The account that owns the source bucket. */
  readonly accountId: string;
  readonly prefix: string;
}

const SSE = 's3:x-amz-server-side-encryption';
const OBJECT_LOCK_MODE = 's3:object-lock-mode';
const SSE_KMS_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';
/** The header (and condition key) of SSE-C requests: present on every write with a customer-provided key. */
export const SSE_C_HEADER = 's3:x-amz-server-side-encryption-customer-algorithm';

/**
 * The bucket policy's statements. Denies come first, each with a Sid that says what it
 * refuses; `Principal: "*"` on a Deny applies it to everyone, the bucket owner included.
 */
export function bucketPolicyStatements(settings: BucketPolicySettings): PolicyStatementJson[] {
  const bucketAndObjects = [settings.bucketArn, `${settings.bucketArn}/*`];
  const objects = [`${settings.bucketArn}/*`];
  const statements: PolicyStatementJson[] = [];
  const deny = (Sid: string, Action: string[], Resource: string[], Condition?: PolicyStatementJson['Condition']) =>
    statements.push({ Sid, Effect: 'Deny', Principal: '*', Action, Resource, Condition });

  if (settings.enforceHttps) {
    deny('DenyInsecureTransport', ['s3:*'], bucketAndObjects, { Bool: { 'aws:SecureTransport': ['false'] } });
  }
  const tls = settings.minimumTlsVersion;
  if (tls !== undefined) {
    // A token (a Terraform variable, say) must stay a reference, not become its text.
    const floor = Token.isUnresolved(tls) ? Token.asString(tls) : String(tls);
    deny('DenyOutdatedTls', ['s3:*'], bucketAndObjects, { NumericLessThan: { 's3:TlsVersion': [floor] } });
  }
  for (const [sid, actions, condition] of encryptionConditions(settings)) {
    deny(sid, actions, objects, condition);
  }
  if (settings.denySseC) {
    deny('DenySseCUploads', SSE_C_ACTIONS, objects, { Null: { [SSE_C_HEADER]: ['false'] } });
  }
  for (const [sid, actions, condition] of objectLockConditions(settings.objectLock)) {
    deny(sid, actions, objects, condition);
  }
  return statements;
}

/**
 * GOVERNANCE retention holds only against principals that may not bypass it, so the
 * bypass is denied to all but the named ones (the account root included). COMPLIANCE
 * retention, which no one can lift, is refused to uploads and retention changes unless
 * the bucket opted into it: anyone allowed `s3:PutObjectRetention` could otherwise lock
 * versions, and their storage bill, for up to a hundred years.
 */
function objectLockConditions(lock: ObjectLockPolicySettings | undefined): Array<[string, string[], Condition | undefined]> {
  if (lock === undefined) return [];
  const named = lock.bypassPrincipalArns;
  const statements: Array<[string, string[], Condition | undefined]> = [
    ['DenyGovernanceBypass', [OBJECT_LOCK_BYPASS_ACTION], named.length > 0 ? { ArnNotLike: { 'aws:PrincipalArn': named } } : undefined],
  ];
  if (!lock.allowCompliance) {
    statements.push(['DenyComplianceRetention', SETS_RETENTION_ACTIONS, { StringEquals: { [OBJECT_LOCK_MODE]: ['COMPLIANCE'] } }]);
  }
  return statements;
}

type Condition = NonNullable<PolicyStatementJson['Condition']>;

/**
 * Deny conditions on writes that set encryption. `Null: false` with a negated operator
 * means "present and different"; both modes deny that for every action in
 * `SETS_ENCRYPTION_ACTIONS`. REQUIRE_HEADERS also denies requests without the header, for the
 * actions whose requests state their encryption: replicas are written by S3 itself,
 * which does not document sending the headers, so a missing header is not held
 * against a replica.
 */
function encryptionConditions(settings: BucketPolicySettings): Array<[string, string[], Condition]> {
  const { algorithm, pinnedKeyArn } = settings;
  if (settings.enforcement === EncryptionEnforcement.NONE) return [];
  const statements: Array<[string, string[], Condition]> = [
    ['DenyWrongEncryptionHeader', SETS_ENCRYPTION_ACTIONS, { Null: { [SSE]: ['false'] }, StringNotEquals: { [SSE]: [algorithm] } }],
  ];
  if (pinnedKeyArn) {
    statements.push(
      ['DenyOtherKmsKey', SETS_ENCRYPTION_ACTIONS, { Null: { [SSE_KMS_KEY]: ['false'] }, StringNotEquals: { [SSE_KMS_KEY]: [pinnedKeyArn] } }],
      // `aws:kms` without a key id encrypts with the AWS-managed aws/s3 key instead.
      ['DenyKmsWithoutKeyId', SETS_ENCRYPTION_ACTIONS, { Null: { [SSE]: ['false'], [SSE_KMS_KEY]: ['true'] } }],
    );
  }
  if (settings.enforcement === EncryptionEnforcement.REQUIRE_HEADERS) {
    statements.push(['DenyMissingEncryptionHeader', STATES_ENCRYPTION_ACTIONS, { Null: { [SSE]: ['true'] } }]);
    if (pinnedKeyArn) statements.push(['DenyMissingKmsKeyId', STATES_ENCRYPTION_ACTIONS, { Null: { [SSE_KMS_KEY]: ['true'] } }]);
  }
  return statements;
}

/** Sids of log-delivery statements start with this, then a number. */
export const LOG_DELIVERY_SID = 'AllowServerAccessLogDelivery';

/** Lets S3 server access logging write here, under its prefix, for one source bucket only. */
export function logDeliveryStatement(bucketArn: string, source: LogSource, index: number): PolicyStatementJson {
  return {
    Sid: `${LOG_DELIVERY_SID}${index}`,
    Effect: 'Allow',
    Principal: { Service: ['logging.s3.amazonaws.com'] },
    Action: ['s3:PutObject'],
    Resource: [`${bucketArn}/${source.prefix}*`],
    Condition: {
      ArnLike: { 'aws:SourceArn': [source.bucketArn] },
      StringEquals: { 'aws:SourceAccount': [source.accountId] },
    },
  };
}
