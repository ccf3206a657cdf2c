/**
 * allowDeliveryFrom: the bucket-policy and key-policy statements each AWS service gets,
 * what is refused and why, and that the same call again changes nothing. The policies'
 * meaning is proved by IAM evaluation in test/policy/service-delivery.terraform.test.ts.
 */
import { TerraformStack, Testing } from 'cdktf';
import {
  BucketEncryption, DeliveryService, EncryptedBucket, EncryptedBucketProps, EncryptionEnforcement, ManagedCmk,
} from '../src';
import { errorOf, onlyResource, resourcesOf, synthJson, testStack } from './support/synth';

const TRAIL = 'arn:aws:cloudtrail:us-east-1:444455556666:trail/org-audit';
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/0f3c2a5e-1111-4222-8333-444455556666';

function bucketPolicy(json: any): any {
  return JSON.parse(onlyResource(json, 'aws_s3_bucket_policy').policy);
}

function keyPolicy(json: any): any {
  return JSON.parse(onlyResource(json, 'aws_kms_key').policy);
}

/** Statements naming a service principal, with Sids replaced by what they start with. */
function serviceStatements(policy: any): any[] {
  return policy.Statement.filter((s: any) => s.Principal?.Service).map((s: any) => ({ ...s, Sid: s.Sid.replace(/[0-9a-f]{12}$/, '*') }));
}

function bucketIn(stack: TerraformStack, props: EncryptedBucketProps = {}): EncryptedBucket {
  return new EncryptedBucket(stack, 'Logs', { bucketName: 'central-logs', ...props });
}

/** cdktf renders tokens as `${...}` references; these match the account and partition ones. */
const ACCOUNT = expect.stringMatching(/^\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/);
const anyOf = (pattern: RegExp) => expect.stringMatching(pattern);

describe('CloudTrail', () => {
  test('a trail by ARN: the ACL check and writes under AWSLogs/<its account>/, each limited to that trail and account', () => {
    const stack = testStack();
    bucketIn(stack).allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL, prefix: 'trails/' });
    const json = synthJson(stack);
    const source = { StringEquals: { 'aws:SourceAccount': ['444455556666'], 'aws:SourceArn': [TRAIL] } };
    expect(serviceStatements(bucketPolicy(json))).toEqual([
      {
        Sid: 'CloudTrailAclCheck*',
        Effect: 'Allow',
        Principal: { Service: ['cloudtrail.amazonaws.com'] },
        Action: ['s3:GetBucketAcl'],
        Resource: [anyOf(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}$/)],
        Condition: source,
      },
      {
        Sid: 'CloudTrailWrite*',
        Effect: 'Allow',
        Principal: { Service: ['cloudtrail.amazonaws.com'] },
        Action: ['s3:PutObject'],
        Resource: [anyOf(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}\/trails\/AWSLogs\/444455556666\/\*$/)],
        Condition: { StringEquals: { ...source.StringEquals, 's3:x-amz-acl': ['bucket-owner-full-control'] } },
      },
    ]);
    expect(serviceStatements(keyPolicy(json))).toEqual([
      {
        Sid: 'CloudTrailEncrypt*',
        Effect: 'Allow',
        Principal: { Service: ['cloudtrail.amazonaws.com'] },
        Action: ['kms:GenerateDataKey*'],
        Resource: ['*'],
        Condition: { ...source, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [TRAIL] } },
      },
      {
        Sid: 'CloudTrailDecryptDescribe*',
        Effect: 'Allow',
        Principal: { Service: ['cloudtrail.amazonaws.com'] },
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: ['*'],
        Condition: source,
      },
    ]);
  });

  test('without a trail: any trail of the bucket\'s own account, by aws:SourceAccount and an aws:SourceArn pattern', () => {
    const stack = testStack();
    bucketIn(stack).allowDeliveryFrom(DeliveryService.CLOUDTRAIL);
    const json = synthJson(stack);
    const [acl, write] = serviceStatements(bucketPolicy(json));
    const trails = anyOf(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:cloudtrail:\*:\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}:trail\/\*$/);
    expect(acl.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': [ACCOUNT] }, ArnLike: { 'aws:SourceArn': [trails] } });
    expect(write.Resource).toEqual([anyOf(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}\/AWSLogs\/\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}\/\*$/)]);
    const [encrypt] = serviceStatements(keyPolicy(json));
    expect(encrypt.Condition.StringLike).toEqual({ 'kms:EncryptionContext:aws:cloudtrail:arn': [trails] });
  });

  test('another account by id: its folder and its trails', () => {
    const stack = testStack();
    bucketIn(stack).allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceAccount: '777788889999' });
    const [, write] = serviceStatements(bucketPolicy(synthJson(stack)));
    expect(write.Resource).toEqual([anyOf(/\/AWSLogs\/777788889999\/\*$/)]);
    expect(write.Condition.ArnLike).toEqual({ 'aws:SourceArn': [anyOf(/:cloudtrail:\*:777788889999:trail\/\*$/)] });
    expect(write.Condition.StringEquals['aws:SourceAccount']).toEqual(['777788889999']);
  });

  test('into an S3_MANAGED bucket: the bucket statements only (no key)', () => {
    const stack = testStack();
    bucketIn(stack, { encryption: BucketEncryption.S3_MANAGED }).allowDeliveryFrom(DeliveryService.CLOUDTRAIL);
    const json = synthJson(stack);
    expect(serviceStatements(bucketPolicy(json)).map((s) => s.Sid)).toEqual(['CloudTrailAclCheck*', 'CloudTrailWrite*']);
    expect(resourcesOf(json, 'aws_kms_key')).toEqual([]);
  });

  test('with REQUIRE_HEADERS and a pinned key, into SSE-KMS: allowed (the trail names its key in each upload)', () => {
    const stack = testStack();
    const bucket = bucketIn(stack, { encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS, pinEncryptionKey: true });
    bucket.allowDeliveryFrom(DeliveryService.CLOUDTRAIL);
    expect(serviceStatements(bucketPolicy(synthJson(stack)))).toHaveLength(2);
  });
});

