import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { TerraformStack } from 'cdktf';
import { validateBucketName, validateLogPrefix } from './bucket-name';
import { LOG_DELIVERY_SID, logDeliveryStatement } from './bucket-policy';
import { encryptionName } from './bucket-settings';
import type { PolicyBuilder } from './policy-builder';
import { StackContext } from './stack-context';
import { PropValidator } from './validation';
import type { IEncryptedBucket } from '../bucket-interface';
import { BucketEncryption, EncryptionEnforcement } from '../bucket-options';
import type { ServerAccessLogsOptions } from '../encrypted-bucket-props';

/** What decides whether S3 can deliver server access logs into a bucket. */
interface LogTargetSettings {
  readonly encryption: BucketEncryption;
  readonly enforcement: EncryptionEnforcement;
  readonly objectLockEnabled: boolean;
}

/** A reason S3 could not deliver server access logs into a bucket. */
interface LogTargetProblem {
  readonly option: string;
  readonly requirement: string;
  readonly value: string | boolean;
}

/** Why S3 could not deliver server access logs into a bucket so configured, if it could not. */
function logTargetProblem(target: LogTargetSettings): LogTargetProblem | undefined {
  const { encryption, enforcement } = target;
  if (target.objectLockEnabled) {
    return {
      option: 'objectLockEnabled',
      requirement: 'must be false for a bucket that receives server access logs: S3 does not deliver logs into buckets with Object Lock',
      value: true,
    };
  }
  if (encryption !== BucketEncryption.S3_MANAGED) {
    return {
      option: 'encryption',
      requirement: 'must be S3_MANAGED for a bucket that receives server access logs: S3 does not deliver logs into SSE-KMS buckets',
      value: encryptionName(encryption),
    };
  }
  if (enforcement === EncryptionEnforcement.REQUIRE_HEADERS) {
    return {
      option: 'encryptionEnforcement',
      requirement: 'must not be REQUIRE_HEADERS for a bucket that receives server access logs: log delivery sends no encryption headers',
      value: enforcement,
    };
  }
  return undefined;
}

/** Where a bucket's access logs go, checked. */
interface LogTarget {
  /** A bucket of this library, whose policy must let the logs in. */
  readonly bucket?: IEncryptedBucket;
  /** The target's name, for the logging configuration. */
  readonly bucketName: string;
  readonly prefix: string;
}

/**
 * S3 delivers server access logs only into a bucket in the source's region and account.
 * Checked when the providers of both buckets say so at synth (a literal region, one
 * allowed account or an assumed role's ARN).
 */
function sameRegionAndAccount(v: PropValidator, source: IEncryptedBucket, target: IEncryptedBucket): void {
  const [from, to] = [StackContext.of(source, source.provider), StackContext.of(target, target.provider)];
  if (from.knownRegion !== undefined && to.knownRegion !== undefined && from.knownRegion !== to.knownRegion) {
    v.fail('serverAccessLogs.targetBucket', `must be in this bucket's region, ${from.knownRegion}: S3 delivers access logs only within a region`, `${target.node.path} in ${to.knownRegion}`);
  }
  if (from.knownAccountId !== undefined && to.knownAccountId !== undefined && from.knownAccountId !== to.knownAccountId) {
    v.fail('serverAccessLogs.targetBucket', `must be in this bucket's account, ${from.knownAccountId}: S3 delivers access logs only within an account`, `${target.node.path} in ${to.knownAccountId}`);
  }
}

/** Checks `serverAccessLogs` of `source`, naming the option at fault. */
function logTarget(v: PropValidator, source: IEncryptedBucket, options: ServerAccessLogsOptions): LogTarget {
  const { targetBucket, targetBucketName } = options;
  if ((targetBucket === undefined) === (targetBucketName === undefined)) {
    v.fail('serverAccessLogs', 'must give exactly one of targetBucket and targetBucketName');
  }
  if (targetBucket === source) {
    v.fail('serverAccessLogs.targetBucket', 'must be another bucket: a bucket logging into itself logs its own log deliveries');
  }
  if (targetBucket && TerraformStack.of(targetBucket) !== TerraformStack.of(source)) {
    // Each bucket would reference the other across stacks, which cdktf cannot order.
    v.fail(
      'serverAccessLogs.targetBucket',
      'must be in the same stack; for a target in another stack, give targetBucketName and call allowServerAccessLogsFrom on the target',
      targetBucket.node.path,
    );
  }
  if (targetBucket) sameRegionAndAccount(v, source, targetBucket);
  const problem = targetBucket && logTargetProblem({
    encryption: targetBucket.encryption, enforcement: targetBucket.encryptionEnforcement, objectLockEnabled: targetBucket.objectLockEnabled,
  });
  if (problem) {
    // Name the source too: a target may receive logs from many buckets.
    v.fail(
      'serverAccessLogs.targetBucket',
      `cannot receive this bucket's logs: its ${problem.option} ${problem.requirement}`,
      targetBucket!.node.path,
    );
  }
  validateBucketName(v, targetBucketName, 'serverAccessLogs.targetBucketName');
  validateLogPrefix(v, 'serverAccessLogs.prefix', options.prefix);
  return {
    bucket: targetBucket,
    bucketName: targetBucket?.bucketName ?? targetBucketName!,
    prefix: options.prefix ?? `${source.bucketName}/`,
  };
}

/**
 * The logging configuration of `source` (`serverAccessLogs`, checked), with the target's
 * policy extended to let the deliveries in when the target is a bucket of this library.
 */
export function accessLogging(v: PropValidator, source: IEncryptedBucket, options: ServerAccessLogsOptions): S3BucketLoggingA {
  const target = logTarget(v, source, options);
  target.bucket?.allowServerAccessLogsFrom(source.bucketArn, target.prefix, StackContext.of(source, source.provider).accountId);
  return new S3BucketLoggingA(source, 'Logging', {
    provider: source.provider,
    bucket: source.s3Bucket.id,
    targetBucket: target.bucketName,
    targetPrefix: target.prefix,
    // Deliveries start once the target's policy lets them in.
    dependsOn: target.bucket ? [target.bucket.bucketPolicy] : undefined,
  });
}

/** What a bucket that receives access logs reads of itself. */
export interface LogReceiver {
  readonly validator: PropValidator;
  readonly policy: PolicyBuilder;
  readonly bucketArn: string;
  readonly encryption: BucketEncryption;
  readonly enforcement: EncryptionEnforcement;
  readonly objectLockEnabled: boolean;
}

/**
 * Adds to `receiver`'s policy the statement that lets S3 deliver the access logs of
 * `sourceBucketArn`, owned by `accountId`, under `prefix`: after checking that S3 can
 * deliver into it at all.
 */
export function allowLogDelivery(receiver: LogReceiver, sourceBucketArn: string, prefix: string, accountId: string): void {
  const v = receiver.validator;
  const problem = logTargetProblem(receiver);
  if (problem) v.fail(problem.option, problem.requirement, problem.value);
  validateLogPrefix(v, 'prefix', prefix);
  const index = receiver.policy.countAdded((s) => s.Sid?.startsWith(LOG_DELIVERY_SID) ?? false);
  receiver.policy.add(logDeliveryStatement(receiver.bucketArn, { bucketArn: sourceBucketArn, prefix, accountId }, index), 'allowServerAccessLogsFrom');
}
