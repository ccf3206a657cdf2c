/**
 * Test support: build and synthesize stacks in memory (no Terraform, no files), and read
 * the synthesized JSON.
 */
import { tmpdir } from 'os';
import { join } from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { EncryptedS3ValidationError, isEncryptedS3ValidationError } from '../../src';

/**
 * A fresh app. `Testing.synth` writes no files, so all apps share one output directory
 * (`Testing.app()` alone makes a new temporary directory per call).
 */
export function testApp(): App {
  return Testing.app({ outdir: join(tmpdir(), 'cdktf-encrypted-s3-unused-outdir') });
}

/** A stack (named `test` unless `id` says otherwise) in a fresh app, with the AWS provider in us-east-1. */
export function testStack(id = 'test'): TerraformStack {
  const stack = new TerraformStack(testApp(), id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** The synthesized stack as JSON. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** Every resource of one Terraform type, in synthesis order. */
export function resourcesOf(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The one resource of a type; fails the test if there are more or none. */
export function onlyResource(json: any, type: string): any {
  const all = resourcesOf(json, type);
  expect(all).toHaveLength(1);
  return all[0];
}

/** The validation error `fn` throws; fails the test if it throws anything else or nothing. */
export function errorOf(fn: () => unknown): EncryptedS3ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EncryptedS3ValidationError);
    expect(isEncryptedS3ValidationError(error)).toBe(true);
    return error as EncryptedS3ValidationError;
  }
  throw new Error('expected a validation error');
}