describe('VPC Flow Logs', () => {
  test('log delivery: ACL check and listing, writes under AWSLogs/<account>/ (and its Hive form), limited to the account\'s log deliveries', () => {
    const stack = testStack();
    bucketIn(stack).allowDeliveryFrom(DeliveryService.VPC_FLOW_LOGS, { sourceAccount: '444455556666', prefix: 'flow' });
    const json = synthJson(stack);
    const source = {
      StringEquals: { 'aws:SourceAccount': ['444455556666'] },
      ArnLike: { 'aws:SourceArn': [anyOf(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:logs:\*:444455556666:\*$/)] },
    };
    expect(serviceStatements(bucketPolicy(json))).toEqual([
      {
        Sid: 'FlowLogsAclCheck*',
        Effect: 'Allow',
        Principal: { Service: ['delivery.logs.amazonaws.com'] },
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: [anyOf(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}$/)],
        Condition: source,
      },
      {
        Sid: 'FlowLogsWrite*',
        Effect: 'Allow',
        Principal: { Service: ['delivery.logs.amazonaws.com'] },
        Action: ['s3:PutObject'],
        Resource: [
          anyOf(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}\/flow\/AWSLogs\/444455556666\/\*$/),
          anyOf(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}\/flow\/AWSLogs\/aws-account-id=444455556666\/\*$/),
        ],
        Condition: { ...source, StringEquals: { ...source.StringEquals, 's3:x-amz-acl': ['bucket-owner-full-control'] } },
      },
    ]);
    expect(serviceStatements(keyPolicy(json))).toEqual([{
      Sid: 'FlowLogsKeyUse*',
      Effect: 'Allow',
      Principal: { Service: ['delivery.logs.amazonaws.com'] },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: ['*'],
      Condition: {
        ...source,
        StringLike: {
          'kms:EncryptionContext:aws:s3:arn': [
            anyOf(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:s3:::central-logs$/),
            anyOf(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:s3:::central-logs\/\*$/),
          ],
        },
      },
    }]);
  });

  test('a bucket whose name Terraform picks: the key statement cannot name the bucket', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Logs').allowDeliveryFrom(DeliveryService.VPC_FLOW_LOGS);
    const [keyUse] = serviceStatements(keyPolicy(synthJson(stack)));
    expect(Object.keys(keyUse.Condition)).toEqual(['StringEquals', 'ArnLike']);
  });
});

