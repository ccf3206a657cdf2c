#!/usr/bin/env node
/**
 * Runs a Node.js script under Node 22, which CDK Terrain needs: `with-node22 <script> [args]`.
 * Uses this Node when it is new enough; otherwise installs the `node` package from the npm
 * registry (its binary comes in a platform package) into node_modules/.cache, once.
 * The child gets that Node first on PATH, so the `node` it spawns is the same.
 */
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const NODE_PACKAGE = 'node@22.23.3';
const MINIMUM = [22, 19];

function newEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

function node22() {
  if (newEnough(process.versions.node)) return process.execPath;
  const prefix = path.resolve(__dirname, '..', 'node_modules', '.cache', 'node22');
  const binary = path.join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!fs.existsSync(binary)) {
    console.error(`Node ${process.versions.node} is older than ${MINIMUM.join('.')}: installing ${NODE_PACKAGE} from the npm registry into ${path.relative(process.cwd(), prefix)}`);
    fs.mkdirSync(prefix, { recursive: true });
    // The package's preinstall script fetches the binary package: scripts must run.
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts=false', NODE_PACKAGE], { stdio: 'inherit' });
  }
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  if (!newEnough(version)) throw new Error(`${binary} is ${version}, older than ${MINIMUM.join('.')}`);
  return binary;
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: with-node22 <script> [args...]');
  process.exit(2);
}
const binary = node22();
const env = { ...process.env, PATH: `${path.dirname(binary)}${path.delimiter}${process.env.PATH}` };
const result = spawnSync(binary, [script, ...args], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
