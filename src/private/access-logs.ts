import { TerraformStack } from 'cdktf';
import { validateBucketName, validateLogPrefix } from './bucket-name';
import { encryptionName } from './bucket-settings';
import { StackContext } from './stack-context';
import { PropValidator } from './validation';
import { BucketEncryption, EncryptionEnforcement, ServerAccessLogsOptions } from '../bucket-options';
import type { EncryptedBucket } from '../encrypted-bucket';

/** A reason S3 could not deliver server access logs into a bucket. */
export interface LogTargetProblem {
  readonly option: string;
  readonly requirement: string;
  readonly value: string;
}

/** Why S3 could not deliver server access logs into a bucket so configured, if it could not. */
export function logTargetProblem(encryption: BucketEncryption, enforcement: EncryptionEnforcement): LogTargetProblem | undefined {
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
export interface LogTarget {
  /** A bucket of this library, whose policy must let the logs in. */
  readonly bucket?: EncryptedBucket;
  /** The target's name, for the logging configuration. */
  readonly bucketName: string;
  readonly prefix: string;
}

/**
 * S3 delivers server access logs only into a bucket in the source's region and account.
 * Checked when the providers of both buckets say so at synth (a literal region, one
 * allowed account or an assumed role's ARN).
 */
function sameRegionAndAccount(v: PropValidator, source: EncryptedBucket, target: EncryptedBucket): void {
  const [from, to] = [StackContext.of(source, source.provider), StackContext.of(target, target.provider)];
  if (from.knownRegion !== undefined && to.knownRegion !== undefined && from.knownRegion !== to.knownRegion) {
    v.fail('serverAccessLogs.targetBucket', `must be in this bucket's region, ${from.knownRegion}: S3 delivers access logs only within a region`, `${target.node.path} in ${to.knownRegion}`);
  }
  if (from.knownAccountId !== undefined && to.knownAccountId !== undefined && from.knownAccountId !== to.knownAccountId) {
    v.fail('serverAccessLogs.targetBucket', `must be in this bucket's account, ${from.knownAccountId}: S3 delivers access logs only within an account`, `${target.node.path} in ${to.knownAccountId}`);
  }
}

/** Checks `serverAccessLogs` of `source`, naming the option at fault. */
export function logTarget(v: PropValidator, source: EncryptedBucket, options: ServerAccessLogsOptions): LogTarget {
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
  const problem = targetBucket && logTargetProblem(targetBucket.encryption, targetBucket.encryptionEnforcement);
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
