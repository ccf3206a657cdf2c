import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { IEncryptionKey } from './encryption-key';
import { ImportedKey } from './private/imported-key';
import { PropValidator } from './private/validation';
import type { IReplicationDestination } from './replication-rule';

/** Properties of an `ExternalReplicationDestination`. */
export interface ExternalReplicationDestinationProps {
  /**
   * The bucket's ARN, `arn:aws:s3:::<name>`. Give this or `bucketName`.
   *
   * @default - built from `bucketName`
   */
  readonly bucketArn?: string;

  /**
   * The bucket's name. Give this or `bucketArn`.
   *
   * @default - read from `bucketArn`
   */
  readonly bucketName?: string;

  /**
   * The ARN of the KMS key replicas are encrypted with, in the bucket's region. Its key
   * policy must let the replication role use it (`kms:Encrypt`, `kms:GenerateDataKey`).
   */
  readonly keyArn: string;

  /** The account that owns the bucket. */
  readonly accountId: string;

  /**
   * The bucket's region, for `kms:ViaService`. Required when `keyArn` is a token.
   *
   * @default - the region in `keyArn`
   */
  readonly region?: string;

  /**
   * The partition, for a bucket ARN built from `bucketName`.
   *
   * @default - the partition in `keyArn`, else "aws"
   */
  readonly partition?: string;
}

/**
 * A bucket managed elsewhere (another stack, another team, another account) that an
 * `EncryptedBucket` replicates into. The library cannot change its bucket policy or its
 * key's policy: they must let the replication role write replicas and encrypt them. It
 * must be versioned, which the library cannot check.
 */
export class ExternalReplicationDestination extends Construct implements IReplicationDestination {
  /** The bucket's ARN. */
  public readonly bucketArn: string;
  /** The key replicas are encrypted with: `keyArn`. */
  public readonly encryptionKey?: IEncryptionKey;
  /** The account that owns the bucket. */
  public readonly accountId: string;
  /** The bucket's region. */
  public readonly region: string;

  /**
   * @param scope the construct that holds it
   * @param id its construct id
   * @param props the bucket, its key and its account
   */
  constructor(scope: Construct, id: string, props: ExternalReplicationDestinationProps) {
    super(scope, id);
    const v = new PropValidator(this, 'ExternalReplicationDestination');
    if ((props.bucketArn === undefined) === (props.bucketName === undefined)) {
      v.fail('bucketArn', 'or bucketName must be given, not both', props.bucketArn ?? props.bucketName);
    }
    if (props.bucketArn !== undefined && !Token.isUnresolved(props.bucketArn) && !/^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$/.test(props.bucketArn)) {
      v.fail('bucketArn', 'must be a bucket ARN such as arn:aws:s3:::my-bucket', props.bucketArn);
    }
    const keyFields = Token.isUnresolved(props.keyArn) ? undefined : props.keyArn.split(':');
    if (props.region === undefined && keyFields === undefined) {
      v.fail('region', 'must be given when keyArn is a token: it is the region of kms:ViaService');
    }
    this.encryptionKey = new ImportedKey(this, 'Key', props.keyArn);
    if (!Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
      v.fail('accountId', 'must be a 12-digit AWS account id', props.accountId);
    }
    const partition = props.partition ?? keyFields?.[1] ?? 'aws';
    this.bucketArn = props.bucketArn ?? `arn:${partition}:s3:::${props.bucketName}`;
    this.accountId = props.accountId;
    this.region = props.region ?? keyFields![3];
  }
}
