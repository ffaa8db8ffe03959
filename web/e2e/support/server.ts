// Starts the real `eventmgr` binary for a test file: a fresh data folder (SQLite), a free
// port, and either one admin account or the demo company. Nothing is mocked.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Login {
  email: string;
  role: string;
  password: string;
  name: string;
}

export interface Server {
  url: string;
  dataDir: string;
  /** Logins: the admin for a fresh server, the demo's people for a demo server. */
  logins: Login[];
  stop(): Promise<void>;
}

export const ADMIN: Login = {
  email: 'ada.admin@example.com',
  role: 'admin',
  password: 'Bühnenaufbau-2026!',
  name: 'Ada Admin',
};

/** The binary under test: `EVENTMGR_BIN`, else Cargo's debug build. */
export function binary(): string {
  if (process.env.EVENTMGR_BIN) return resolve(process.env.EVENTMGR_BIN);
  const target = process.env.CARGO_TARGET_DIR ?? fileURLToPath(new URL('../../../target', import.meta.url));
  const path = join(target, 'debug', 'eventmgr');
  if (!existsSync(path)) {
    throw new Error(`no eventmgr binary at ${path}: run \`cargo build --bin eventmgr\` or set EVENTMGR_BIN`);
  }
  return path;
}

function run(args: string[], input?: string): string {
  const result = spawnSync(binary(), args, { input, encoding: 'utf8', env: { ...process.env, RUST_LOG: 'warn' } });
  if (result.status !== 0) {
    throw new Error(`eventmgr ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

export async function startServer(options: { demo?: boolean } = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventmgr-e2e-'));
  const common = ['--data-dir', dataDir];
  let logins: Login[];
  if (options.demo) {
    const out = run([...common, 'demo']);
    logins = out
      .split('\n')
      .map((line) => line.trim().match(/^(\S+@\S+)\s+(\S+)\s+(\S+)\s+(.+)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => ({ email: m[1] ?? '', role: m[2] ?? '', password: m[3] ?? '', name: m[4] ?? '' }));
    if (logins.length === 0) throw new Error(`the demo printed no logins:\n${out}`);
  } else {
    run(
      [...common, 'users', 'create', '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'admin', '--password-stdin'],
      `${ADMIN.password}\n`,
    );
    logins = [ADMIN];
  }
  const child: ChildProcess = spawn(binary(), [...common, '--listen', '127.0.0.1:0', 'serve'], {
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`eventmgr did not start:\n${stdout}\n${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = stdout.match(/serving on (http:\/\/[^\s]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`eventmgr exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
  return {
    url,
    dataDir,
    logins,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((done) => child.once('exit', done));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
