import { EncryptionEnforcement } from '../../src/bucket-options';
import { bucketPolicyStatements, BucketPolicySettings, logDeliveryStatement } from '../../src/private/bucket-policy';
import { PolicyStatementJson } from '../../src/private/policy-document';
import { encryptionSids, SSE, SSE_C, SSE_KEY, statement } from '../support/policy';

const BUCKET = 'arn:aws:s3:::data';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function policy(overrides: Partial<BucketPolicySettings> = {}): PolicyStatementJson[] {
  return bucketPolicyStatements({
    bucketArn: BUCKET,
    algorithm: 'aws:kms',
    enforcement: EncryptionEnforcement.DENY_MISMATCHED_HEADERS,
    pinnedKeyArn: KEY,
    denySseC: true,
    enforceHttps: true,
    minimumTlsVersion: 1.2,
    ...overrides,
  });
}

const SETS_ENCRYPTION = ['s3:PutObject', 's3:UpdateObjectEncryption', 's3:ReplicateObject'];

describe('bucketPolicyStatements', () => {
  test('every generated statement is a Deny to "*" with a Sid (log delivery aside)', () => {
    for (const s of policy()) {
      expect(s).toMatchObject({ Effect: 'Deny', Principal: '*' });
      expect(s.Sid).toMatch(/^Deny/);
    }
  });

  test('HTTPS only: Deny s3:* on the bucket and its objects when aws:SecureTransport is false', () => {
    const s = statement(policy(), 'DenyInsecureTransport');
    expect(s.Action).toEqual(['s3:*']);
    expect(s.Resource).toEqual([BUCKET, `${BUCKET}/*`]);
    expect(s.Condition).toEqual({ Bool: { 'aws:SecureTransport': ['false'] } });
  });

  test('no HTTPS statement when enforceHttps is false', () => {
    expect(policy({ enforceHttps: false, minimumTlsVersion: undefined }).map((s) => s.Sid)).not.toContain('DenyInsecureTransport');
  });

  test.each([1.1, 1.2, 1.3])('TLS floor %p: Deny s3:* on bucket and objects when s3:TlsVersion is numerically less', (version) => {
    const s = statement(policy({ minimumTlsVersion: version }), 'DenyOutdatedTls');
    expect(s.Action).toEqual(['s3:*']);
    expect(s.Resource).toEqual([BUCKET, `${BUCKET}/*`]);
    expect(s.Condition).toEqual({ NumericLessThan: { 's3:TlsVersion': [String(version)] } });
  });

  test('no TLS statement without a minimum', () => {
    expect(policy({ minimumTlsVersion: undefined }).map((s) => s.Sid)).not.toContain('DenyOutdatedTls');
  });

  test.each<[EncryptionEnforcement, boolean, string[]]>([
    [EncryptionEnforcement.DENY_MISMATCHED_HEADERS, true, ['DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId']],
    [EncryptionEnforcement.DENY_MISMATCHED_HEADERS, false, ['DenyWrongEncryptionHeader']],
    [EncryptionEnforcement.REQUIRE_HEADERS, true, ['DenyWrongEncryptionHeader', 'DenyOtherKmsKey', 'DenyKmsWithoutKeyId', 'DenyMissingEncryptionHeader', 'DenyMissingKmsKeyId']],
    [EncryptionEnforcement.REQUIRE_HEADERS, false, ['DenyWrongEncryptionHeader', 'DenyMissingEncryptionHeader']],
    [EncryptionEnforcement.NONE, true, []],
    [EncryptionEnforcement.NONE, false, []],
  ])('%s, pinned %p: encryption statements %p', (enforcement, pinned, expected) => {
    const statements = policy({ enforcement, pinnedKeyArn: pinned ? KEY : undefined });
    expect(encryptionSids(statements)).toEqual(expected);
    for (const sid of expected) {
      const s = statement(statements, sid);
      // Replicas are written by S3, which does not document sending the headers.
      expect(s.Action).toEqual(sid.startsWith('DenyMissing') ? ['s3:PutObject', 's3:UpdateObjectEncryption'] : SETS_ENCRYPTION);
      expect(s.Resource).toEqual([`${BUCKET}/*`]);
    }
  });

  describe('DENY_MISMATCHED_HEADERS denies only headers that are present and wrong', () => {
    const statements = policy({ algorithm: 'aws:kms:dsse' });

    test('wrong algorithm: header present (Null false) and not the bucket algorithm', () => {
      expect(statement(statements, 'DenyWrongEncryptionHeader').Condition).toEqual({
        Null: { [SSE]: ['false'] },
        StringNotEquals: { [SSE]: ['aws:kms:dsse'] },
      });
    });

    test('other key: key id header present and not the pinned key ARN', () => {
      expect(statement(statements, 'DenyOtherKmsKey').Condition).toEqual({
        Null: { [SSE_KEY]: ['false'] },
        StringNotEquals: { [SSE_KEY]: [KEY] },
      });
    });

    test('KMS without a key id (which would use aws/s3): algorithm header present, key id header absent', () => {
      expect(statement(statements, 'DenyKmsWithoutKeyId').Condition).toEqual({
        Null: { [SSE]: ['false'], [SSE_KEY]: ['true'] },
      });
    });
  });

  describe('REQUIRE_HEADERS denies missing headers too', () => {
    const statements = policy({ enforcement: EncryptionEnforcement.REQUIRE_HEADERS });

    test('no algorithm header', () => {
      expect(statement(statements, 'DenyMissingEncryptionHeader').Condition).toEqual({ Null: { [SSE]: ['true'] } });
    });

    test('no key id header', () => {
      expect(statement(statements, 'DenyMissingKmsKeyId').Condition).toEqual({ Null: { [SSE_KEY]: ['true'] } });
    });
  });

  test('S3-managed: the algorithm checked is AES256', () => {
    const statements = policy({ algorithm: 'AES256', pinnedKeyArn: undefined });
    expect(statement(statements, 'DenyWrongEncryptionHeader').Condition!.StringNotEquals).toEqual({ [SSE]: ['AES256'] });
  });

  test('SSE-C: Deny PutObject on objects when the customer-algorithm header is present', () => {
    const s = statement(policy(), 'DenySseCUploads');
    expect(s.Action).toEqual(['s3:PutObject', 's3:ReplicateObject']);
    expect(s.Resource).toEqual([`${BUCKET}/*`]);
    expect(s.Condition).toEqual({ Null: { [SSE_C]: ['false'] } });
    expect(policy({ denySseC: false }).map((s2) => s2.Sid)).not.toContain('DenySseCUploads');
  });

  test('log delivery: Allow logging.s3.amazonaws.com to PutObject under the prefix, for that source bucket and account only', () => {
    expect(logDeliveryStatement(BUCKET, { bucketArn: 'arn:aws:s3:::source-a', accountId: '111122223333', prefix: 'a/' }, 0)).toEqual({
      Sid: 'AllowServerAccessLogDelivery0',
      Effect: 'Allow',
      Principal: { Service: ['logging.s3.amazonaws.com'] },
      Action: ['s3:PutObject'],
      Resource: [`${BUCKET}/a/*`],
      Condition: {
        ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::source-a'] },
        StringEquals: { 'aws:SourceAccount': ['111122223333'] },
      },
    });
    const second = logDeliveryStatement(BUCKET, { bucketArn: 'arn:aws:s3:::source-b', accountId: '444455556666', prefix: 'b/' }, 1);
    expect(second.Sid).toBe('AllowServerAccessLogDelivery1');
    expect(second.Resource).toEqual([`${BUCKET}/b/*`]);
    expect(second.Condition).toEqual({
      ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::source-b'] },
      StringEquals: { 'aws:SourceAccount': ['444455556666'] },
    });
  });

  test('everything off: no statements', () => {
    expect(policy({
      enforceHttps: false, minimumTlsVersion: undefined, enforcement: EncryptionEnforcement.NONE, denySseC: false,
    })).toEqual([]);
  });
});
