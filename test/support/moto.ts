/**
 * Test support for the deploy tier: moto's server as a local AWS endpoint.
 *
 *  - motoPython()   a Python with moto 5.2.x: the machine's python3 when it has it, else a
 *                   venv in node_modules/.cache/moto-venv, installed from PyPI once
 *  - startMoto()    the server on 127.0.0.1 at a free port; stop() kills its process group;
 *                   `{ requestLog: true }` logs each request it answers, for requests()
 *  - emulatorEnv()  the environment for every child that talks to it (terraform, boto3):
 *                   fake credentials, no profile or config files, and a proxy that refuses
 *                   anything that is not loopback, so no request can reach AWS
 *
 * Its state is in memory: reset() empties it between scenarios.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

/** The moto release the tier is written against (its gaps are named in the tests). */
export const MOTO_VERSION = '5.2.1';
const MOTO_SERIES = /^5\.2\./;
/** The account moto reports for any credentials. */
export const MOTO_ACCOUNT_ID = '123456789012';
/** The region of deploy-tier stacks and boto3 calls that name none. */
export const EMULATOR_REGION = 'us-east-1';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const VENV_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'moto-venv');
const SERVER_SCRIPT = path.join(__dirname, 'moto-server.py');
const LAB_SCRIPT = path.join(__dirname, 'moto-lab.py');

// ---------------------------------------------------------------------------
// Running children with a deadline
// ---------------------------------------------------------------------------

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<ChildProcess>();

/**
 * Runs `command` in its own process group and kills the group when `timeoutMs` passes
 * (SIGTERM, then SIGKILL), so no child can wait forever. Throws on a non-zero exit
 * unless `allowFailure`.
 */
export function run(command: string, args: string[], opts: {
  cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; allowFailure?: boolean;
}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 10_000).unref();
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${command} failed to start: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const result = { status: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      const what = `${path.basename(command)} ${args.join(' ')}${opts.cwd ? ` in ${opts.cwd}` : ''}`;
      if (timedOut) {
        reject(new Error(`${what} timed out after ${opts.timeoutMs} ms\n${tail(result.stdout)}\n${tail(result.stderr)}`));
      } else if (result.status !== 0 && !opts.allowFailure) {
        reject(new Error(`${what} exited ${code ?? signal}\n--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`));
      } else {
        resolve(result);
      }
    });
  });
}

