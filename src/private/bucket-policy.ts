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
  for (const [sid, condition] of encryptionConditions(settings)) {
    deny(sid, ['s3:PutObject'], objects, condition);
  }
  if (settings.denySseC) {
    deny('DenySseCUploads', ['s3:PutObject'], objects, { Null: { [SSE_C]: ['false'] } });
  }
  settings.logSources.forEach((source, i) => statements.push(logDeliveryStatement(settings, source, i)));
  return [...statements, ...settings.additionalStatements];
}

type Condition = NonNullable<PolicyStatementJson['Condition']>;

/**
 * Deny conditions on uploads. A condition key that is absent makes `StringNotEquals`
 * true, so REQUIRE_HEADERS uses it alone (no header, denied) while
 * DENY_MISMATCHED_HEADERS pairs it with `Null: false` (denied only when present and wrong).
 */
function encryptionConditions(settings: BucketPolicySettings): Array<[string, Condition]> {
  const { algorithm, pinnedKeyArn } = settings;
  switch (settings.enforcement) {
    case 'NONE':
      return [];
    case 'REQUIRE_HEADERS':
      return [
        ['DenyMissingOrWrongEncryptionHeader', { StringNotEquals: { [SSE]: [algorithm] } }],
        ...(pinnedKeyArn
          ? [['DenyMissingOrOtherKmsKey', { StringNotEquals: { [SSE_KMS_KEY]: [pinnedKeyArn] } }] as [string, Condition]]
          : []),
      ];
    case 'DENY_MISMATCHED_HEADERS':
      return [
        ['DenyWrongEncryptionHeader', { Null: { [SSE]: ['false'] }, StringNotEquals: { [SSE]: [algorithm] } }],
        ...(pinnedKeyArn
          ? [
            ['DenyOtherKmsKey', { Null: { [SSE_KMS_KEY]: ['false'] }, StringNotEquals: { [SSE_KMS_KEY]: [pinnedKeyArn] } }],
            // `aws:kms` without a key id encrypts with the AWS-managed aws/s3 key instead.
            ['DenyKmsWithoutKeyId', { Null: { [SSE]: ['false'], [SSE_KMS_KEY]: ['true'] } }],
          ] as Array<[string, Condition]>
          : []),
      ];
  }
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
