/**
 * Deploy tier: the access features applied for real, on moto's server, with the real AWS
 * provider. A bucket grants to an IAM user (put, under a prefix), a group (read) and a
 * role (delete, under another prefix), lets CloudTrail and VPC Flow Logs deliver, and its
 * key has a further alias. The apply must create every synthesized resource (a user and a
 * group policy among them), a second plan must change nothing, and IAM must hold each
 * identity's policy under the identity it was granted to.
 *
 * moto proves resource lifecycle only: what the policies allow is proved by IAM
 * evaluation (test/policy/scoped-grants.terraform.test.ts, service-delivery.terraform.test.ts).
 */
import * as path from 'path';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { awsProvider } from '../../examples/common';
import { DeliveryService, EncryptedBucket, ManagedCmk } from '../../src';
import { apply, deployableStack, describeChanges, plan, stateIds } from '../support/deploy';
import { emulatorSession } from '../support/emulator-session';
import { MOTO_ACCOUNT_ID } from '../support/moto';
import { addressesIn, terraformTierNote } from '../support/terraform-cli';

const DEPLOY_TIMEOUT = 10 * 60_000;
const BUCKET = `access-data-${MOTO_ACCOUNT_ID}`;

class AccessStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this);
    const key = new ManagedCmk(this, 'Key', { alias: 'access-data', additionalAliases: ['access-data-2026'] });
    const bucket = new EncryptedBucket(this, 'Data', { bucketName: BUCKET, encryptionKey: key });
    const uploader = new IamUser(this, 'Uploader', { name: 'ci-uploader' });
    const readers = new IamGroup(this, 'Readers', { name: 'data-readers' });
    const cleaner = new IamRole(this, 'Cleaner', {
      name: 'tmp-cleaner',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    bucket.grantPut(uploader, 'uploads/*');
    bucket.grantRead(readers);
    bucket.grantDelete(cleaner, 'tmp/*');
    bucket.allowDeliveryFrom(DeliveryService.CLOUDTRAIL);
    bucket.allowDeliveryFrom(DeliveryService.VPC_FLOW_LOGS);
  }
}

const { work, emulator } = emulatorSession('cdktf-access-');

describe(`deploy tier: grants to every identity, service deliveries and aliases on moto${terraformTierNote()}`, () => {
  test('applies every resource, IAM holds each identity\'s policy, and a second plan changes nothing', async () => {
    const moto = await emulator();
    const stack = deployableStack((app) => new AccessStack(app, 'access'), {
      endpoint: moto.endpoint, statePath: path.join(work(), 'access.tfstate'), region: 'us-east-1',
    });
    const policyTypes = ['aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role_policy'];
    expect(policyTypes.map((type) => addressesIn(stack.json, 'resource', type).length)).toEqual([1, 1, 1]);
    expect(addressesIn(stack.json, 'resource', 'aws_kms_alias')).toHaveLength(2);

    const first = await plan(stack);
    await apply(stack, first);
    const second = await plan(stack);
    expect({ summary: second.summary, changes: describeChanges(second) }).toEqual({ summary: second.summary, changes: [] });
    // Every managed resource the stack declares is in the state.
    expect(stateIds(second.json.prior_state).length).toBe(addressesIn(stack.json, 'resource').length);

    const iam = await moto.lab('identity-policies', { user: 'ci-uploader', group: 'data-readers', role: 'tmp-cleaner' }, 'us-east-1');
    expect(iam).toEqual({ user: [expect.any(String)], group: [expect.any(String)], role: [expect.any(String)] });
    const aliases = await moto.lab('aliases', {}, 'us-east-1');
    expect(aliases.filter((a: string) => a.startsWith('alias/access-data')).sort()).toEqual(['alias/access-data', 'alias/access-data-2026']);
  }, DEPLOY_TIMEOUT);
});