describe('the same delivery again, and several', () => {
  test('calling twice with the same arguments changes nothing', () => {
    const once = testStack();
    bucketIn(once).allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL });
    const twice = testStack();
    const bucket = bucketIn(twice);
    bucket.allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL });
    bucket.allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL });
    expect(Testing.synth(twice)).toEqual(Testing.synth(once));
  });

  test('Sids are stable across apps and differ per source and per prefix', () => {
    const sids = (prefix?: string, sourceAccount = '444455556666') => {
      const stack = testStack();
      bucketIn(stack).allowDeliveryFrom(DeliveryService.VPC_FLOW_LOGS, { sourceAccount, prefix });
      return bucketPolicy(synthJson(stack)).Statement.filter((s: any) => s.Principal?.Service).map((s: any) => s.Sid);
    };
    expect(sids('a')).toEqual(sids('a'));
    expect(sids('a')[0]).toEqual(sids('b')[0]);
    expect(sids('a')[1]).not.toEqual(sids('b')[1]);
    expect(sids('a', '777788889999')[0]).not.toEqual(sids('a')[0]);
  });

  test('two services, and two buckets sharing one key: each statement once in the key policy', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Key', { alias: 'alias/logs' });
    const a = new EncryptedBucket(stack, 'A', { bucketName: 'logs-a', encryptionKey: key });
    const b = new EncryptedBucket(stack, 'B', { bucketName: 'logs-b', encryptionKey: key });
    a.allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL });
    b.allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL });
    a.allowDeliveryFrom(DeliveryService.VPC_FLOW_LOGS);
    b.allowDeliveryFrom(DeliveryService.VPC_FLOW_LOGS);
    const sids = serviceStatements(keyPolicy(synthJson(stack))).map((s) => s.Sid);
    // CloudTrail's key statements name no bucket; log delivery's name each bucket's objects.
    expect(sids).toEqual(['CloudTrailEncrypt*', 'CloudTrailDecryptDescribe*', 'FlowLogsKeyUse*', 'FlowLogsKeyUse*']);
  });
});

describe('an imported key', () => {
  test('the bucket statements only, and one warning naming what the key owner must allow', () => {
    const stack = testStack();
    const bucket = bucketIn(stack, { encryptionKey: ManagedCmk.fromKeyArn(stack, 'Imported', KEY_ARN) });
    bucket.allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL });
    bucket.allowDeliveryFrom(DeliveryService.CLOUDTRAIL, { sourceArn: TRAIL });
    const json = synthJson(stack);
    expect(serviceStatements(bucketPolicy(json))).toHaveLength(2);
    expect(resourcesOf(json, 'aws_kms_key')).toEqual([]);
    const warnings = bucket.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([
      `allowDeliveryFrom(CLOUDTRAIL): the bucket's key ${KEY_ARN} was imported, so its key policy is not managed here. ` +
      'Until the key\'s owner allows cloudtrail.amazonaws.com kms:GenerateDataKey* with ' +
      `StringEquals aws:SourceAccount 444455556666, StringEquals aws:SourceArn ${TRAIL}, StringLike kms:EncryptionContext:aws:cloudtrail:arn ${TRAIL}; ` +
      `and cloudtrail.amazonaws.com kms:Decrypt, kms:DescribeKey with StringEquals aws:SourceAccount 444455556666, StringEquals aws:SourceArn ${TRAIL}, ` +
      'deliveries into this bucket are denied (README, "AWS service deliveries").',
    ]);
  });
});

