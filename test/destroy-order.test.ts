/**
 * Destroy order, read from the synthesized dependency graph: Terraform destroys a
 * resource only after everything that depends on it, so a bucket that depends (directly
 * or through others) on its key is deleted first, and a failed, non-empty bucket delete
 * stops the run before the key is scheduled for deletion.
 */
import { TerraformStack } from 'cdktf';
import { AccessLogsStack } from '../examples/access-logs';
import { DefaultEncryptionStack } from '../examples/default-encryption';
import { PinnedCmkStack } from '../examples/pinned-cmk';
import { RequireSseKmsStack } from '../examples/require-sse-kms';
import { EncryptedBucket, ManagedCmk } from '../src';
import { synthJson, testApp, testStack } from './support/synth';

/** Address to the addresses it depends on: `depends_on` entries and `${type.name...}` references. */
function dependencyGraph(json: any): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const addresses = Object.entries<Record<string, unknown>>(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
  for (const address of addresses) {
    const [type, name] = address.split('.');
    const { '//': _metadata, depends_on: explicit = [], ...config } = json.resource[type][name];
    const text = JSON.stringify(config);
    // `${aws_kms_key.k.arn}`, or a bare `aws_kms_key.k.arn` inside an expression such as jsonencode(...).
    const referenced = addresses.filter((other) => other !== address && new RegExp(`(^|[^\\w.])${other.replace('.', '\\.')}\\.`).test(text));
    graph.set(address, new Set([...explicit.filter((d: string) => !d.startsWith('data.')), ...referenced]));
  }
  return graph;
}

function dependsOn(graph: Map<string, Set<string>>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const next = stack.pop()!;
    for (const dependency of graph.get(next) ?? []) {
      if (dependency === to) return true;
      if (!seen.has(dependency)) {
        seen.add(dependency);
        stack.push(dependency);
      }
    }
  }
  return false;
}

/** Each bucket and the key in its default encryption, when that key is a resource of the stack. */
function bucketsAndKeys(json: any): Array<[bucket: string, key: string]> {
  const pairs: Array<[string, string]> = [];
  for (const configuration of Object.values<any>(json.resource.aws_s3_bucket_server_side_encryption_configuration ?? {})) {
    const bucket = /^\$\{(aws_s3_bucket\.[\w-]+)\.id\}$/.exec(configuration.bucket)?.[1];
    const key = /^\$\{(aws_kms_key\.[\w-]+)\.arn\}$/.exec(configuration.rule[0].apply_server_side_encryption_by_default.kms_master_key_id ?? '')?.[1];
    if (bucket && key) pairs.push([bucket, key]);
  }
  return pairs;
}

function expectBucketsBeforeKeys(stack: TerraformStack, expectedPairs: number): void {
  const json = synthJson(stack);
  const graph = dependencyGraph(json);
  const pairs = bucketsAndKeys(json);
  expect(pairs).toHaveLength(expectedPairs);
  for (const [bucket, key] of pairs) {
    expect({ bucket, key, bucketDependsOnKey: dependsOn(graph, bucket, key) }).toEqual({ bucket, key, bucketDependsOnKey: true });
    // And never the other way round, which would be a cycle.
    expect({ bucket, key, keyDependsOnBucket: dependsOn(graph, key, bucket) }).toEqual({ bucket, key, keyDependsOnBucket: false });
  }
}

describe('a bucket is destroyed before the key that encrypts it', () => {
  test('the key the bucket creates', () => {
    const stack = testStack();
    new EncryptedBucket(stack, 'Data');
    expectBucketsBeforeKeys(stack, 1);
  });

  test('a ManagedCmk given to several buckets', () => {
    const stack = testStack();
    const key = new ManagedCmk(stack, 'Shared', { alias: 'shared' });
    new EncryptedBucket(stack, 'Raw', { encryptionKey: key });
    new EncryptedBucket(stack, 'Curated', { encryptionKey: key });
    expectBucketsBeforeKeys(stack, 2);
  });

  test.each([
    ['require-sse-kms', (app: any) => new RequireSseKmsStack(app, 'require-sse-kms'), 1],
    ['pinned-cmk', (app: any) => new PinnedCmkStack(app, 'pinned-cmk'), 1],
    ['default-encryption', (app: any) => new DefaultEncryptionStack(app, 'default-encryption'), 1],
    ['access-logs', (app: any) => new AccessLogsStack(app, 'access-logs'), 2],
  ])('the %s example', (_name, build, pairs) => {
    expectBucketsBeforeKeys(build(testApp()), pairs);
  });
});
