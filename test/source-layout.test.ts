import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * The shape of src/: imports flow one way (no cycles, type-only imports included), no
 * file grows past what a reader takes in, and builders never reach back into the
 * constructs that call them.
 */

const SRC = path.join(__dirname, '..', 'src');

/** Every .ts file under `dir`, relative to SRC with forward slashes. */
function sourceFiles(dir: string = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

/** The src files `file` imports or re-exports (relative specifiers only), `import type` included. */
function importsOf(file: string, files: Set<string>): string[] {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  return specifiers.filter((s) => s.startsWith('.')).map((specifier) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const target = [`${base}.ts`, `${base}/index.ts`].find((candidate) => files.has(candidate));
    if (target === undefined) throw new Error(`${file}: cannot resolve import '${specifier}'`);
    return target;
  });
}

/** The import graph of src/. */
function importGraph(): Map<string, string[]> {
  const files = new Set(sourceFiles());
  return new Map([...files].map((file) => [file, importsOf(file, files)]));
}

/** Each cycle found by a depth-first walk, as the path that closes it (a -> b -> a). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/** Files that declare a construct (a class extending Construct). */
function constructFiles(): string[] {
  return sourceFiles().filter((file) => /\bclass \w+ extends Construct\b/.test(fs.readFileSync(path.join(SRC, file), 'utf8')));
}

describe('src/ layout', () => {
  test('the cycle finder finds a cycle, type-only imports and all', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });

  test('import type counts as an import', () => {
    const imports = ts.preProcessFile("import type { X } from './x';\nexport * from './y';", true, true).importedFiles.map((f) => f.fileName);
    expect(imports).toEqual(['./x', './y']);
  });

  test('src/ has no import cycles', () => {
    expect(findCycles(importGraph()).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  test('no file in src/ is over 450 lines, and encrypted-bucket.ts is under 400', () => {
    const lines = (file: string) => fs.readFileSync(path.join(SRC, file), 'utf8').split('\n').length - 1;
    const long = sourceFiles().filter((file) => lines(file) > 450).map((file) => `${file}: ${lines(file)}`);
    expect(long).toEqual([]);
    expect(lines('encrypted-bucket.ts')).toBeLessThan(400);
  });

  test('nothing in src/private or src/compliance imports a file that declares a construct', () => {
    const constructs = new Set(constructFiles().filter((file) => !file.startsWith('private/')));
    expect([...constructs].sort()).toEqual(expect.arrayContaining(['encrypted-bucket.ts', 'managed-cmk.ts']));
    const upward = [...importGraph()]
      .filter(([file]) => file.startsWith('private/') || file.startsWith('compliance/'))
      .flatMap(([file, imports]) => imports.filter((target) => constructs.has(target)).map((target) => `${file} -> ${target}`));
    expect(upward).toEqual([]);
  });
});
