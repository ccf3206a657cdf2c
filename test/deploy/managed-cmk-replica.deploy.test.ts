/**
 * Deploy tier: a multi-Region primary key in us-east-1, its ManagedCmkReplica in
 * us-west-2 (with the primary's alias, which is free in its region) and a bucket in
 * us-west-2 encrypted with the replica, applied on moto's server (test/support/moto.ts)
 * with the real AWS provider: created, read back unchanged, and kept from destroy.
 *
 * moto 5.2.1's ReplicateKey shares the primary's aliases and multi-Region state with the
 * replica and ignores the replica's description, policy and tags; test/support/moto-server.py
 * patches that (see there), as KMS keeps a replica's own.
 */
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { awsProvider } from '../../examples/common';
import { EncryptedBucket, ManagedCmk, ManagedCmkReplica } from '../../src';
import { apply, DeployableStack, deployableStack, describeChanges, plan, terraform } from '../support/deploy';
import { emulatorSession } from '../support/emulator-session';
import { MOTO_ACCOUNT_ID } from '../support/moto';
import { terraformTierNote } from '../support/terraform-cli';

const DEPLOY_TIMEOUT = 10 * 60_000;

class ReplicaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);
    const west = new AwsProvider(this, 'west', { alias: 'west', region: 'us-west-2' });
    const primaryKey = new ManagedCmk(this, 'Primary', { alias: 'data', multiRegion: true, tags: { team: 'data' } });
    const replica = new ManagedCmkReplica(this, 'Replica', { primaryKey, provider: west, additionalAliases: ['data-west'] });
    new EncryptedBucket(this, 'West', { provider: west, encryptionKey: replica, bucketName: `replica-region-${MOTO_ACCOUNT_ID}` });
    new TerraformOutput(this, 'primary_arn', { value: primaryKey.keyArn });
    new TerraformOutput(this, 'replica_arn', { value: replica.keyArn });
  }
}

const { work, emulator } = emulatorSession('cdktf-replica-');

describe(`deploy tier: ManagedCmkReplica on moto${terraformTierNote()}`, () => {
  test('the replica is created in its region under the primary\'s key id, a second plan changes nothing, and destroy is refused', async () => {
    const moto = await emulator();
    const stack: DeployableStack = deployableStack((app) => new ReplicaStack(app, 'replica'), {
      endpoint: moto.endpoint, statePath: path.join(work(), 'replica.tfstate'), region: 'us-east-1',
    });
    const first = await plan(stack);
    // Primary and alias, replica and two aliases, the bucket and its six configurations.
    expect(first.summary).toBe('Plan: 12 to add, 0 to change, 0 to destroy.');
    await apply(stack, first);

    const outputs = JSON.parse((await terraform(stack, ['output', '-json'])).stdout);
    const [primaryArn, replicaArn] = [outputs.primary_arn.value, outputs.replica_arn.value];
    expect(primaryArn).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\/mrk-/);
    expect(replicaArn).toBe(primaryArn.replace(':us-east-1:', ':us-west-2:'));

    const again = await plan(stack);
    expect({ summary: again.summary, changes: describeChanges(again) }).toEqual({ summary: again.summary, changes: [] });

    const destroy = await terraform(stack, ['plan', '-destroy', '-input=false', '-no-color', '-lock-timeout=60s'], { allowFailure: true });
    expect(destroy.status).not.toBe(0);
    // Destroy runs in reverse dependency order, and Terraform stops at the replica, the
    // first key it meets (it wraps its diagnostics: match across the line breaks).
    const prevented = [...destroy.stderr.matchAll(/Resource\s+(aws_kms_\w+)\.\S+\s+has\s+lifecycle\.prevent_destroy\s+set/g)].map((m) => m[1]);
    expect({ prevented, stderr: prevented.length === 1 ? '' : destroy.stderr }).toEqual({ prevented: ['aws_kms_replica_key'], stderr: '' });
  }, DEPLOY_TIMEOUT);
});
