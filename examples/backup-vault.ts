import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptedBucket, LifecycleRule, ManagedCmk, ObjectLockRetention, StorageClass } from '../src';

/**
 * A backup vault: every version is locked for 30 days in GOVERNANCE mode, and no one,
 * the account root included, may bypass the lock. Noncurrent versions move to Glacier
 * Instant Retrieval after 30 days and expire after 365, keeping the 3 newest; expired
 * delete markers are cleaned up. New objects are replicated within 15 minutes (S3
 * Replication Time Control) to a second region, into a bucket that also has Object Lock
 * (replicas keep their retention). Providers: `source` (AWS_REGION, or us-east-1) and
 * `replica` (REPLICA_REGION, or us-west-2).
 */
export class BackupVaultStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const source = new AwsProvider(this, 'source', { alias: 'source', region: process.env.AWS_REGION ?? 'us-east-1' });
    const replica = new AwsProvider(this, 'replica', { alias: 'replica', region: process.env.REPLICA_REGION ?? 'us-west-2' });

    const lifecycleRules: LifecycleRule[] = [
      {
        id: 'tier-and-expire-noncurrent-versions',
        noncurrentVersionTransitions: [{ days: 30, storageClass: StorageClass.GLACIER_IR }],
        noncurrentVersionExpirationDays: 365,
        newerNoncurrentVersions: 3,
      },
      { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
    ];
    const replicaKey = new ManagedCmk(this, 'ReplicaKey', { provider: replica, alias: 'backup-vault-example-replica' });
    const replicaVault = new EncryptedBucket(this, 'ReplicaVault', {
      provider: replica,
      bucketPrefix: 'backup-vault-replica-',
      encryptionKey: replicaKey,
      objectLockEnabled: true,
      lifecycleRules,
    });
    const vaultKey = new ManagedCmk(this, 'VaultKey', { provider: source, alias: 'backup-vault-example' });
    const vault = new EncryptedBucket(this, 'Vault', {
      provider: source,
      bucketPrefix: 'backup-vault-',
      encryptionKey: vaultKey,
      objectLockDefaultRetention: ObjectLockRetention.governance(30),
      lifecycleRules,
      replicationRules: [{ destination: replicaVault, replicationTimeControl: true }],
      tags: { purpose: 'backup' },
    });

    new TerraformOutput(this, 'bucket_name', { value: vault.bucketName });
    new TerraformOutput(this, 'key_arn', { value: vaultKey.keyArn });
    new TerraformOutput(this, 'replica_bucket_name', { value: replicaVault.bucketName });
    new TerraformOutput(this, 'replica_key_arn', { value: replicaKey.keyArn });
  }
}
