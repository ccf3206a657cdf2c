import { tmpdir } from 'os';
import { join } from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { EncryptedS3ValidationError, isEncryptedS3ValidationError } from '../src';
import { parseJsonencode } from '../src/compliance/private/jsonencode';

/**
 * A fresh app. `Testing.synth` writes no files, so all apps share one output directory
 * (`Testing.app()` alone makes a new temporary directory per call).
 */
export function testApp(): App {
  return Testing.app({ outdir: join(tmpdir(), 'cdktf-encrypted-s3-unused-outdir') });
}

/** A stack named `test` in a fresh app, with the AWS provider in us-east-1. */
export function testStack(): TerraformStack {
  const stack = new TerraformStack(testApp(), 'test');
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

/** A policy statement as parsed from the synthesized `jsonencode(...)`. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: any;
  NotPrincipal?: any;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

/**
 * Parses a synthesized `${jsonencode({...})}` policy into JSON, with the library's own
 * reader (bare Terraform references become `${ref}` strings).
 */
export function parsePolicy(expression: string): { Version: string; Statement: Statement[] } {
  // The library writes JSON text with Terraform references in it, or jsonencode(...) when a list token forces it.
  const policy = expression.startsWith('${jsonencode(') ? parseJsonencode(expression) : JSON.parse(expression);
  if (policy === undefined) throw new Error(`not a readable jsonencode expression: ${expression}`);
  return policy as { Version: string; Statement: Statement[] };
}

/** The statement with this Sid; fails the test if there is none. */
export function statement(statements: Statement[], sid: string): Statement {
  const found = statements.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${JSON.stringify(statements.map((s) => s.Sid))}`);
  return found;
}

/** The Sids of a policy's statements, in order. */
export function sids(statements: Statement[]): Array<string | undefined> {
  return statements.map((s) => s.Sid);
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
