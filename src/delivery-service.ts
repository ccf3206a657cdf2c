/**
 * An AWS service that writes its logs into a bucket (`EncryptedBucket.allowDeliveryFrom`).
 * Values name the service; what each one is allowed is in the README ("AWS service
 * deliveries").
 */
export enum DeliveryService {
  /**
   * CloudTrail trails (`cloudtrail.amazonaws.com`), under `<prefix>/AWSLogs/<account>/`.
   * Into an SSE-KMS bucket, give the trail the bucket's key ARN as its KMS key
   * (`kms_key_id`): CloudTrail then asks for that key in each upload.
   */
  CLOUDTRAIL = 'CLOUDTRAIL',
  /**
   * VPC Flow Logs published to S3, through CloudWatch Logs' log delivery
   * (`delivery.logs.amazonaws.com`), under `<prefix>/AWSLogs/<account>/` (or its
   * Hive-compatible form). Uploads carry no encryption headers: the bucket's default
   * encryption applies.
   */
  VPC_FLOW_LOGS = 'VPC_FLOW_LOGS',
  /**
   * Elastic Load Balancing access logs. Always refused: AWS supports only SSE-S3 for
   * their bucket, and its principal depends on the region; write the statement with
   * `addToResourcePolicy` on an `S3_MANAGED` bucket.
   */
  ELB_ACCESS_LOGS = 'ELB_ACCESS_LOGS',
}

/** Whose deliveries `allowDeliveryFrom` lets in, and where they go. */
export interface DeliveryOptions {
  /**
   * The account whose resources deliver (`aws:SourceAccount`), which also names the
   * `AWSLogs/<account>/` folder they write to.
   *
   * @default - this bucket's account, or the account in `sourceArn`
   */
  readonly sourceAccount?: string;
  /**
   * The one resource allowed to deliver (`aws:SourceArn`): for `CLOUDTRAIL`, the trail's
   * ARN (`arn:aws:cloudtrail:<region>:<account>:trail/<name>`). Not for
   * `VPC_FLOW_LOGS`, whose log delivery names CloudWatch Logs, not the flow log.
   *
   * @default - any trail of `sourceAccount`
   */
  readonly sourceArn?: string;
  /**
   * The key prefix the service writes under, as set on it (the trail's `s3_key_prefix`,
   * the folder in the flow log's destination ARN), without the `AWSLogs/` part.
   *
   * @default - none: logs go under `AWSLogs/` at the bucket's root
   */
  readonly prefix?: string;
}
