/**
 * Deploy tier: adoption applied for real, against moto's server on 127.0.0.1
 * (test/support/moto.ts), with the real AWS provider. It proves what a plan alone
 * cannot: what Terraform does with the state an apply left behind (issue 26).
 *
 *  - The adopt-console-lab example adopts the console lab's key and bucket, and a second
 *    plan changes nothing.
 *  - Moving the adopted bucket into another construct and renaming the adopted key's
 *    construct keeps every adopted resource: nothing is deleted, nothing imported twice.
 *  - A stack deployed by a release that gave adopted resources path-derived addresses
 *    moves them to the adopted addresses (`moved` blocks) instead of destroying them.
 *  - A key disabled outside Terraform stays disabled, and `enabled: false` (step 4 of
 *    the README's "Retiring a key safely") disables the key and keeps it so.
 *  - Nothing reaches past 127.0.0.1: Terraform and boto3 aimed at AWS are refused.
 *
 * Every scenario adopts its own copy of the console lab, in its own region of one moto
 * server, and the adoptions run at once: each first apply waits about a minute for the
 * provider's check that the new lifecycle configuration reads back steadily.
 *
 * moto proves resource lifecycle only, never policy semantics (it does not evaluate the
 * library's bucket or key policies). No assertion here excuses an emulator gap; making the
 * console lab works around two, named in test/support/moto-lab.py.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AdoptConsoleLabStack } from '../../examples/adopt-console-lab';
import { awsProvider, deployerArn } from '../../examples/common';
import { EncryptedBucket, EncryptionEnforcement, ManagedCmk, ManagedCmkProps } from '../../src';
import {
  apply, changedAttributes, DeployableStack, deployableStack, describeChanges, init, plan, Plan, plannedIds, stateMove, terraform,
} from '../support/deploy';
import { emulatorSession } from '../support/emulator-session';
import { emulatorEnv, MOTO_ACCOUNT_ID, motoPython, REFUSING_PROXY, run } from '../support/moto';
import { synthStack, terraformTierNote } from '../support/terraform-cli';

const STACK = 'adopt-console-lab';
// A test's time includes waiting for its scenario's adoption, which all scenarios run at once.
const DEPLOY_TIMEOUT = 10 * 60_000;
const KEY_DESCRIPTION = 'Customer Master Key for encrypting S3 data';

/** What the console lab made, as moto-lab.py reports it. */
interface ConsoleLab {
  readonly keyId: string;
  readonly keyArn: string;
  readonly bucket: string;
  readonly objectKey: string;
}

/**
 * The example's stack from the library's public API, with what a user might change:
 * the key's construct id, a parent construct for the bucket, the key's `enabled`, and a
 * new key for the bucket (step 1 of retiring the adopted one). With no changes it
 * synthesizes exactly what the example does (the first test checks).
 */
interface LabVariant {
  readonly keyId: string;
  readonly bucketName: string;
  readonly keyConstructId?: string;
  readonly bucketParent?: string;
  readonly keyEnabled?: boolean;
  readonly newBucketKey?: boolean;
  /** False: the bucket keeps its name but is no longer adopted (adopt removed after the first deploy). */
  readonly bucketAdopted?: boolean;
}

class LabVariantStack extends TerraformStack {
  constructor(scope: Construct, id: string, v: LabVariant) {
    super(scope, id);
    awsProvider(this);
    const deployer = deployerArn(this);
    const keyProps: ManagedCmkProps = {
      alias: 'aws-CMK-key',
      description: KEY_DESCRIPTION,
      keyAdministratorArns: [deployer],
      adopt: { keyId: v.keyId },
      // Only when the scenario sets it: the example leaves it unset.
      ...(v.keyEnabled === undefined ? {} : { enabled: v.keyEnabled }),
    };
    const key = new ManagedCmk(this, v.keyConstructId ?? 'Key', keyProps);
    const encryptionKey = v.newBucketKey ? new ManagedCmk(this, 'NewKey', { alias: 'lab-data-2026', keyAdministratorArns: [deployer] }) : key;
    const parent = v.bucketParent ? new Construct(this, v.bucketParent) : this;
    const adopt = { bucketName: v.bucketName, currentKeyArn: key.keyArn, lifecycleConfigurationExists: false };
    const bucket = new EncryptedBucket(parent, 'Bucket', {
      encryptionKey,
      ...(v.bucketAdopted === false ? { bucketName: v.bucketName } : { adopt }),
      encryptionEnforcement: EncryptionEnforcement.REQUIRE_HEADERS,
      pinEncryptionKey: false,
      versioned: false,
    });
    new TerraformOutput(this, 'bucket_name', { value: bucket.bucketName });
    new TerraformOutput(this, 'bucket_arn', { value: bucket.bucketArn });
    new TerraformOutput(this, 'key_arn', { value: key.keyArn });
    new TerraformOutput(this, 'key_alias', { value: key.aliasName });
  }
}

