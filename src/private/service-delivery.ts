import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Annotations, Token } from 'cdktf';
import { bucketArnPatterns, validateLogPrefix } from './bucket-name';
import { grantSid } from './grants';
import { isManagedKey } from './managed-key';
import type { PolicyBuilder } from './policy-builder';
import { PolicyStatementJson } from './policy-document';
import { StackContext } from './stack-context';
import { PropValidator } from './validation';
import type { IEncryptedBucket } from '../bucket-interface';
import { BucketEncryption, EncryptionEnforcement } from '../bucket-options';
import { DeliveryOptions, DeliveryService } from '../delivery-service';

/**
 * `allowDeliveryFrom`: the bucket-policy and key-policy statements an AWS service needs to
 * write its logs into the bucket, scoped to one source account (or trail) against the
 * confused deputy. What each service needs is from AWS's documentation:
 *  - CloudTrail: "Amazon S3 bucket policy for CloudTrail" and "Configure AWS KMS key
 *    policies for CloudTrail" (CloudTrail User Guide). With a KMS key on the trail,
 *    CloudTrail names that key in each upload; S3 then asks KMS for a data key on
 *    CloudTrail's behalf, with the trail's ARN as encryption context
 *    (`aws:cloudtrail:arn`).
 *  - VPC Flow Logs: "Amazon S3 bucket permissions for flow logs" (VPC User Guide) and
 *    "Logs sent to Amazon S3", "Amazon S3 bucket server-side encryption" (CloudWatch Logs
 *    User Guide): log delivery relies on the bucket's default encryption.
 *  - Elastic Load Balancing: "The only server-side encryption option that's supported is
 *    Amazon S3-managed keys (SSE-S3)" (ALB User Guide, "Enable access logs").
 */

/** The bucket a delivery is allowed into, with what only the bucket itself holds. */
export interface DeliveryTarget {
  readonly bucket: IEncryptedBucket;
  readonly validator: PropValidator;
  readonly policy: PolicyBuilder;
}

/** What a service is, for its statements. */
interface ServiceSpec {
  /** The service principal. */
  readonly principal: string;
  /** For Sids: the service's name in one word. */
  readonly sid: string;
  /** The bucket actions the service checks before it writes. */
  readonly bucketActions: string[];
  /** Whether its uploads carry encryption headers (into an SSE-KMS bucket). */
  readonly sendsHeadersWithKms: boolean;
}

const SPECS: Record<Exclude<DeliveryService, DeliveryService.ELB_ACCESS_LOGS>, ServiceSpec> = {
  [DeliveryService.CLOUDTRAIL]: {
    principal: 'cloudtrail.amazonaws.com',
    sid: 'CloudTrail',
    bucketActions: ['s3:GetBucketAcl'],
    sendsHeadersWithKms: true,
  },
  [DeliveryService.VPC_FLOW_LOGS]: {
    principal: 'delivery.logs.amazonaws.com',
    sid: 'FlowLogs',
    // ListBucket: without it log delivery's checks show up as AccessDenied in CloudTrail.
    bucketActions: ['s3:GetBucketAcl', 's3:ListBucket'],
    sendsHeadersWithKms: false,
  },
};

/** The encryption context key CloudTrail adds to each KMS request for a trail's logs. */
export const CLOUDTRAIL_ENCRYPTION_CONTEXT = 'kms:EncryptionContext:aws:cloudtrail:arn';

const TRAIL_ARN = /^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]+$/;
const ACCOUNT_ID = /^\d{12}$/;

/** What the statements are built from, once checked. */
interface Delivery {
  readonly service: keyof typeof SPECS;
  readonly spec: ServiceSpec;
  readonly partition: string;
  readonly account: string;
  readonly sourceArn?: string;
  /** `''` or `<prefix>/`. */
  readonly prefix: string;
}

