/**
 * The backup-vault example with real Terraform: it validates and plans with the real AWS
 * provider (two regions, no dependency cycle), and the plan holds what the README says
 * the example does: GOVERNANCE retention for 30 days with no one allowed to bypass it,
 * the noncurrent-version and delete-marker rules, and replication with Replication Time
 * Control into a replica bucket that has Object Lock too.
 */
import { BackupVaultStack } from '../../examples/backup-vault';
import { parsePolicy, statement } from '../support/policy';
import { PlanResult, SynthResult, synthStack, terraformPlan, terraformValidate } from '../support/terraform';

let synth: SynthResult;
let plan: PlanResult;

beforeAll(() => {
  synth = synthStack((app) => new BackupVaultStack(app, 'backup-vault'));
  plan = terraformPlan(synth.dir);
});

/** Planned values of every resource of `type`, by the provider alias they use. */
function planned(type: string): Array<Record<string, any>> {
  return plan.resourceChanges.filter((rc) => rc.type === type).map((rc) => rc.after!);
}

test('validates, and plans only creates', () => {
  expect(terraformValidate(synth.dir).valid).toBe(true);
  expect(plan.resourceChanges.filter((rc) => rc.actions.join() !== 'create')).toEqual([]);
  expect(plan.change + plan.destroy).toBe(0);
});

test('both buckets have Object Lock; the vault\'s default retention is GOVERNANCE for 30 days', () => {
  const rules = planned('aws_s3_bucket_object_lock_configuration').map((c) => [c.object_lock_enabled, c.rule]);
  expect(rules).toEqual(expect.arrayContaining([
    ['Enabled', [{ default_retention: [{ mode: 'GOVERNANCE', days: 30, years: null }] }]],
    ['Enabled', []],
  ]));
  expect(rules).toHaveLength(2);
});

test('no one may bypass the retention: the vault\'s policy denies it without exception', () => {
  const policies = Object.values<any>(synth.json.resource.aws_s3_bucket_policy).map((p) => parsePolicy(p.policy).Statement);
  for (const statements of policies) {
    const deny = statement(statements, 'DenyGovernanceBypass');
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Action: ['s3:BypassGovernanceRetention'] });
    expect(deny.Condition).toBeUndefined();
  }
});

test('noncurrent versions go to Glacier Instant Retrieval after 30 days and expire after 365, keeping 3; expired delete markers go', () => {
  for (const config of planned('aws_s3_bucket_lifecycle_configuration')) {
    const byId = Object.fromEntries(config.rule.map((r: any) => [r.id, r]));
    expect(byId['tier-and-expire-noncurrent-versions']).toMatchObject({
      noncurrent_version_transition: [{ noncurrent_days: 30, storage_class: 'GLACIER_IR' }],
      noncurrent_version_expiration: [{ noncurrent_days: 365, newer_noncurrent_versions: expect.anything() }],
    });
    expect(Number(byId['tier-and-expire-noncurrent-versions'].noncurrent_version_expiration[0].newer_noncurrent_versions)).toBe(3);
    expect(byId['remove-expired-delete-markers'].expiration).toEqual([expect.objectContaining({ expired_object_delete_marker: true })]);
  }
  expect(planned('aws_s3_bucket_lifecycle_configuration')).toHaveLength(2);
});

test('replicates with Replication Time Control (15 minutes) and its metrics', () => {
  const [replication] = planned('aws_s3_bucket_replication_configuration');
  expect(replication.rule[0].destination[0]).toMatchObject({
    replication_time: [{ status: 'Enabled', time: [{ minutes: 15 }] }],
    metrics: [{ status: 'Enabled', event_threshold: [{ minutes: 15 }] }],
  });
});

test('the replication role reads retention and legal holds, and carries the vault\'s tags', () => {
  const [role] = planned('aws_iam_role');
  expect(role.tags).toEqual({ purpose: 'backup' });
  const policy = Object.values<any>(synth.json.resource.aws_iam_role_policy)[0].policy;
  expect(statement(parsePolicy(policy).Statement, 'ReadSourceVersions').Action).toEqual(expect.arrayContaining(['s3:GetObjectRetention', 's3:GetObjectLegalHold']));
});
