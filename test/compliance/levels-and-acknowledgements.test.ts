import * as fs from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { acknowledgedIn, bucketName, newStack, rawBucket, synthError, verdict } from './helpers';
import {
  ComplianceLevel,
  EncryptedBucket,
  EncryptionCompliance,
  isEncryptedS3ValidationError,
  ManagedCmk,
} from '../../src';
import { testApp } from '../support/synth';

/** Synthesizes like `cdktf synth` and returns the stack's cdk.tf.json and manifest entry. */
function fullSynth(stack: TerraformStack): { json: any; manifest: any } {
  const outdir = Testing.fullSynth(stack);
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks[stack.node.id];
    return { json: JSON.parse(fs.readFileSync(path.join(outdir, manifest.synthesizedStackPath), 'utf8')), manifest };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('levels', () => {
  test('ERROR (the default) fails synthesis with every finding listed', () => {
    const stack = newStack();
    new EncryptedBucket(stack, 'Data', { versioned: false, enforceHttps: false });
    Aspects.of(stack).add(new EncryptionCompliance());
    expect(() => fullSynth(stack)).toThrow(/Validation failed with the following errors:\n {2}\[stack\] S3-HTTPS-ONLY stack\/Data\/Bucket \(aws_s3_bucket\.Data_Bucket_[0-9A-F]+\): .*\n {2}\[stack\] S3-VERSIONING stack\/Data\/Bucket/);
  });

  test('WARNING adds a warning annotation per finding and synthesis succeeds', () => {
    const stack = newStack();
    new EncryptedBucket(stack, 'Data', { versioned: false });
    new ManagedCmk(stack, 'Key', { alias: 'k', enableKeyRotation: false });
    Aspects.of(stack).add(new EncryptionCompliance({ level: ComplianceLevel.WARNING }));
    const { manifest } = fullSynth(stack);
    expect(manifest.annotations).toEqual([
      { constructPath: 'stack/Data/Bucket', level: '@cdktf/warn', message: expect.stringMatching(/^S3-VERSIONING stack\/Data\/Bucket .* Fix: /) },
      { constructPath: 'stack/Key/Key', level: '@cdktf/warn', message: expect.stringMatching(/^KMS-ROTATION stack\/Key\/Key .* Fix: /) },
    ]);
  });

  test('WARNING does not repeat warnings when the stack is synthesized twice', () => {
    const stack = newStack();
    rawBucket(stack, 'data', { versioningStatus: false });
    Aspects.of(stack).add(new EncryptionCompliance({ level: ComplianceLevel.WARNING }));
    Testing.synth(stack, true);
    const { manifest } = fullSynth(stack);
    expect(manifest.annotations.map((a: any) => a.message)).toEqual([expect.stringMatching(/^S3-VERSIONING /)]);
  });

  test('plain Testing.synth(stack) runs no validations, so the check does not run', () => {
    const stack = newStack();
    new S3Bucket(stack, 'bare', {});
    Aspects.of(stack).add(new EncryptionCompliance());
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(() => Testing.synth(stack, true)).toThrow(/S3-SSE-CMK stack\/bare/);
  });
});

describe('scope', () => {
  test('checks only the buckets and keys beneath the construct it is added to', () => {
    const stack = newStack();
    const team = new Construct(stack, 'Team');
    new EncryptedBucket(team, 'Data', { versioned: false });
    new EncryptedBucket(stack, 'Other', { versioned: false });
    Aspects.of(team).add(new EncryptionCompliance());
    expect(synthError(stack)).toContain('S3-VERSIONING stack/Team/Data/Bucket');
    expect(synthError(stack)).not.toContain('stack/Other');
  });

  test('finds what is linked to a bucket anywhere in the stack', () => {
    const stack = newStack();
    const team = new Construct(stack, 'Team');
    // The bucket is in the checked scope; its encryption, policy and the rest are not.
    rawBucket(stack, 'data', { bucketScope: team, versioningStatus: 'Suspended' });
    Aspects.of(team).add(new EncryptionCompliance());
    expect(() => Testing.synth(stack, true)).toThrow(/^Validation failed with the following errors:\n {2}\[stack\] S3-VERSIONING stack\/Team\/data \(aws_s3_bucket.Team_data_[0-9A-F]+\): [^\n]*\n\n/);
  });

  test('checks every stack it is added to, each on its own', () => {
    const app = testApp();
    const stacks = ['one', 'two'].map((id) => {
      const stack = new TerraformStack(app, id);
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new EncryptedBucket(stack, 'Data', { versioned: id === 'one' });
      Aspects.of(stack).add(new EncryptionCompliance());
      return stack;
    });
    expect(() => Testing.synth(stacks[0], true)).not.toThrow();
    expect(() => Testing.synth(stacks[1], true)).toThrow(/S3-VERSIONING two\/Data\/Bucket/);
  });

  test('is not applied when added to the App (cdktf applies aspects from stacks down)', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 'stack');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new S3Bucket(stack, 'bare', {});
    Aspects.of(app).add(new EncryptionCompliance());
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('acknowledgements', () => {
  test('suppress the finding and are recorded in the bucket\'s synthesized JSON', () => {
    const stack = newStack();
    const data = new EncryptedBucket(stack, 'Data', { versioned: false });
    EncryptionCompliance.acknowledge(data, 'S3-VERSIONING', 'Scratch data, rebuilt nightly from the source system.');
    Aspects.of(stack).add(new EncryptionCompliance());
    const { json } = fullSynth(stack);
    expect(acknowledgedIn(json, 'aws_s3_bucket', bucketName(json, 'Data_Bucket'))).toEqual([
      { rule: 'S3-VERSIONING', reason: 'Scratch data, rebuilt nightly from the source system.', scope: 'stack/Data' },
    ]);
    // Only rules about keys are recorded on keys.
    expect(acknowledgedIn(json, 'aws_kms_key', Object.keys(json.resource.aws_kms_key)[0])).toBeUndefined();
    // cdktf's own metadata is kept next to it.
    expect(json.resource.aws_s3_bucket[bucketName(json, 'Data_Bucket')]['//'].metadata.path).toBe('stack/Data/Bucket');
  });

  test('apply to every bucket and key beneath the scope; the nearest scope\'s reason wins', () => {
    const stack = newStack();
    const team = new Construct(stack, 'Team');
    new EncryptedBucket(team, 'A', { versioned: false });
    const b = new EncryptedBucket(team, 'B', { versioned: false });
    new ManagedCmk(team, 'Key', { alias: 'k', deletionWindowInDays: 7 });
    EncryptionCompliance.acknowledge(stack, 'S3-VERSIONING', 'Team policy: no versioning in sandboxes.');
    EncryptionCompliance.acknowledge(b, 'S3-VERSIONING', 'Bucket B holds only caches.');
    EncryptionCompliance.acknowledge(team, 'KMS-DELETION-WINDOW', 'Sandbox keys may go quickly.');
    Aspects.of(stack).add(new EncryptionCompliance());
    const { json } = fullSynth(stack);
    expect(acknowledgedIn(json, 'aws_s3_bucket', bucketName(json, 'Team_A_Bucket'))).toEqual([
      { rule: 'S3-VERSIONING', reason: 'Team policy: no versioning in sandboxes.', scope: 'stack' },
    ]);
    expect(acknowledgedIn(json, 'aws_s3_bucket', bucketName(json, 'Team_B_Bucket'))).toEqual([
      { rule: 'S3-VERSIONING', reason: 'Bucket B holds only caches.', scope: 'stack/Team/B' },
    ]);
    const keys = Object.keys(json.resource.aws_kms_key).map((name) => acknowledgedIn(json, 'aws_kms_key', name));
    expect(keys).toEqual(Array(3).fill([{ rule: 'KMS-DELETION-WINDOW', reason: 'Sandbox keys may go quickly.', scope: 'stack/Team' }]));
  });

  test('on one bucket leave its siblings checked', () => {
    const stack = newStack();
    const a = new EncryptedBucket(stack, 'A', { versioned: false });
    new EncryptedBucket(stack, 'B', { versioned: false });
    EncryptionCompliance.acknowledge(a, 'S3-VERSIONING', 'Caches only.');
    expect(verdict(stack)).toEqual(['S3-VERSIONING stack/B/Bucket']);
  });

  test('suppress only their rule', () => {
    const stack = newStack();
    const data = new EncryptedBucket(stack, 'Data', { versioned: false, enforceHttps: false });
    EncryptionCompliance.acknowledge(data, 'S3-VERSIONING', 'Caches only.');
    expect(verdict(stack)).toEqual(['S3-HTTPS-ONLY stack/Data/Bucket']);
  });

  test('suppress warnings too', () => {
    const stack = newStack();
    const data = new EncryptedBucket(stack, 'Data', { versioned: false });
    EncryptionCompliance.acknowledge(data, 'S3-VERSIONING', 'Caches only.');
    Aspects.of(stack).add(new EncryptionCompliance({ level: ComplianceLevel.WARNING }));
    expect(fullSynth(stack).manifest.annotations).toEqual([]);
  });

  test('on a hand-written bucket, given on the resource itself', () => {
    const stack = newStack();
    const bucket = rawBucket(stack, 'data', { policy: false });
    EncryptionCompliance.acknowledge(bucket, 'S3-HTTPS-ONLY', 'Reached only through a VPC endpoint that enforces TLS.');
    expect(verdict(stack)).toEqual([]);
  });

  test.each([
    ['an unknown rule id', 'S3-NOPE', 'Because.', /^EncryptionCompliance\.acknowledge "stack\/Data": ruleId must be one of S3-SSE-CMK, S3-BUCKET-KEY, .*KMS-KEY-ENABLED \(got "S3-NOPE"\)$/],
    ['a rule id in the wrong case', 's3-versioning', 'Because.', /ruleId must be one of/],
    ['an empty reason', 'S3-VERSIONING', '', /^EncryptionCompliance\.acknowledge "stack\/Data": reason must say why the finding is acceptable \(got ""\)$/],
    ['a blank reason', 'S3-VERSIONING', '  ', /reason must say why the finding is acceptable/],
    ['no reason', 'S3-VERSIONING', undefined, /reason must say why the finding is acceptable/],
  ])('fail with %s', (_, ruleId, reason, message) => {
    const stack = newStack();
    const data = new EncryptedBucket(stack, 'Data');
    let error: unknown;
    try {
      EncryptionCompliance.acknowledge(data, ruleId, reason as string);
    } catch (e) {
      error = e;
    }
    expect(isEncryptedS3ValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe('props', () => {
  test.each([
    [{ minimumDeletionWindowInDays: 6 }, /^EncryptionCompliance "aspect": minimumDeletionWindowInDays must be an integer between 7 and 30 \(got 6\)$/],
    [{ minimumDeletionWindowInDays: 31 }, /minimumDeletionWindowInDays must be an integer between 7 and 30 \(got 31\)/],
    [{ minimumDeletionWindowInDays: 7.5 }, /minimumDeletionWindowInDays must be an integer between 7 and 30 \(got 7.5\)/],
    [{ level: 'FATAL' as ComplianceLevel }, /level must be one of "ERROR", "WARNING" \(got "FATAL"\)/],
  ])('%j is rejected', (props, message) => {
    expect(() => new EncryptionCompliance(props)).toThrow(message);
  });
});
