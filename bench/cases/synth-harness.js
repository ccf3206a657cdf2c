// Shared by the synth cases: `node <case>.js N [outdir]` builds an App with one stack, an
// AWS provider and N buckets, and synthesizes it to <outdir>/stacks/bench/cdk.tf.json.
// Without outdir it uses a fresh temp dir and removes it after timing.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { report } = require('./report');

/** `load()` requires what the case needs and returns `(stack, n) => void` that adds n buckets. */
exports.synthCase = (load) => {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`usage: node ${process.argv[1]} N [outdir]`);
  const outdir = process.argv[3] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));

  const t0 = performance.now();
  const { App, TerraformStack } = require('cdktf');
  const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
  const addBuckets = load();
  const t1 = performance.now();
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'bench');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  addBuckets(stack, n);
  const t2 = performance.now();
  app.synth();
  const t3 = performance.now();

  const outputKb = fs.statSync(path.join(outdir, 'stacks', 'bench', 'cdk.tf.json')).size / 1024;
  if (process.argv[3] === undefined) fs.rmSync(outdir, { recursive: true, force: true });
  report({ n, loadMs: t1 - t0, constructMs: t2 - t1, synthMs: t3 - t2, perBucketMs: (t3 - t1) / n, outputKb });
};
