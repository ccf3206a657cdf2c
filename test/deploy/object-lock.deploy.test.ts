/**
 * Deploy tier: Object Lock applied for real, on moto's server (test/support/moto.ts),
 * with the real AWS provider.
 *
 *  - Turning Object Lock on for a bucket that already exists updates it in place: the
 *    plan from the state of a deployed, versioned bucket creates the Object Lock
 *    configuration and updates the bucket policy, and replaces nothing. The provider's
 *    `aws_s3_bucket.object_lock_enabled` forces a new bucket (ForceNew), which is why the
 *    library never sets it; S3 accepts PutObjectLockConfiguration on an existing
 *    versioned bucket (S3 User Guide, "Enable Object Lock on an existing S3 bucket").
 *  - A bucket made with Object Lock outside Terraform is adopted with its Object Lock
 *    configuration imported, and a second plan changes nothing.
 *
 * Emulator gap, named where it matters: moto accepts PutObjectLockConfiguration only on
 * an empty bucket (S3 accepts it on any versioned bucket), so the bucket turned to Object
 * Lock here holds no object.
 */
import * as path from 'path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { awsProvider } from '../../examples/common';
import { EncryptedBucket, EncryptedBucketProps, ObjectLockRetention } from '../../src';
import { apply, DeployableStack, deployableStack, describeChanges, plan, Plan } from '../support/deploy';
import { emulatorSession } from '../support/emulator-session';
import { MOTO_ACCOUNT_ID } from '../support/moto';
import { terraformTierNote } from '../support/terraform-cli';

const DEPLOY_TIMEOUT = 10 * 60_000;

class VaultStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: EncryptedBucketProps) {
    super(scope, id);
    awsProvider(this);
    const bucket = new EncryptedBucket(this, 'Vault', props);
    new TerraformOutput(this, 'bucket_name', { value: bucket.bucketName });
  }
}

const { work, emulator } = emulatorSession('cdktf-object-lock-');

/** The stack with `props`, planning against the scenario's one state file, in its own region. */
async function vault(scenario: string, region: string, props: EncryptedBucketProps): Promise<DeployableStack> {
  const moto = await emulator();
  return deployableStack((app) => new VaultStack(app, 'vault', props), {
    endpoint: moto.endpoint, statePath: path.join(work(), `${scenario}.tfstate`), region,
  });
}

/** `type: actions` of every change but no-ops, sorted: a replacement shows as `delete+create` or `create+delete`. */
function changesByType(saved: Plan): string[] {
  return saved.changes.filter((c) => c.actions.join() !== 'no-op').map((c) => `${c.type}: ${c.actions.join('+')}`).sort();
}

describe(`deploy tier: Object Lock on moto${terraformTierNote()}`, () => {
  test.concurrent('turning Object Lock on for a deployed bucket creates its configuration and replaces nothing', async () => {
    const region = 'us-east-1';
    const bucketName = `vault-in-place-${MOTO_ACCOUNT_ID}`;
    const before = await vault('in-place', region, { bucketName });
    await apply(before, await plan(before));

    const locked = await vault('in-place', region, { bucketName, objectLockDefaultRetention: ObjectLockRetention.governance(30) });
    const saved = await plan(locked);
    expect({ summary: saved.summary, changes: changesByType(saved) }).toEqual({
      summary: 'Plan: 1 to add, 1 to change, 0 to destroy.',
      changes: ['aws_s3_bucket_object_lock_configuration: create', 'aws_s3_bucket_policy: update'],
    });
    await apply(locked, saved);

    const moto = await emulator();
    expect(await moto.lab('object-lock', { bucket: bucketName }, region)).toEqual({
      configuration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: expect.objectContaining({ Mode: 'GOVERNANCE', Days: 30 }) } },
    });
    const again = await plan(locked);
    expect({ summary: again.summary, changes: describeChanges(again) }).toEqual({ summary: again.summary, changes: [] });
  }, DEPLOY_TIMEOUT);

  test.concurrent('a bucket made with Object Lock is adopted with its configuration imported, and a second plan changes nothing', async () => {
    const region = 'us-west-2';
    const bucketName = `vault-adopted-${MOTO_ACCOUNT_ID}`;
    const moto = await emulator();
    await moto.lab('locked-bucket', { bucket: bucketName, days: 30 }, region);
    const props: EncryptedBucketProps = {
      adopt: { bucketName, policyExists: false, lifecycleConfigurationExists: false },
      objectLockDefaultRetention: ObjectLockRetention.governance(30),
    };
    const stack = await vault('adopted', region, props);
    const first = await plan(stack);
    expect(first.changes.filter((c) => c.actions.includes('delete'))).toEqual([]);
    expect(first.changes.filter((c) => c.importing).map((c) => c.type)).toContain('aws_s3_bucket_object_lock_configuration');
    await apply(stack, first);
    const second = await plan(await vault('adopted', region, props));
    expect({ summary: second.summary, changes: describeChanges(second) }).toEqual({ summary: second.summary, changes: [] });
  }, DEPLOY_TIMEOUT);
});
