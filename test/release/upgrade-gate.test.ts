/**
 * The upgrade gate's judgement of a plan, and its record of a pass (projenrc/upgrade-gate.ts).
 * The gate itself runs in the deploy tier (test/deploy/examples.deploy.test.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gateFingerprint, PlannedChange, recordedPass, recordPass, upgradeProblems } from '../../projenrc/upgrade-gate';

const change = (address: string, actions: string[], importing?: string): PlannedChange => ({ address, type: address.split('.')[0], actions, importing });

describe('upgradeProblems', () => {
  test('a plan of updates, no-ops and moves (no delete) passes', () => {
    expect(upgradeProblems('s', [
      change('aws_kms_key.k', ['update']),
      change('aws_s3_bucket.b', ['no-op']),
      change('aws_s3_bucket_policy.p', ['update']),
      change('aws_s3_bucket_lifecycle_configuration.l', ['create']),
    ])).toEqual([]);
  });

  test.each([
    [['delete'], 'would be destroyed'],
    [['delete', 'create'], 'would be replaced'],
    [['create', 'delete'], 'would be replaced'],
    [['forget'], 'would be forgotten (left out of the state)'],
    [['create'], 'would be created by the upgrade'],
  ])('a key, replica key or bucket with actions %j %s', (actions, says) => {
    for (const type of ['aws_kms_key', 'aws_kms_replica_key', 'aws_s3_bucket']) {
      expect(upgradeProblems('s', [change(`${type}.x`, actions)])).toContainEqual(`s: ${type}.x ${says}`);
    }
  });

  test('a resource deleted at one address and created or imported at another changed address without moved', () => {
    expect(upgradeProblems('s', [change('aws_s3_bucket_policy.old', ['delete']), change('aws_s3_bucket_policy.new', ['create'])]))
      .toEqual(['s: aws_s3_bucket_policy.old changed address without a moved block']);
    expect(upgradeProblems('s', [change('aws_s3_bucket_policy.old', ['delete']), change('aws_s3_bucket_policy.new', ['no-op'], 'my-bucket')]))
      .toEqual(['s: aws_s3_bucket_policy.old changed address without a moved block']);
    // A delete with nothing of its type created is not a move (but a kept type's delete still fails above).
    expect(upgradeProblems('s', [change('aws_s3_bucket_policy.old', ['delete'])])).toEqual([]);
  });
});

describe('the record of a pass', () => {
  let repo: string;
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'upgrade-gate-'));
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(path.join(repo, 'src', 'index.ts'), 'export const a = 1;\n');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  test('vouches for the tree it was recorded for, against that baseline, and no other', () => {
    const start = gateFingerprint(repo, 'abc');
    recordPass(repo, 'abc', start);
    expect(recordedPass(repo, 'abc')).toBeDefined();
    expect(recordedPass(repo, 'def')).toBeUndefined();
    fs.writeFileSync(path.join(repo, 'src', 'index.ts'), 'export const a = 2;\n');
    expect(recordedPass(repo, 'abc')).toBeUndefined();
  });

  test('is refused for a tree edited while the gate ran', () => {
    const start = gateFingerprint(repo, 'abc');
    fs.writeFileSync(path.join(repo, 'src', 'new.ts'), '\n');
    expect(() => recordPass(repo, 'abc', start)).toThrow(/the tree changed while the gate ran/);
    expect(recordedPass(repo, 'abc')).toBeUndefined();
  });
});
