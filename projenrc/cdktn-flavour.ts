/**
 * Builds `cdktn-encrypted-s3`, the CDK Terrain flavour, from this project's own src/.
 *
 * Nothing is kept by hand: the sources are copied with two import rewrites, `cdktf` ->
 * `cdktn` and `@cdktf/provider-aws/lib/*` -> `@cdktn/provider-aws/lib/*` (the packages
 * have the same classes under the same names), and package.json is derived from the
 * root one with the name, description and peer dependencies below. jsii compiles the
 * result against the cdktn packages in the root node_modules, jsii-docgen writes its
 * API.md, and `npm pack` writes the tarball.
 *
 * Usage: ts-node projenrc/cdktn-flavour.ts [pack-destination]   (default: dist/cdktn)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { writeApiDocs } from './api-docs';

const ROOT = path.resolve(__dirname, '..');

/** What differs in package.json. */
export const CDKTN_PACKAGE = {
  name: 'cdktn-encrypted-s3',
  description: 'CDK Terrain (cdktn) constructs for S3 buckets encrypted with a customer-managed KMS key, correct by default.',
  keywords: ['cdktn', 'cdk-terrain', 'terraform', 'aws', 's3', 'kms', 'encryption', 'sse-kms'],
  peerDependencies: {
    // The @cdktn/provider-aws majors on the registry: 23 (AWS 6.40), 24 (6.45), 25 (6.66).
    '@cdktn/provider-aws': '>=23.0.0 <26.0.0',
    'cdktn': '^0.24.0',
    'constructs': '>=10.6.0 <10.8.0',
  },
  engines: { node: '>= 22.19.0' },
};

/** The two import rewrites, applied to every module specifier in src/. */
export function rewriteImports(source: string): string {
  return source
    .replace(/(from |import\(|require\()'cdktf'/g, "$1'cdktn'")
    .replace(/(from |import\(|require\()'@cdktf\/provider-aws\/lib\//g, "$1'@cdktn/provider-aws/lib/");
}

/** Fails on a module specifier the rewrites do not cover, so no cdktf import reaches the build. */
function assertNoCdktfImports(file: string, source: string): void {
  const left = /(?:from |import\(|require\()'(@cdktf\/[^']*|cdktf(?:\/[^']*)?)'/.exec(source);
  if (left) throw new Error(`${file}: import of '${left[1]}' has no cdktn rewrite (only 'cdktf' and '@cdktf/provider-aws/lib/*' do)`);
}

function copySources(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      copySources(source, target);
    } else if (entry.name.endsWith('.ts')) {
      const rewritten = rewriteImports(fs.readFileSync(source, 'utf8'));
      assertNoCdktfImports(path.relative(ROOT, source), rewritten);
      fs.writeFileSync(target, rewritten);
    }
  }
}

/**
 * The flavour's package.json, from the root one (`root`, parsed). The API gate derives it
 * through this function at the last release tag and at HEAD, to compare peer ranges and
 * the Node.js engine: keep it a pure function of `root` and this file.
 */
export function cdktnPackageJson(root: Record<string, any>): Record<string, any> {
  return {
    name: CDKTN_PACKAGE.name,
    description: CDKTN_PACKAGE.description,
    version: root.version,
    repository: root.repository,
    author: root.author,
    license: root.license,
    keywords: CDKTN_PACKAGE.keywords,
    main: root.main,
    types: root.types,
    stability: root.stability,
    engines: CDKTN_PACKAGE.engines,
    peerDependencies: CDKTN_PACKAGE.peerDependencies,
    // What it is built and tested against: the root's pins.
    devDependencies: Object.fromEntries(Object.keys(CDKTN_PACKAGE.peerDependencies).map((name) => [name, root.devDependencies[name]])),
    publishConfig: root.publishConfig,
    files: ['lib/', '.jsii', 'API.md', 'README.md', 'LICENSE', 'CHANGELOG.md'],
    jsii: root.jsii,
  };
}

/** Writes the flavour's project into `dir` (replacing it), compiles it and documents it. */
export async function buildCdktnFlavour(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  copySources(path.join(ROOT, 'src'), path.join(dir, 'src'));
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(cdktnPackageJson(root), undefined, 2)}\n`);
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  // Dependencies resolve from the root node_modules, up the directory tree.
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'jsii'), ['--silence-warnings=reserved-word'], { cwd: dir, stdio: 'inherit' });
  await writeApiDocs(dir, path.join(dir, 'API.md'));
}

/** Builds the flavour in build/cdktn and packs it into `destination`; returns the tarball's path. */
export async function packCdktnFlavour(destination: string): Promise<string> {
  const dir = path.join(ROOT, 'build', 'cdktn');
  await buildCdktnFlavour(dir);
  fs.mkdirSync(destination, { recursive: true });
  const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', path.resolve(destination)], { cwd: dir, encoding: 'utf8' });
  return path.join(path.resolve(destination), JSON.parse(packed)[0].filename);
}

if (require.main === module) {
  packCdktnFlavour(process.argv[2] ?? path.join(ROOT, 'dist', 'cdktn')).then((tarball) => {
    console.log(`wrote ${path.relative(process.cwd(), tarball)}`);
  }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