/**
 * Adds to the bucket's policy, and to the key policy of its `ManagedCmk`, what `service`
 * needs to deliver into the bucket. The same call again adds nothing. An imported key's
 * policy is not changed: synth warns with what its owner must allow.
 */
export function allowServiceDelivery(target: DeliveryTarget, service: DeliveryService, options: DeliveryOptions = {}): void {
  const delivery = checkedDelivery(target, service, options);
  const { bucket, policy } = target;
  const added = bucketStatements(bucket.bucketArn, delivery).map((statement) => policy.addOnce(statement, 'allowDeliveryFrom'));
  const key = bucket.encryptionKey;
  if (key === undefined) return;
  const keyStatements = keyPolicyStatements(target, delivery);
  if (isManagedKey(key)) {
    keyStatements.forEach((statement) => addToKeyOnce(key, statement));
  } else if (added.some((wasAdded) => wasAdded)) {
    Annotations.of(bucket).addWarning(
      `allowDeliveryFrom(${service}): the bucket's key ${key.keyArn} was imported, so its key policy is not managed here. ` +
      `Until the key's owner allows ${keyStatements.map(describeStatement).join('; and ')}, ` +
      'deliveries into this bucket are denied (README, "AWS service deliveries").',
    );
  }
}

/** The options checked against the service and the bucket, naming the one at fault. */
function checkedDelivery(target: DeliveryTarget, service: DeliveryService, options: DeliveryOptions): Delivery {
  const v = target.validator;
  const { bucket } = target;
  v.oneOf('service', service, Object.values(DeliveryService));
  if (service === DeliveryService.ELB_ACCESS_LOGS) {
    v.fail('service', bucket.encryption === BucketEncryption.S3_MANAGED
      ? 'ELB_ACCESS_LOGS is not covered by allowDeliveryFrom: Elastic Load Balancing\'s principal depends on the region (an ELB account in older regions); write the statement with addToResourcePolicy'
      : 'ELB_ACCESS_LOGS cannot deliver into this bucket: Elastic Load Balancing supports only SSE-S3 (S3_MANAGED) for access-log buckets, and this one uses SSE-KMS',
    service);
  }
  const spec = SPECS[service as keyof typeof SPECS];
  if (bucket.encryption === BucketEncryption.DSSE_KMS) {
    v.fail('encryption', `must be KMS or S3_MANAGED for ${service} deliveries: AWS documents SSE-KMS and SSE-S3 destinations for them, not DSSE-KMS`, 'DSSE_KMS');
  }
  const sendsHeaders = spec.sendsHeadersWithKms && bucket.encryption === BucketEncryption.KMS;
  if (bucket.encryptionEnforcement === EncryptionEnforcement.REQUIRE_HEADERS && !sendsHeaders) {
    const why = spec.sendsHeadersWithKms
      ? 'CloudTrail names a key in its uploads only for a trail with a KMS key, which an S3_MANAGED bucket cannot take'
      : 'log delivery sends no encryption headers and relies on the bucket\'s default encryption';
    v.fail('encryptionEnforcement', `must not be REQUIRE_HEADERS for ${service} deliveries: ${why}`, bucket.encryptionEnforcement);
  }
  const { sourceAccount, sourceArn } = options;
  if (sourceAccount !== undefined && !Token.isUnresolved(sourceAccount) && !ACCOUNT_ID.test(sourceAccount)) {
    v.fail('sourceAccount', 'must be a 12-digit account id', sourceAccount);
  }
  if (sourceArn !== undefined && service !== DeliveryService.CLOUDTRAIL) {
    v.fail('sourceArn', `cannot be set for ${service}: its log delivery sends arn:aws:logs:<region>:<account>:* as aws:SourceArn, not the flow log's ARN; name sourceAccount`, sourceArn);
  }
  const literalArn = sourceArn !== undefined && !Token.isUnresolved(sourceArn) ? sourceArn : undefined;
  if (literalArn !== undefined && !TRAIL_ARN.test(literalArn)) {
    v.fail('sourceArn', 'must be a trail ARN such as arn:aws:cloudtrail:us-east-1:111122223333:trail/name, without wildcards', literalArn);
  }
  const arnAccount = literalArn?.split(':')[4];
  if (arnAccount !== undefined && sourceAccount !== undefined && !Token.isUnresolved(sourceAccount) && sourceAccount !== arnAccount) {
    v.fail('sourceAccount', `must be the account of sourceArn, ${arnAccount}`, sourceAccount);
  }
  const context = StackContext.of(bucket, bucket.provider);
  return {
    service: service as keyof typeof SPECS,
    spec,
    partition: context.partition,
    account: sourceAccount ?? arnAccount ?? context.accountId,
    sourceArn,
    prefix: checkedPrefix(v, options.prefix),
  };
}

