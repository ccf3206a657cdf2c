/**
 * The check cannot be silently off (added where cdktf never applies it), runs once per
 * stack however often it is added, reports acknowledgements nothing needs, and tells
 * each finding how to move on.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { findingsOf, newStack, synthError } from './helpers';
import { ComplianceLevel, EncryptedBucket, EncryptionCompliance } from '../../src';
import { testApp } from '../support/synth';

function stackIn(scope: Construct, id: string): TerraformStack {
  const stack = new TerraformStack(scope, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new EncryptedBucket(stack, 'Data', { versioned: false });
  return stack;
}

describe('a check added above the stacks', () => {
  test('on the App: synthesis fails, naming each stack to add it to', () => {
    const app = testApp();
    const [data, logs] = [stackIn(app, 'data'), stackIn(app, 'logs')];
    Aspects.of(app).add(new EncryptionCompliance());
    for (const stack of [data, logs]) {
      expect(synthError(stack)).toContain(
        'EncryptionCompliance was added to the App, where cdktf never applies aspects, so nothing is checked. Add it to each stack instead: '
        + 'Aspects.of(<stack data>).add(new EncryptionCompliance()); Aspects.of(<stack logs>).add(new EncryptionCompliance()).',
      );
    }
  });

  test('on a scope that holds stacks: the same, naming that scope', () => {
    const app = testApp();
    const group = new Construct(app, 'group');
    const stack = stackIn(group, 'data');
    Aspects.of(group).add(new EncryptionCompliance({ level: ComplianceLevel.WARNING }));
    expect(synthError(stack)).toContain('EncryptionCompliance was added to "group", above the stacks, where cdktf never applies aspects');
  });

  test('also on the stack itself: the stack is checked, nothing to report about placement', () => {
    const app = testApp();
    const stack = stackIn(app, 'data');
    Aspects.of(app).add(new EncryptionCompliance());
    Aspects.of(stack).add(new EncryptionCompliance());
    const error = synthError(stack);
    expect(error).toMatch(/S3-VERSIONING data\/Data\/Bucket/);
    expect(error).not.toContain('was added to the App');
  });
});

describe('a check added twice', () => {
  test('to the same stack reports each finding once', () => {
    const stack = newStack();
    new EncryptedBucket(stack, 'Data', { versioned: false });
    Aspects.of(stack).add(new EncryptionCompliance());
    expect(findingsOf(stack).map((f) => f.ruleId)).toEqual(['S3-VERSIONING']);
  });

  test('to a stack and a construct inside it reports each finding once', () => {
    const stack = newStack();
    const bucket = new EncryptedBucket(stack, 'Data', { versioned: false });
    Aspects.of(bucket).add(new EncryptionCompliance());
    expect(findingsOf(stack).map((f) => f.ruleId)).toEqual(['S3-VERSIONING']);
  });
});

describe('acknowledgements that match no finding', () => {
  function warningsOf(stack: TerraformStack): any[] {
    const outdir = Testing.fullSynth(stack);
    try {
      return JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks[stack.node.id].annotations;
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }

  test('are reported as a warning naming the rule and the path', () => {
    const stack = newStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    EncryptionCompliance.acknowledge(bucket, 'S3-VERSIONING', 'Scratch data.');
    Aspects.of(stack).add(new EncryptionCompliance());
    expect(warningsOf(stack)).toEqual([{
      constructPath: 'stack/Data',
      level: '@cdktf/warn',
      message: 'EncryptionCompliance: the acknowledgement of S3-VERSIONING on stack/Data matches no finding; remove it (reason given: Scratch data.)',
    }]);
  });

  test('one that accepts a finding is not', () => {
    const stack = newStack();
    const bucket = new EncryptedBucket(stack, 'Data', { versioned: false });
    EncryptionCompliance.acknowledge(bucket, 'S3-VERSIONING', 'Scratch data.');
    Aspects.of(stack).add(new EncryptionCompliance());
    expect(warningsOf(stack)).toEqual([]);
  });
});

test('a finding ends with the acknowledgement call for its resource and rule', () => {
  const stack = newStack();
  new EncryptedBucket(stack, 'Data', { versioned: false });
  const [finding] = findingsOf(stack);
  expect(finding.message).toMatch(/ Fix: .*\. Or, if it is acceptable: EncryptionCompliance\.acknowledge\(<stack\/Data\/Bucket>, 'S3-VERSIONING', '<why>'\)\.$/);
});
