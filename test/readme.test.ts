/**
 * Every TypeScript snippet in the README compiles against the library as a user's app
 * does: importing from 'cdktf-encrypted-s3' (its declarations), under the tsconfig that
 * `cdktf init --template=typescript` writes (strict, noUnusedLocals and the rest).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** The tsconfig of a new cdktf app, from cdktf-cli's own template. */
const CDKTF_INIT_TSCONFIG = path.join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'templates', 'typescript', 'tsconfig.json');

/** Names the README's shorter snippets use without declaring them: their type and where it comes from. */
const ASSUMED: Record<string, [type: string, from: string]> = {
  stack: ['TerraformStack', 'cdktf'],
  sandboxStack: ['TerraformStack', 'cdktf'],
  scratchBucket: ['Construct', 'constructs'],
  key: ['ManagedCmk', 'cdktf-encrypted-s3'],
};

/** Declarations for the assumed names a snippet uses but does not declare itself. */
function prelude(snippet: string): string {
  return Object.entries(ASSUMED)
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(snippet) && !new RegExp(`\\bconst ${name}\\b`).test(snippet))
    .map(([name, [type, from]]) => `import type { ${type} as Assumed${name} } from '${from}';\ndeclare const ${name}: Assumed${name};`)
    .join('\n');
}

function typescriptSnippets(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

function tsc(args: string[]): void {
  try {
    execFileSync(process.execPath, [TSC, ...args], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error: any) {
    throw new Error(`${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`);
  }
}

test('the type-check below covers every TypeScript fence of the README, and none is empty', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const fences = readme.match(/^[ \t]*```[ \t]*(ts|tsx|typescript)\b.*$/gim) ?? [];
  const snippets = typescriptSnippets();
  expect(fences.length).toBeGreaterThan(0);
  expect(snippets).toHaveLength(fences.length);
  expect(snippets.filter((snippet) => snippet.trim() === '')).toEqual([]);
});

test('every README snippet type-checks under the tsconfig of `cdktf init`', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-encrypted-s3-readme-'));
  try {
    // What an app compiles against: the library's declarations, not its sources.
    const types = path.join(dir, 'types');
    tsc(['-p', path.join(ROOT, 'tsconfig.json'), '--declaration', '--emitDeclarationOnly', '--outDir', types]);
    const files = typescriptSnippets().map((snippet, i) => {
      const file = path.join(dir, `snippet-${i}.ts`);
      fs.writeFileSync(file, `${prelude(snippet)}\n${snippet}\nexport {};\n`);
      return file;
    });
    const init = JSON.parse(fs.readFileSync(CDKTF_INIT_TSCONFIG, 'utf8'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        ...init.compilerOptions,
        noEmit: true,
        incremental: false,
        baseUrl: ROOT,
        paths: { 'cdktf-encrypted-s3': [path.join(types, 'index.d.ts')], '*': ['node_modules/*'] },
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        types: ['node'],
      },
      files,
    }));
    expect(init.compilerOptions).toMatchObject({ strict: true, noUnusedLocals: true, noUnusedParameters: true });
    tsc(['-p', dir]);
  } catch (error: any) {
    throw new Error(`README snippets do not compile:\n${error.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('"Your first stack" synthesizes with the compliance check on, no finding and no warning', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Your first stack'));
  const snippet = /```ts\n([\s\S]*?)```/.exec(section)![1];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-encrypted-s3-first-stack-'));
  try {
    const file = path.join(dir, 'main.ts');
    fs.writeFileSync(file, snippet.replace("from 'cdktf-encrypted-s3'", `from ${JSON.stringify(path.join(ROOT, 'src'))}`));
    const outdir = path.join(dir, 'cdktf.out');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', '-P', path.join(ROOT, 'tsconfig.dev.json'), file], {
      cwd: ROOT,
      // The snippet lives outside the project: resolve its imports from the project's node_modules.
      env: { ...process.env, CDKTF_OUTDIR: outdir, NODE_PATH: path.join(ROOT, 'node_modules') },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.data.annotations).toEqual([]);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, manifest.stacks.data.synthesizedStackPath), 'utf8'));
    expect(Object.keys(json.resource.aws_s3_bucket)).toHaveLength(2);
    expect(Object.keys(json.resource.aws_iam_role_policy)).toHaveLength(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('"Rehearse a deploy locally" shows the LocalEndpoint aspect that the deploy tier runs every example with', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Rehearse a deploy locally'));
  const snippet = /```ts\n([\s\S]*?)```/.exec(section)![1];
  const classOf = (text: string) => /export class LocalEndpoint[\s\S]*?\n}\n/.exec(text)?.[0];
  const tested = fs.readFileSync(path.join(ROOT, 'test', 'support', 'local-endpoint.ts'), 'utf8');
  expect(classOf(snippet)).toBeDefined();
  expect(classOf(snippet)).toEqual(classOf(tested));
  // Added only when an endpoint is set, before synth.
  expect(snippet).toMatch(/if \(process\.env\.AWS_ENDPOINT_URL\) Aspects\.of\(app\)\.add\(new LocalEndpoint\(\)\);\napp\.synth\(\);/);
});