/** A copy of the console lab adopted by the example's first deploy, in a region of its own. */
interface Scenario {
  readonly name: string;
  readonly region: string;
  readonly endpoint: string;
  readonly lab: ConsoleLab;
  readonly statePath: string;
  readonly first: Plan;
}

/** Each scenario's region: moto keeps KMS aliases per region, and every lab's alias is aws-CMK-key. */
const SCENARIOS = {
  adopt: 'us-east-1', move: 'us-east-2', upgrade: 'us-west-1', disabled: 'us-west-2', retire: 'eu-west-1', unadopt: 'eu-central-1',
} as const;
type ScenarioName = keyof typeof SCENARIOS;

const { work, emulator } = emulatorSession('cdktf-deploy-');
// Started by the first test that needs them, not in beforeAll: jest starts concurrent
// tests before beforeAll hooks finish.
let adoptions: Map<ScenarioName, Promise<Scenario>> | undefined;

/** The scenario's adoption; the first call starts every scenario's, so they run at once. */
function scenario(name: ScenarioName): Promise<Scenario> {
  if (!adoptions) {
    adoptions = new Map((Object.keys(SCENARIOS) as ScenarioName[]).map((n) => [n, adoptConsoleLab(n)]));
    // Each test awaits its own scenario and reports its failure; none goes unhandled meanwhile.
    adoptions.forEach((adoption) => adoption.catch(() => undefined));
  }
  return adoptions.get(name)!;
}

function exampleStack(s: Scenario): DeployableStack {
  return deployableStack((app) => new AdoptConsoleLabStack(app, STACK, { keyId: s.lab.keyId, bucketName: s.lab.bucket, tighten: false }),
    { endpoint: s.endpoint, statePath: s.statePath, region: s.region });
}

function variantStack(s: Scenario, variant: Partial<LabVariant>): DeployableStack {
  return deployableStack((app) => new LabVariantStack(app, STACK, { keyId: s.lab.keyId, bucketName: s.lab.bucket, ...variant }),
    { endpoint: s.endpoint, statePath: s.statePath, region: s.region });
}

/** Makes the console lab in the scenario's region and applies the example's first deploy. */
async function adoptConsoleLab(name: ScenarioName): Promise<Scenario> {
  const moto = await emulator();
  const region = SCENARIOS[name];
  const lab: ConsoleLab = await moto.lab('console-lab', { bucket: `console-lab-${name}-${MOTO_ACCOUNT_ID}` }, region);
  const dir = path.join(work(), name);
  fs.mkdirSync(dir, { recursive: true });
  const partial = { name, region, endpoint: moto.endpoint, lab, statePath: path.join(dir, 'terraform.tfstate') };
  const stack = exampleStack(partial as Scenario);
  const first = await plan(stack);
  await apply(stack, first);
  return { ...partial, first };
}

let disabling: Promise<Scenario> | undefined;
/** The 'disabled' scenario once its key is disabled outside Terraform (boto3 DisableKey). */
function disabledScenario(): Promise<Scenario> {
  disabling ??= scenario('disabled').then(async (s) => {
    await (await emulator()).lab('disable-key', { keyId: s.lab.keyId }, s.region);
    return s;
  });
  return disabling;
}

async function inspect(s: Scenario, keyId = s.lab.keyId): Promise<any> {
  return (await emulator()).lab('inspect', { bucket: s.lab.bucket, keyId }, s.region);
}

/** Fails naming the plan's summary and its deletions. */
function expectNoDeletes(saved: Plan): void {
  const deletes = saved.changes.filter((c) => c.actions.includes('delete')).map((c) => `${c.address}: ${c.actions.join('+')}`);
  expect({ summary: saved.summary, deletes }).toEqual({ summary: saved.summary, deletes: [] });
}

/** Fails naming the plan's summary and what it imports. */
function expectNoImports(saved: Plan): void {
  const imports = saved.changes.filter((c) => c.importing).map((c) => `${c.address} <- ${c.importing}`);
  expect({ summary: saved.summary, imports }).toEqual({ summary: saved.summary, imports: [] });
}