/** Kills every child run() started that is still running (a test that timed out leaves them). */
export function killRunning(): void {
  running.forEach((child) => killGroup(child, 'SIGKILL'));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------
// A Python with moto
// ---------------------------------------------------------------------------

/** moto's version under `python`, or undefined when it lacks moto, its server or boto3. */
function motoVersionOf(python: string): string | undefined {
  const res = spawnSync(python, ['-c', 'import boto3, moto, moto.server; print(moto.__version__)'], {
    encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'],
  });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

function venvPython(): string {
  return process.platform === 'win32' ? path.join(VENV_DIR, 'Scripts', 'python.exe') : path.join(VENV_DIR, 'bin', 'python');
}

let pythonCache: string | undefined;
/**
 * A Python whose moto is 5.2.x: python3 on PATH when it has it; otherwise the venv in
 * node_modules/.cache/moto-venv, made (once, under a lock shared by jest workers) with
 * `pip install moto[server]==5.2.1` from PyPI. Throws saying what is missing.
 */
export async function motoPython(): Promise<string> {
  if (pythonCache) return pythonCache;
  const system = motoVersionOf('python3');
  if (system && MOTO_SERIES.test(system)) return (pythonCache = 'python3');
  const venv = venvPython();
  const lock = `${VENV_DIR}.lock`;
  fs.mkdirSync(path.dirname(VENV_DIR), { recursive: true });
  await withDirLock(lock, 15 * 60_000, async () => {
    if (fs.existsSync(venv) && MOTO_SERIES.test(motoVersionOf(venv) ?? '')) return;
    fs.rmSync(VENV_DIR, { recursive: true, force: true });
    await run('python3', ['-m', 'venv', VENV_DIR], { timeoutMs: 120_000 }).catch((e) => {
      throw new Error(`The deploy tier needs moto ${MOTO_VERSION} (python3 has ${system ?? 'none'}), and python3 -m venv failed ` +
        `(on Debian, install python3-venv): ${e.message}`);
    });
    await run(venv, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `moto[server]==${MOTO_VERSION}`], { timeoutMs: 10 * 60_000 });
  });
  const installed = motoVersionOf(venv);
  if (!installed || !MOTO_SERIES.test(installed)) throw new Error(`${VENV_DIR} has moto ${installed ?? 'missing'}, not ${MOTO_VERSION}`);
  return (pythonCache = venv);
}

/** Runs `fn` holding a directory lock (mkdir is atomic); breaks a lock older than `staleMs`. */
async function withDirLock(lock: string, staleMs: number, fn: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + staleMs;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw e;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// The environment of every child that talks to the emulator
// ---------------------------------------------------------------------------

/** A loopback port nothing listens on: a request sent through it is refused at once. */
export const REFUSING_PROXY = 'http://127.0.0.1:1';

/**
 * `base` without the caller's AWS settings (credentials, profile, region, endpoints) or
 * proxies, plus fake credentials, AWS_ENDPOINT_URL and a proxy that refuses every
 * non-loopback request (Go's and Python's HTTP clients never proxy 127.0.0.1).
 */
export function emulatorEnv(endpoint: string, base: NodeJS.ProcessEnv = process.env, region = EMULATOR_REGION): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (/^AWS_/i.test(name) || /^(https?|all|no)_proxy$/i.test(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ENDPOINT_URL: endpoint,
    AWS_CONFIG_FILE: os.devNull,
    AWS_SHARED_CREDENTIALS_FILE: os.devNull,
    AWS_EC2_METADATA_DISABLED: 'true',
    HTTP_PROXY: REFUSING_PROXY,
    HTTPS_PROXY: REFUSING_PROXY,
    ALL_PROXY: REFUSING_PROXY,
    NO_PROXY: '127.0.0.1',
  };
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** The server's request log (one line per request), for failure messages. */
  readonly logFile: string;
  /** With `requestLog`: the file of the server's JSON request lines (see requests()). */
  readonly requestLogFile?: string;
  /** With `requestLog`: every request the server has answered so far, oldest first. */
  requests(): MotoRequest[];
  /** Empties every service's state. */
  reset(): Promise<void>;
  /** Runs a command of test/support/moto-lab.py (boto3, in `region`) and returns its JSON. */
  lab(command: string, args: Record<string, unknown>, region?: string): Promise<any>;
  /** Kills the server's process group and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

/** One request moto's server answered, as moto-server.py logs it. */
export interface MotoRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** The SigV4 signing name (`s3`, `kms`, `sts`, `iam`), or `moto-api`; null when unsigned. */
  readonly service: string | null;
  /** The operation: from X-Amz-Target or Action, or for S3 from method, path and subresource. */
  readonly action: string | null;
  readonly region: string | null;
  /** The HTTP status (500 when moto raised). */
  readonly status: number | null;
  /** The exception moto raised, `AttributeError: ...`. */
  readonly error?: string;
}

export interface StartMotoOptions {
  /** Log every request to `<logDir>/moto-requests.jsonl` (MOTO_REQUEST_LOG), for requests(). Off by default. */
  readonly requestLog?: boolean;
}

const started = new Set<ChildProcess>();
// Should the test process end without afterAll (a crash), the servers and children go with it.
process.on('exit', () => {
  started.forEach((child) => killGroup(child, 'SIGKILL'));
  killRunning();
});

/** Starts moto's server on 127.0.0.1 and resolves once it answers. */
export async function startMoto(logDir: string, opts: StartMotoOptions = {}): Promise<MotoServer> {
  const python = await motoPython();
  const logFile = path.join(logDir, 'moto.log');
  const requestLogFile = opts.requestLog ? path.join(logDir, 'moto-requests.jsonl') : undefined;
  const log = fs.openSync(logFile, 'a');
  if (requestLogFile) fs.writeFileSync(requestLogFile, '');
  // The server gets the same isolation as its clients.
  const serverEnv = { ...emulatorEnv(REFUSING_PROXY), ...(requestLogFile ? { MOTO_REQUEST_LOG: requestLogFile } : {}) };
  const child = spawn(python, [SERVER_SCRIPT], { detached: true, stdio: ['pipe', 'pipe', log], env: serverEnv });
  fs.closeSync(log);
  started.add(child);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.stdin!.end();
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    started.delete(child);
  };
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`moto did not start within 60 s; see ${logFile}`)), 60_000);
      child.stdout!.on('data', (b: Buffer) => {
        text += b.toString('utf8');
        const line = text.split('\n').find((l) => l.startsWith('{'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line).port);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`moto exited (${code}) before it listened:\n${tail(fs.readFileSync(logFile, 'utf8'))}`));
      });
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const server: MotoServer = {
      endpoint,
      logFile,
      requestLogFile,
      requests: () => {
        if (!requestLogFile) throw new Error('startMoto was not asked for a request log ({ requestLog: true })');
        if (!fs.existsSync(requestLogFile)) return [];
        return fs.readFileSync(requestLogFile, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
      },
      reset: async () => {
        const status = await post(`${endpoint}/moto-api/reset`);
        if (status !== 200) throw new Error(`moto reset answered ${status}`);
      },
      lab: async (command, args, region) => {
        const env = emulatorEnv(endpoint, process.env, region);
        const res = await run(python, [LAB_SCRIPT, command, JSON.stringify(args)], { env, timeoutMs: 120_000 });
        return JSON.parse(res.stdout);
      },
      stop,
    };
    // Answering its own API is the readiness check.
    await server.reset();
    return server;
  } catch (e) {
    await stop();
    throw e;
  }
}

function post(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within 30 s`)));
    req.on('error', reject);
    req.end();
  });
}
