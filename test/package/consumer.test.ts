/**
 * What users do: pack each flavour of the library, install the tarball into a fresh app
 * of that flavour outside this repository, and synthesize a stack that uses it.
 *  - cdktf-encrypted-s3 (npm pack of this project) in cdktf apps with @cdktf/provider-aws
 *    20.x (AWS provider 5.x) and 21.x (6.x);
 *  - cdktn-encrypted-s3 (built from src/ by projenrc/cdktn-flavour.ts) in a cdktn app with
 *    @cdktn/provider-aws 25.x, run under Node 22 (tools/with-node22.js).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packCdktnFlavour } from '../../projenrc/cdktn-flavour';
import { machinePaths, packageProblems, readTarball } from '../../projenrc/release-check';

const ROOT = path.resolve(__dirname, '..', '..');
const VERSIONS = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies;
const WITH_NODE22 = path.join(ROOT, 'tools', 'with-node22.js');

interface Flavour {
  readonly library: string;
  readonly core: string;
  readonly providerPackage: string;
  /** Runs `main.js` in the app dir. */
  readonly node: (script: string) => [string, string[]];
}

const CDKTF: Flavour = {
  library: 'cdktf-encrypted-s3',
  core: 'cdktf',
  providerPackage: '@cdktf/provider-aws',
  node: (script) => [process.execPath, [script]],
};
const CDKTN: Flavour = {
  library: 'cdktn-encrypted-s3',
  core: 'cdktn',
  providerPackage: '@cdktn/provider-aws',
  node: (script) => [process.execPath, [WITH_NODE22, script]],
};

let workDir: string;
const tarballs: Record<string, string> = {};
/** Resource addresses each app synthesized, by test row. */
const addresses: Record<string, string[]> = {};

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    throw new Error('lib/ is missing: run `npx projen compile` (npm test does) before this test');
  }
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'encrypted-s3-consumer-'));
  const packed = run('npm', ['pack', '--json', '--pack-destination', workDir], ROOT);
  tarballs[CDKTF.library] = path.join(workDir, JSON.parse(packed)[0].filename);
  tarballs[CDKTN.library] = await packCdktnFlavour(workDir);
}, 600_000);

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

test.each([CDKTF, CDKTN])('the $library tarball holds the compiled library, its jsii assembly and its docs, and is named <name>-<version>.tgz', ({ library, core }) => {
  const tarball = tarballs[library];
  expect(path.basename(tarball)).toBe(`${library}-${readVersion()}.tgz`);
  const files = run('tar', ['tzf', tarball], workDir).split('\n');
  // What a release checks of each tarball (projenrc/release-check.ts): the compiled
  // library, its assembly, its docs, licence and changelog at this version; no sources,
  // tests, examples or build files; no source map into nothing; no path of this machine.
  expect(packageProblems(readTarball(tarball), { name: library, version: readVersion(), machinePaths: machinePaths(workDir) })).toEqual([]);
  // Every module the compiled library loads belongs to its own flavour.
  const compiled = files.filter((f) => f.startsWith('package/lib/') && f.endsWith('.js'))
    .map((f) => run('tar', ['xzf', tarball, '-O', f], workDir)).join('\n');
  const modules = new Set([...compiled.matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1].split('/lib/')[0]));
  expect([...modules].sort()).toEqual([`@${core}/provider-aws`, core, 'constructs', 'crypto'].sort());
});

// The dev pin (AWS provider 5.x), and the newest 21.x the peer range admits (AWS provider 6.25).
test.each([
  { flavour: CDKTF, providerVersion: VERSIONS['@cdktf/provider-aws'], blocked: undefined },
  { flavour: CDKTF, providerVersion: '21.22.1', blocked: ['SSE-C'] },
  { flavour: CDKTN, providerVersion: VERSIONS['@cdktn/provider-aws'], blocked: ['SSE-C'] },
])('a fresh $flavour.core app with $flavour.providerPackage@$providerVersion installs $flavour.library and synthesizes an encrypted bucket that passes EncryptionCompliance', ({ flavour, providerVersion, blocked }) => {
  const app = path.join(workDir, `app-${flavour.core}-${providerVersion}`);
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true }));
  run('npm', [
    'install', '--no-audit', '--no-fund', '--prefer-offline',
    tarballs[flavour.library],
    `${flavour.core}@${VERSIONS[flavour.core]}`,
    `constructs@${VERSIONS.constructs}`,
    `${flavour.providerPackage}@${providerVersion}`,
  ], app);
  fs.writeFileSync(path.join(app, 'main.js'), `
    const { App, Aspects, TerraformStack } = require('${flavour.core}');
    const { AwsProvider } = require('${flavour.providerPackage}/lib/provider');
    const { EncryptedBucket, EncryptionCompliance, ManagedCmk } = require('${flavour.library}');
    const app = new App({ outdir: 'out' });
    const stack = new TerraformStack(app, 'consumer');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const key = new ManagedCmk(stack, 'Key', { alias: 'consumer-key' });
    new EncryptedBucket(stack, 'Data', { bucketName: 'consumer-data-bucket', encryptionKey: key });
    // Fails synthesis on any finding: proves aspects and validations run in this app.
    Aspects.of(stack).add(new EncryptionCompliance());
    app.synth();
  `);
  const [command, args] = flavour.node('main.js');
  run(command, args, app);

  const synthesized = JSON.parse(fs.readFileSync(path.join(app, 'out', 'stacks', 'consumer', 'cdk.tf.json'), 'utf8'));
  const buckets = Object.values(synthesized.resource.aws_s3_bucket) as any[];
  const encryption = Object.values(synthesized.resource.aws_s3_bucket_server_side_encryption_configuration) as any[];
  const aliases = Object.values(synthesized.resource.aws_kms_alias) as any[];
  expect(buckets.map((b) => b.bucket)).toEqual(['consumer-data-bucket']);
  expect(encryption[0].rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
  expect(encryption[0].rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.Key_\w+\.arn\}$/);
  // S3's own SSE-C block: written by bindings of AWS provider 6.22 and later only.
  expect(encryption[0].rule[0].blocked_encryption_types).toEqual(blocked);
  expect(aliases.map((a) => a.name)).toEqual(['alias/consumer-key']);
  expect(Object.keys(synthesized.resource.aws_s3_bucket_policy)).toHaveLength(1);
  // The provider constraint the binding asks for: the major that the stack is written for.
  expect(synthesized.terraform.required_providers.aws.version.split('.')[0]).toBe(blocked ? '6' : '5');
  addresses[`${flavour.core}@${providerVersion}`] = Object.entries<any>(synthesized.resource)
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
});

// Moving an app from cdktf to cdktn keeps its Terraform state: the addresses are the same.
test('every app synthesized the same resource addresses', () => {
  const lists = Object.values(addresses);
  expect(lists).toHaveLength(3);
  expect(lists[0].length).toBeGreaterThan(5);
  for (const list of lists) expect(list).toEqual(lists[0]);
});

function readVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error: any) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`);
  }
}
