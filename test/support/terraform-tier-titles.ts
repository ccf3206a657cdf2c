/**
 * Jest setup (setupFilesAfterEnv): in Terraform-tier files (`*.terraform.test.ts`), every
 * top-level test and describe title ends with terraformTierNote(), so a run that plans
 * newer-provider output with an older mirrored provider says so in each test's name.
 * The note is empty, and nothing is wrapped, when the output's own provider is used.
 */
import { terraformTierNote } from './terraform-cli';

const testPath: string = (expect as any).getState().testPath ?? '';
const note = testPath.endsWith('.terraform.test.ts') ? terraformTierNote() : '';

if (note) {
  const g = globalThis as any;
  // Only top-level blocks get the note: nested titles would repeat it.
  let depth = 0;
  const titled = (name: any) => (depth === 0 && typeof name === 'string' ? `${name}${note}` : name);
  const wrapDescribe = (original: any) => {
    const wrapped: any = (name: any, fn: () => void) => original(titled(name), () => {
      depth++;
      try {
        fn();
      } finally {
        depth--;
      }
    });
    wrapped.each = (...table: any[]) => (name: any, fn: (...args: any[]) => void, timeout?: number) =>
      original.each(...table)(titled(name), (...args: any[]) => {
        depth++;
        try {
          fn(...args);
        } finally {
          depth--;
        }
      }, timeout);
    wrapped.only = original.only;
    wrapped.skip = original.skip;
    return wrapped;
  };
  const wrapTest = (original: any) => {
    const wrapped: any = (name: any, fn: any, timeout?: number) => original(titled(name), fn, timeout);
    wrapped.each = (...table: any[]) => (name: any, fn: any, timeout?: number) => original.each(...table)(titled(name), fn, timeout);
    wrapped.only = original.only;
    wrapped.skip = original.skip;
    wrapped.todo = original.todo;
    wrapped.concurrent = original.concurrent;
    return wrapped;
  };
  g.describe = wrapDescribe(g.describe);
  g.test = wrapTest(g.test);
  g.it = wrapTest(g.it);
}
