/**
 * Every TypeScript snippet in the README compiles against the library, as a user
 * would paste it (importing from 'cdktf-encrypted-s3').
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

/** Names the README's shorter snippets use without declaring them, and their types. */
const ASSUMED: Record<string, string> = {
  stack: 'AssumedStack',
  sandboxStack: 'AssumedStack',
  scratchBucket: 'AssumedConstruct',
  key: 'AssumedKey',
};

/** Declarations for the assumed names a snippet uses but does not declare itself. */
function prelude(snippet: string): string {
  const declarations = Object.entries(ASSUMED)
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(snippet) && !new RegExp(`\\bconst ${name}\\b`).test(snippet))
    .map(([name, type]) => `declare const ${name}: ${type};`);
  return [
    "import type { TerraformStack as AssumedStack } from 'cdktf';",
    "import type { Construct as AssumedConstruct } from 'constructs';",
    "import type { ManagedCmk as AssumedKey } from 'cdktf-encrypted-s3';",
    ...declarations,
  ].join('\n');
}

function typescriptSnippets(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

test('the type-check below covers every TypeScript fence of the README, and none is empty', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const fences = readme.match(/^[ \t]*```[ \t]*(ts|tsx|typescript)\b.*$/gim) ?? [];
  const snippets = typescriptSnippets();
  expect(fences.length).toBeGreaterThan(0);
  expect(snippets).toHaveLength(fences.length);
  expect(snippets.filter((snippet) => snippet.trim() === '')).toEqual([]);
});

test('every README snippet type-checks', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-encrypted-s3-readme-'));
  try {
    const files = typescriptSnippets().map((snippet, i) => {
      const file = path.join(dir, `snippet-${i}.ts`);
      fs.writeFileSync(file, `${prelude(snippet)}\n${snippet}\nexport {};\n`);
      return file;
    });
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2020',
        module: 'commonjs',
        moduleResolution: 'node',
        esModuleInterop: true,
        skipLibCheck: true,
        baseUrl: ROOT,
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        types: ['node'],
        paths: { 'cdktf-encrypted-s3': ['src'], '*': ['node_modules/*'] },
      },
      files,
    }));
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error: any) {
    throw new Error(`README snippets do not compile:\n${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