describe('refused, naming the reason', () => {
  const cases: Array<{ label: string; props?: EncryptedBucketProps; service: DeliveryService; options?: object; message: string }> = [
    {
      label: 'ELB access logs into SSE-KMS',
      service: DeliveryService.ELB_ACCESS_LOGS,
      message: 'EncryptedBucket "test/Logs": service ELB_ACCESS_LOGS cannot deliver into this bucket: Elastic Load Balancing supports only SSE-S3 (S3_MANAGED) for access-log buckets, and this one uses SSE-KMS (got "ELB_ACCESS_LOGS")',
    },
    {
      label: 'ELB access logs into SSE-S3',
      props: { encryption: BucketEncryption.S3_MANAGED },
      service: DeliveryService.ELB_ACCESS_LOGS,
      message: 'EncryptedBucket "test/Logs": service ELB_ACCESS_LOGS is not covered by allowDeliveryFrom: Elastic Load Balancing\'s principal depends on the region (an ELB account in older regions); write the statement with addToResourcePolicy (got "ELB_ACCESS_LOGS")',
    },
    {
      label: 'an unknown service',
      service: 'S3_INVENTORY' as DeliveryService,
      message: 'EncryptedBucket "test/Logs": service must be one of "CLOUDTRAIL", "VPC_FLOW_LOGS", "ELB_ACCESS_LOGS" (got "S3_INVENTORY")',
    },
    {
      label: 'a DSSE-KMS bucket',
      props: { encryption: BucketEncryption.DSSE_KMS },
      service: DeliveryService.CLOUDTRAIL,
      message: 'EncryptedBucket "test/Logs": encryption must be KMS or S3_MANAGED for CLOUDTRAIL deliveries: AWS documents SSE-KMS and SSE-S3 destinations for them, not DSSE-KMS (got "DSSE_KMS")',
    },
    {
      label: 'flow logs with REQUIRE_HEADERS',
      props: { encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS },
      service: DeliveryService.VPC_FLOW_LOGS,
      message: 'EncryptedBucket "test/Logs": encryptionEnforcement must not be REQUIRE_HEADERS for VPC_FLOW_LOGS deliveries: log delivery sends no encryption headers and relies on the bucket\'s default encryption (got "REQUIRE_HEADERS")',
    },
    {
      label: 'CloudTrail into SSE-S3 with REQUIRE_HEADERS',
      props: { encryption: BucketEncryption.S3_MANAGED, encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS },
      service: DeliveryService.CLOUDTRAIL,
      message: 'EncryptedBucket "test/Logs": encryptionEnforcement must not be REQUIRE_HEADERS for CLOUDTRAIL deliveries: CloudTrail names a key in its uploads only for a trail with a KMS key, which an S3_MANAGED bucket cannot take (got "REQUIRE_HEADERS")',
    },
    {
      label: 'a source ARN for flow logs',
      service: DeliveryService.VPC_FLOW_LOGS,
      options: { sourceArn: 'arn:aws:ec2:us-east-1:444455556666:vpc-flow-log/fl-1234' },
      message: 'EncryptedBucket "test/Logs": sourceArn cannot be set for VPC_FLOW_LOGS: its log delivery sends arn:aws:logs:<region>:<account>:* as aws:SourceArn, not the flow log\'s ARN; name sourceAccount (got "arn:aws:ec2:us-east-1:444455556666:vpc-flow-log/fl-1234")',
    },
    {
      label: 'a trail ARN with a wildcard',
      service: DeliveryService.CLOUDTRAIL,
      options: { sourceArn: 'arn:aws:cloudtrail:*:444455556666:trail/*' },
      message: 'EncryptedBucket "test/Logs": sourceArn must be a trail ARN such as arn:aws:cloudtrail:us-east-1:111122223333:trail/name, without wildcards (got "arn:aws:cloudtrail:*:444455556666:trail/*")',
    },
    {
      label: 'an account that is not the trail\'s',
      service: DeliveryService.CLOUDTRAIL,
      options: { sourceArn: TRAIL, sourceAccount: '777788889999' },
      message: 'EncryptedBucket "test/Logs": sourceAccount must be the account of sourceArn, 444455556666 (got "777788889999")',
    },
    {
      label: 'an account that is no account id',
      service: DeliveryService.CLOUDTRAIL,
      options: { sourceAccount: '*' },
      message: 'EncryptedBucket "test/Logs": sourceAccount must be a 12-digit account id (got "*")',
    },
    {
      label: 'a prefix with a wildcard',
      service: DeliveryService.CLOUDTRAIL,
      options: { prefix: 'logs/*' },
      message: 'EncryptedBucket "test/Logs": prefix must not contain *, ?, ", \\, %{ or ${ (got "logs/*")',
    },
    {
      label: 'a prefix that holds AWSLogs',
      service: DeliveryService.VPC_FLOW_LOGS,
      options: { prefix: 'flow/AWSLogs/' },
      message: 'EncryptedBucket "test/Logs": prefix must not contain the folder AWSLogs: the services add it after the prefix (got "flow/AWSLogs/")',
    },
    {
      label: 'a prefix with a leading slash',
      service: DeliveryService.CLOUDTRAIL,
      options: { prefix: '/logs' },
      message: 'EncryptedBucket "test/Logs": prefix must not start with "/" (got "/logs")',
    },
  ];

  test.each(cases)('$label', ({ props, service, options, message }) => {
    const stack = testStack();
    const bucket = bucketIn(stack, props);
    expect(errorOf(() => bucket.allowDeliveryFrom(service, options)).message).toBe(message);
  });
});
