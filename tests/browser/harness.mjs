// What the browser tests share: the paths from the environment, a real caravan-searchd on a
// loopback port it picks, and Debian's headless Chromium (a new empty profile per launch).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../..');
export const SEARCHD = process.env.CARAVAN_SEARCHD || path.join(REPO, 'build/searchd/caravan-searchd');
export const INDEX = process.env.CARAVAN_TEST_INDEX || path.join(REPO, 'build/demo-index');
export const WEB = process.env.CARAVAN_WEB || path.join(REPO, 'web');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Starts searchd on 127.0.0.1:0 serving WEB and `index` (default INDEX); resolves to
// {base: 'http://127.0.0.1:PORT/', process, log()}.
export function startSearchd(extraArgs = [], { index = INDEX } = {}) {
  const args = ['--index', index, '--web', WEB, '--listen', '127.0.0.1:0', ...extraArgs];
  if (process.env.CARAVAN_GAZETTEERS) args.push('--gazetteers', process.env.CARAVAN_GAZETTEERS);
  if (process.env.CARAVAN_STOPWORDS) args.push('--stopwords', process.env.CARAVAN_STOPWORDS);
  const server = spawn(SEARCHD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`searchd did not report its port in 10 s:\n${out}${log}`)), 10_000);
    server.on('error', (err) => { clearTimeout(timer); reject(err); });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`searchd exited with ${code}:\n${log}`)); });
    server.stdout.on('data', (d) => {
      out += d;
      const firstLine = out.split('\n')[0];
      const m = /https?:\/\/[^\s/]+:(\d+)\//.exec(firstLine);
      if (m) { clearTimeout(timer); resolve({ base: `http://127.0.0.1:${m[1]}/`, process: server, log: () => log }); }
    });
  });
}

export async function stopSearchd(server) {
  const proc = server?.process;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