/** `''` for no prefix, else the prefix with one `/` after it. */
function checkedPrefix(v: PropValidator, prefix: string | undefined): string {
  if (prefix === undefined) return '';
  if (Token.isUnresolved(prefix)) return `${prefix}/`;
  validateLogPrefix(v, 'prefix', prefix);
  if (prefix.startsWith('/')) v.fail('prefix', 'must not start with "/"', prefix);
  if (prefix.split('/').includes('AWSLogs')) v.fail('prefix', 'must not contain the folder AWSLogs: the services add it after the prefix', prefix);
  const trimmed = prefix.replace(/\/+$/, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

/** Who may deliver: the account always, and the one trail when named (else any of the account's). */
function sourceConditions(delivery: Delivery): { StringEquals: Record<string, string[]>; ArnLike?: Record<string, string[]> } {
  const { partition, account, sourceArn } = delivery;
  const StringEquals: Record<string, string[]> = { 'aws:SourceAccount': [account] };
  if (sourceArn !== undefined) return { StringEquals: { ...StringEquals, 'aws:SourceArn': [sourceArn] } };
  const anySource = delivery.service === DeliveryService.CLOUDTRAIL
    ? `arn:${partition}:cloudtrail:*:${account}:trail/*`
    : `arn:${partition}:logs:*:${account}:*`;
  return { StringEquals, ArnLike: { 'aws:SourceArn': [anySource] } };
}

/** Stable Sids: the same delivery gets the same ones, another delivery others. */
function sid(delivery: Delivery, what: string, ...more: string[]): string {
  return grantSid(`${delivery.spec.sid}${what}`, delivery.service, delivery.account, delivery.sourceArn ?? '', ...more);
}

/** The bucket policy's statements: the service's bucket checks, and its writes under `AWSLogs/<account>/`. */
function bucketStatements(bucketArn: string, delivery: Delivery): PolicyStatementJson[] {
  const { spec, prefix, account } = delivery;
  const source = sourceConditions(delivery);
  const folders = delivery.service === DeliveryService.VPC_FLOW_LOGS
    // Flow logs with Hive-compatible prefixes write under AWSLogs/aws-account-id=<account>/.
    ? [`${bucketArn}/${prefix}AWSLogs/${account}/*`, `${bucketArn}/${prefix}AWSLogs/aws-account-id=${account}/*`]
    : [`${bucketArn}/${prefix}AWSLogs/${account}/*`];
  return [
    {
      Sid: sid(delivery, 'AclCheck'),
      Effect: 'Allow',
      Principal: { Service: [spec.principal] },
      Action: spec.bucketActions,
      Resource: [bucketArn],
      Condition: source,
    },
    {
      Sid: sid(delivery, 'Write', prefix),
      Effect: 'Allow',
      Principal: { Service: [spec.principal] },
      Action: ['s3:PutObject'],
      Resource: folders,
      Condition: { ...source, StringEquals: { ...source.StringEquals, 's3:x-amz-acl': ['bucket-owner-full-control'] } },
    },
  ];
}

/**
 * The key policy's statements. CloudTrail: data keys only for the account's trails (or
 * the one trail) by encryption context; Decrypt (which trails need with an S3 Bucket Key)
 * and DescribeKey, for the same source. Log delivery: data keys and Decrypt (multipart
 * uploads) for S3's requests for this bucket's objects, where the bucket's name is
 * known; AWS's sample also lists kms:Encrypt, kms:ReEncrypt* and kms:DescribeKey, which
 * S3 does not call for SSE-KMS.
 */
function keyPolicyStatements(target: DeliveryTarget, delivery: Delivery): PolicyStatementJson[] {
  const { spec, partition, account, sourceArn } = delivery;
  const source = sourceConditions(delivery);
  const principal = { Service: [spec.principal] };
  if (delivery.service === DeliveryService.CLOUDTRAIL) {
    const trails = sourceArn ?? `arn:${partition}:cloudtrail:*:${account}:trail/*`;
    return [
      {
        Sid: sid(delivery, 'Encrypt'),
        Effect: 'Allow',
        Principal: principal,
        Action: ['kms:GenerateDataKey*'],
        Resource: ['*'],
        Condition: { ...source, StringLike: { [CLOUDTRAIL_ENCRYPTION_CONTEXT]: [trails] } },
      },
      {
        Sid: sid(delivery, 'DecryptDescribe'),
        Effect: 'Allow',
        Principal: principal,
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: ['*'],
        Condition: source,
      },
    ];
  }
  // Not the bucket's ARN: the bucket depends on its key, so a key policy that read it would make a cycle.
  const s3 = target.bucket.s3Bucket;
  const objects = bucketArnPatterns(partition, s3.bucketInput, s3.bucketPrefixInput);
  return [{
    Sid: sid(delivery, 'KeyUse', target.bucket.node.path),
    Effect: 'Allow',
    Principal: principal,
    Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    Resource: ['*'],
    Condition: { ...source, ...(objects && { StringLike: { 'kms:EncryptionContext:aws:s3:arn': objects } }) },
  }];
}

/** Key-policy statements already added, per key: the same delivery again, or from another bucket with the same key, adds nothing. */
const ADDED_TO_KEY = new WeakMap<object, Set<string>>();

function addToKeyOnce(key: { addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void }, statement: PolicyStatementJson): void {
  const added = ADDED_TO_KEY.get(key) ?? new Set<string>();
  ADDED_TO_KEY.set(key, added);
  const text = JSON.stringify(statement);
  if (added.has(text)) return;
  added.add(text);
  key.addToResourcePolicy(documentStatement(statement));
}

/** The statement in the `aws_iam_policy_document` shape that `addToResourcePolicy` takes. */
function documentStatement(statement: PolicyStatementJson): DataAwsIamPolicyDocumentStatement {
  const principals = statement.Principal as Record<string, string[]>;
  return {
    sid: statement.Sid,
    effect: statement.Effect,
    principals: Object.entries(principals).map(([type, identifiers]) => ({ type, identifiers })),
    actions: statement.Action,
    resources: statement.Resource,
    condition: Object.entries(statement.Condition ?? {}).flatMap(([test, keys]) =>
      Object.entries(keys).map(([variable, values]) => ({ test, variable, values }))),
  };
}

/** `cloudtrail.amazonaws.com kms:Decrypt, kms:DescribeKey with StringEquals aws:SourceAccount 1111...`, for the warning. */
function describeStatement(statement: PolicyStatementJson): string {
  const principals = Object.values(statement.Principal as Record<string, string[]>).flat().join(', ');
  const conditions = Object.entries(statement.Condition ?? {}).flatMap(([test, keys]) =>
    Object.entries(keys).map(([key, values]) => `${test} ${key} ${values.join(' or ')}`));
  return `${principals} ${statement.Action!.join(', ')} with ${conditions.join(', ')}`;
}
