import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedBucket, ManagedCmk } from '../src';

/**
 * A source bucket in one region replicates into a bucket in another, each encrypted
 * with its own CMK, through two provider aliases: `source` (AWS_REGION, or us-east-1)
 * and `replica` (REPLICA_REGION, or us-west-2). The library creates the replication
 * role and configuration, and lets the role into the replica bucket and key.
 */
export class ReplicationStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const source = new AwsProvider(this, 'source', { alias: 'source', region: process.env.AWS_REGION ?? 'us-east-1' });
    const replica = new AwsProvider(this, 'replica', { alias: 'replica', region: process.env.REPLICA_REGION ?? 'us-west-2' });

    const replicaKey = new ManagedCmk(this, 'ReplicaKey', { provider: replica, alias: 'replication-example-replica' });
    const replicaBucket = new EncryptedBucket(this, 'Replica', {
      provider: replica,
      bucketPrefix: 'replication-replica-',
      encryptionKey: replicaKey,
    });
    const sourceKey = new ManagedCmk(this, 'SourceKey', { provider: source, alias: 'replication-example-source' });
    const sourceBucket = new EncryptedBucket(this, 'Source', {
      provider: source,
      bucketPrefix: 'replication-source-',
      encryptionKey: sourceKey,
      replicationRules: [{ destination: replicaBucket, replicateDeleteMarkers: true }],
    });

    new TerraformOutput(this, 'source_bucket_name', { value: sourceBucket.bucketName });
    new TerraformOutput(this, 'source_key_arn', { value: sourceKey.keyArn });
    new TerraformOutput(this, 'replica_bucket_name', { value: replicaBucket.bucketName });
    new TerraformOutput(this, 'replica_key_arn', { value: replicaKey.keyArn });
  }
}