/** What the console lab's bucket and key must still be after any of these deploys. */
function expectLabKept(after: any, s: Scenario): void {
  expect(after.objects).toEqual([s.lab.objectKey]);
  expect(after.policy?.Statement?.length).toBeGreaterThan(0);
  expect(after.publicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
  expect(after.ownership).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
  expect(after.aliases).toEqual(['alias/aws-CMK-key']);
}

function expectEncryptedWith(after: any, keyArn: string): void {
  expect(after.encryption).toEqual([expect.objectContaining({
    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn },
    BucketKeyEnabled: true,
  })]);
}

describe(`deploy tier: the adopt-console-lab example on moto${terraformTierNote()}`, () => {
  test('the test\'s copy of the example synthesizes what the example does', () => {
    const ids = { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', bucketName: `console-lab-bucket-${MOTO_ACCOUNT_ID}` };
    const example = synthStack((app) => new AdoptConsoleLabStack(app, STACK, { ...ids, tighten: false }));
    const copy = synthStack((app) => new LabVariantStack(app, STACK, ids));
    expect(copy.json).toEqual(example.json);
  });

  test.concurrent('a request for anywhere but 127.0.0.1 is refused before it leaves the machine, from Terraform or boto3', async () => {
    const aws = 'https://sts.amazonaws.com';
    const ids = { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', bucketName: `egress-check-${MOTO_ACCOUNT_ID}` };
    const stack = deployableStack((app) => new AdoptConsoleLabStack(app, STACK, { ...ids, tighten: false }),
      { endpoint: aws, statePath: path.join(work(), 'egress.tfstate') });
    await init(stack);
    const planned = await terraform(stack, ['plan', '-input=false', '-no-color', '-lock=false'], { allowFailure: true });
    expect(planned.status).not.toBe(0);
    expect(planned.stderr.replace(/[│\s]+/g, ' ')).toContain(`Post "${aws}/": proxyconnect tcp: dial tcp ${new URL(REFUSING_PROXY).host}`);

    const boto3 = `import boto3; boto3.client("sts", endpoint_url="${aws}").get_caller_identity()`;
    const called = await run(await motoPython(), ['-c', boto3], { env: { ...emulatorEnv(aws), AWS_MAX_ATTEMPTS: '1' }, timeoutMs: 60_000, allowFailure: true });
    expect(called.status).not.toBe(0);
    expect(called.stderr).toContain(`Failed to connect to proxy URL: "${REFUSING_PROXY}"`);
  }, DEPLOY_TIMEOUT);

  test.concurrent('adopts the console lab\'s key and bucket, and a second plan changes nothing', async () => {
    const s = await scenario('adopt');
    expect(s.first.changes.filter((c) => c.importing).map((c) => `${c.type} ${c.importing}`).sort()).toEqual([
      'aws_kms_alias alias/aws-CMK-key',
      `aws_kms_key ${s.lab.keyId}`,
      `aws_s3_bucket ${s.lab.bucket}`,
      `aws_s3_bucket_ownership_controls ${s.lab.bucket}`,
      `aws_s3_bucket_policy ${s.lab.bucket}`,
      `aws_s3_bucket_public_access_block ${s.lab.bucket}`,
      `aws_s3_bucket_server_side_encryption_configuration ${s.lab.bucket}`,
    ]);
    expectNoDeletes(s.first);

    const second = await plan(exampleStack(s));
    expect(second.changes.map((c) => c.type)).toContain('aws_s3_bucket');
    expect({ summary: second.summary, changes: describeChanges(second) }).toEqual({ summary: second.summary, changes: [] });

    const after = await inspect(s);
    expectLabKept(after, s);
    expectEncryptedWith(after, s.lab.keyArn);
    expect(after.key).toMatchObject({ enabled: true, state: 'Enabled', description: KEY_DESCRIPTION });
  }, DEPLOY_TIMEOUT);

  test.concurrent('moving the adopted bucket into a parent construct and renaming the adopted key\'s id deletes nothing', async () => {
    const s = await scenario('move');
    const moved = variantStack(s, { bucketParent: 'Data', keyConstructId: 'DataKey' });
    const saved = await plan(moved);
    // Issue 26, finding 1: the plan deleted every old address and imported each resource at its new one.
    expectNoDeletes(saved);
    expectNoImports(saved);
    // Every adopted resource (bucket, its configurations, key, alias) stays, under the same id.
    expect(saved.priorIds.length).toBeGreaterThanOrEqual(8);
    expect(plannedIds(saved)).toEqual(saved.priorIds);

    await apply(moved, saved);
    const after = await inspect(s);
    expectLabKept(after, s);
    expectEncryptedWith(after, s.lab.keyArn);
    expect(after.key).toMatchObject({ enabled: true, state: 'Enabled' });
  }, DEPLOY_TIMEOUT);

  test.concurrent('a stack deployed when adopted resources had path-derived addresses moves them, deleting nothing', async () => {
    const s = await scenario('upgrade');
    const stack = exampleStack(s);
    const moves: Array<{ from: string; to: string }> = stack.json.moved ?? [];
    expect(moves.length).toBeGreaterThanOrEqual(8);
    // The state as the earlier release left it: each adopted resource at its path-derived address.
    for (const { from, to } of moves) await stateMove(stack, to, from);
    const saved = await plan(stack);
    expectNoDeletes(saved);
    expectNoImports(saved);
    expect(saved.changes.filter((c) => c.previousAddress).map((c) => `${c.previousAddress} -> ${c.address}`).sort())
      .toEqual(moves.map((m) => `${m.from} -> ${m.to}`).sort());
    expect(plannedIds(saved)).toEqual(saved.priorIds);
    await apply(stack, saved);
    expectLabKept(await inspect(s), s);
  }, DEPLOY_TIMEOUT);

  test.concurrent('removing the bucket\'s adopt after the first deploy keeps every resource: its addresses come from its name', async () => {
    const s = await scenario('unadopt');
    const unadopted = variantStack(s, { bucketAdopted: false });
    expect(unadopted.json.import.map((block: any) => block.to.split('.')[0]).sort()).toEqual(['aws_kms_alias', 'aws_kms_key']);
    const saved = await plan(unadopted);
    // The attack review's follow-up: without adopt, the bucket's resources planned to be destroyed and created.
    expectNoDeletes(saved);
    expectNoImports(saved);
    expect(plannedIds(saved)).toEqual(saved.priorIds);
    await apply(unadopted, saved);
    const after = await inspect(s);
    expectLabKept(after, s);
    expectEncryptedWith(after, s.lab.keyArn);
  }, DEPLOY_TIMEOUT);

  describe('a key disabled outside Terraform', () => {
    test.concurrent('stays disabled: the example\'s next plan does not touch the key', async () => {
      const s = await disabledScenario();
      const saved = await plan(exampleStack(s));
      const key = saved.changes.find((c) => c.type === 'aws_kms_key');
      expect(key?.before?.is_enabled).toBe(false);
      // Issue 26, finding 2: the plan had is_enabled = false -> true.
      expect({ summary: saved.summary, key: key && { actions: key.actions, changed: changedAttributes(key) } })
        .toEqual({ summary: saved.summary, key: { actions: ['no-op'], changed: [] } });
    }, DEPLOY_TIMEOUT);

    test.concurrent('enabled: true enables it', async () => {
      const s = await disabledScenario();
      const saved = await plan(variantStack(s, { keyEnabled: true }));
      const key = saved.changes.find((c) => c.type === 'aws_kms_key');
      expect(key && { actions: key.actions, changed: changedAttributes(key), isEnabled: key.after?.is_enabled })
        .toEqual({ actions: ['update'], changed: ['is_enabled'], isEnabled: true });
    }, DEPLOY_TIMEOUT);
  });

  test.concurrent('retiring the adopted key: enabled: false disables it, and the next plan keeps it disabled', async () => {
    const s = await scenario('retire');
    // Step 1: the bucket gets a new key; the old one stays in the stack, unused.
    const step1 = variantStack(s, { newBucketKey: true });
    await apply(step1, await plan(step1));
    // Step 4: disable the old key while it stays in the stack.
    const step4 = variantStack(s, { newBucketKey: true, keyEnabled: false });
    const disable = await plan(step4);
    const oldKey = (p: Plan) => p.changes.find((c) => c.type === 'aws_kms_key' && (c.before?.id ?? c.after?.id) === s.lab.keyId);
    expect(oldKey(disable) && { actions: oldKey(disable)!.actions, changed: changedAttributes(oldKey(disable)!) })
      .toEqual({ actions: ['update'], changed: ['is_enabled'] });
    await apply(step4, disable);

    const after = await inspect(s);
    expect(after.key).toMatchObject({ enabled: false, state: 'Disabled' });
    expect(after.objects).toEqual([s.lab.objectKey]);
    expect(after.encryption[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID).not.toEqual(s.lab.keyArn);

    const again = await plan(variantStack(s, { newBucketKey: true, keyEnabled: false }));
    expect(oldKey(again)?.before?.is_enabled).toBe(false);
    expect({ summary: again.summary, changes: describeChanges(again) }).toEqual({ summary: again.summary, changes: [] });
  }, DEPLOY_TIMEOUT);
});
