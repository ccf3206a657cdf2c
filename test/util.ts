import { tmpdir } from 'os';
import { join } from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';

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
 * Parses a synthesized `${jsonencode({...})}` policy into JSON. Bare Terraform
 * references become `${ref}` strings, as the same reference reads inside a string.
 */
export function parsePolicy(expression: string): { Version: string; Statement: Statement[] } {
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(expression);
  if (!match) throw new Error(`not a jsonencode expression: ${expression}`);
  const text = match[1];
  let i = 0;
  const ws = () => { while (/\s/.test(text[i])) i++; };
  const value = (): any => {
    ws();
    if (text[i] === '{' || text[i] === '[') {
      const object = text[i++] === '{';
      const result: any = object ? {} : [];
      for (ws(); text[i] !== (object ? '}' : ']'); ws()) {
        if (object) {
          const key = value();
          ws();
          i++; // '=' or ':'
          result[key] = value();
        } else {
          result.push(value());
        }
        ws();
        if (text[i] === ',') i++;
      }
      i++;
      return result;
    }
    const start = i;
    let depth = 0;
    let quoted = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quoted && c === '\\') { i++; continue; }
      if (c === '"' && depth === 0 && i > start && quoted) { i++; break; }
      if (c === '"' && i === start) { quoted = true; continue; }
      if (c === '{' || c === '(' || c === '[') depth++;
      if (c === '}' || c === ')' || c === ']') {
        if (depth === 0) break;
        depth--;
      }
      if (!quoted && depth === 0 && (c === ',' || c === '=')) break;
    }
    const raw = text.slice(start, i).trim();
    if (quoted) return raw.slice(1, -1).replace(/\\(["\\])/g, '$1');
    return /^(-?[\d.]+(e[+-]?\d+)?|true|false|null)$/.test(raw) ? JSON.parse(raw) : `\${${raw}}`;
  };
  return value();
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
