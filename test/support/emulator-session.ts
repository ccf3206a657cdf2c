/**
 * Test support: one moto server and one work directory per deploy-tier test file.
 *
 * Both start with the first test that asks for them, not in beforeAll: jest starts
 * concurrent tests before beforeAll hooks finish. After the file's tests, the server is
 * stopped, any child process still running is killed, and the work directory is removed
 * (kept with KEEP_TF_TEST_DIRS=1).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { killRunning, MotoServer, startMoto } from './moto';

export interface EmulatorSession {
  /** The file's work directory. */
  work(): string;
  /** The file's moto server; a first run may install moto into node_modules/.cache/moto-venv. */
  emulator(): Promise<MotoServer>;
}

/** Call once, at the top level of a test file: it registers the file's afterAll clean-up. */
export function emulatorSession(prefix: string): EmulatorSession {
  let workDir: string | undefined;
  let starting: Promise<MotoServer> | undefined;
  const work = () => {
    workDir ??= fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return workDir;
  };
  afterAll(async () => {
    killRunning();
    await (await starting?.catch(() => undefined))?.stop();
    if (workDir && process.env.KEEP_TF_TEST_DIRS !== '1') fs.rmSync(workDir, { recursive: true, force: true });
  });
  return {
    work,
    emulator: () => {
      starting ??= startMoto(work());
      return starting;
    },
  };
}
