import { Token } from 'cdktf';
import { PolicyStatementJson } from './policy-document';

/** How strictly uploads' encryption headers are checked; mirrors `EncryptionEnforcement`. */
export type EnforcementMode = 'DENY_MISMATCHED_HEADERS' | 'REQUIRE_HEADERS' | 'NONE';

export interface BucketPolicySettings {
  readonly bucketArn: string;
  /** The `x-amz-server-side-encryption` value uploads must use. */
  readonly algorithm: string;
  readonly enforcement: EnforcementMode;
  /** When set, the only KMS key uploads may name. */
  readonly pinnedKeyArn?: string;
  readonly denySseC: boolean;
  readonly enforceHttps: boolean;
  /** Lowest `s3:TlsVersion` accepted; no statement when undefined. */
  readonly minimumTlsVersion?: number;
  /** Buckets allowed to deliver server access logs here, with the key prefix they use. */
  readonly logSources: LogSource[];
  readonly additionalStatements: PolicyStatementJson[];
}

export interface LogSource {
  readonly bucketArn: string;
  /** The account that owns the source bucket. */
  readonly accountId: string;
  readonly prefix: string;
}

const SSE = 's3:x-amz-server-side-encryption';
const SSE_KMS_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';
const SSE_C = 's3:x-amz-server-side-encryption-customer-algorithm';

/**
 * The bucket policy's statements. Denies come first, each with a Sid that says what it
 * refuses; `Principal: "*"` on a Deny applies it to everyone, the bucket owner included.
 */
export function bucketPolicyStatements(settings: BucketPolicySettings): PolicyStatementJson[] {
  const bucketAndObjects = [settings.bucketArn, `${settings.bucketArn}/*`];
  const objects = [`${settings.bucketArn}/*`];
  const statements: PolicyStatementJson[] = [];
  const deny = (Sid: string, Action: string[], Resource: string[], Condition: PolicyStatementJson['Condition']) =>
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
    deny('DenySseCUploads', SSE_C_ACTIONS, objects, { Null: { [SSE_C]: ['false'] } });
  }
  settings.logSources.forEach((source, i) => statements.push(logDeliveryStatement(settings, source, i)));
  return [...statements, ...settings.additionalStatements];
}

type Condition = NonNullable<PolicyStatementJson['Condition']>;

/**
 * Every action that sets an object's encryption and whose condition keys include the
 * encryption headers (service authorization reference): uploads and copies
 * (`PutObject`), re-keying in place (`UpdateObjectEncryption`) and replica writes
 * (`ReplicateObject`). `BypassGovernanceRetention` lists the keys too but sets no
 * encryption; denying it on a missing header would block governance-mode deletes.
 */
const SETS_ENCRYPTION = ['s3:PutObject', 's3:UpdateObjectEncryption', 's3:ReplicateObject'];
/** Actions whose request says how it is encrypted, so a missing header means "none given". */
const STATES_ENCRYPTION = ['s3:PutObject', 's3:UpdateObjectEncryption'];
/** `UpdateObjectEncryption` has no SSE-C condition key (it only re-keys to SSE-KMS). */
const SSE_C_ACTIONS = ['s3:PutObject', 's3:ReplicateObject'];

/**
 * Deny conditions on writes that set encryption. `Null: false` with a negated operator
 * means "present and different"; both modes deny that for every action in
 * `SETS_ENCRYPTION`. REQUIRE_HEADERS also denies requests without the header, for the
 * actions whose requests state their encryption: replicas are written by S3 itself,
 * which does not document sending the headers, so a missing header is not held
 * against a replica.
 */
function encryptionConditions(settings: BucketPolicySettings): Array<[string, string[], Condition]> {
  const { algorithm, pinnedKeyArn } = settings;
  if (settings.enforcement === 'NONE') return [];
  const statements: Array<[string, string[], Condition]> = [
    ['DenyWrongEncryptionHeader', SETS_ENCRYPTION, { Null: { [SSE]: ['false'] }, StringNotEquals: { [SSE]: [algorithm] } }],
  ];
  if (pinnedKeyArn) {
    statements.push(
      ['DenyOtherKmsKey', SETS_ENCRYPTION, { Null: { [SSE_KMS_KEY]: ['false'] }, StringNotEquals: { [SSE_KMS_KEY]: [pinnedKeyArn] } }],
      // `aws:kms` without a key id encrypts with the AWS-managed aws/s3 key instead.
      ['DenyKmsWithoutKeyId', SETS_ENCRYPTION, { Null: { [SSE]: ['false'], [SSE_KMS_KEY]: ['true'] } }],
    );
  }
  if (settings.enforcement === 'REQUIRE_HEADERS') {
    statements.push(['DenyMissingEncryptionHeader', STATES_ENCRYPTION, { Null: { [SSE]: ['true'] } }]);
    if (pinnedKeyArn) statements.push(['DenyMissingKmsKeyId', STATES_ENCRYPTION, { Null: { [SSE_KMS_KEY]: ['true'] } }]);
  }
  return statements;
}

/** Lets S3 server access logging write here, under its prefix, for one source bucket only. */
function logDeliveryStatement(settings: BucketPolicySettings, source: LogSource, index: number): PolicyStatementJson {
  return {
    Sid: `AllowServerAccessLogDelivery${index}`,
    Effect: 'Allow',
    Principal: { Service: ['logging.s3.amazonaws.com'] },
    Action: ['s3:PutObject'],
    Resource: [`${settings.bucketArn}/${source.prefix}*`],
    Condition: {
      ArnLike: { 'aws:SourceArn': [source.bucketArn] },
      StringEquals: { 'aws:SourceAccount': [source.accountId] },
    },
  };
}
