#!/usr/bin/env node
// Web app figures, measured in Debian's Chromium against a running release build:
//   1. JavaScript the first page loads (gzipped bytes on the wire) — target < 300 KB;
//   2. time from navigation to an interactive login form, and to the rendered dashboard after
//      signing in (median and p95 of 10 cold loads) — target < 1 s;
//   3. scrolling a 2,000-line BOM tree: frame times while the tree scrolls top to bottom.
//
//   cargo build --release --bin eventmgr
//   node bench/web/ui-bench.mjs            # starts target/release/eventmgr on a fresh database
//   EVENTMGR_BIN=/path/to/eventmgr node bench/web/ui-bench.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = process.env.EVENTMGR_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'release', 'eventmgr');
const email = 'bench@example.com';
const password = 'Bench-Password-2026!';
const runs = Number(process.env.RUNS ?? 10);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const dataDir = mkdtempSync(join(tmpdir(), 'eventmgr-ui-bench-'));
const created = spawnSync(bin, ['--data-dir', dataDir, 'users', 'create', '--email', email, '--name', 'Bench User', '--role', 'admin', '--password-stdin'], {
  input: `${password}\n`,
  encoding: 'utf8',
});
if (created.status !== 0) {
  console.error(`could not create the user with ${bin}: ${created.stderr}`);
  process.exit(1);
}
const server = spawn(bin, ['--data-dir', dataDir, '--listen', '127.0.0.1:0', 'serve'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = out.match(/serving on (http:\/\/\S+)/);
    if (match) resolve(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`eventmgr exited with ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

try {
  // 1 + 2: cold loads (a new context each time: empty cache, no stored session).
  const loginTimes = [];
  const dashboardTimes = [];
  let scriptBytes = 0;
  let scriptFiles = 0;
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const scripts = new Map();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') {
        const sizes = await response.request().sizes().catch(() => null);
        if (sizes) scripts.set(response.url(), sizes.responseBodySize + sizes.responseHeadersSize);
      }
    });
    const started = Date.now();
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').waitFor({ state: 'visible' });
    await page.getByLabel('Email').fill(email);
    loginTimes.push(Date.now() - started);
    if (run === 0) {
      scriptBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
      scriptFiles = scripts.size;
    }
    await page.getByLabel('Password').fill(password);
    const signedIn = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /Hello/ }).waitFor();
    await page.getByTestId('dashboard-projects').waitFor();
    dashboardTimes.push(Date.now() - signedIn);
    await context.close();
  }

  // 3: a 2,000-line BOM, scrolled top to bottom while frames are timed.
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const { access_token: token } = await login.json();
  const projectResponse = await fetch(`${base}/api/v1/projects`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Bench BOM', start_date: '2027-03-01', end_date: '2027-03-05' }),
  });
  const project = await projectResponse.json();
  const lines = ['Level,Name,Quantity,Unit price,Category'];
  for (let g = 1; g <= 200; g += 1) {
    lines.push(`1,Group ${g},1,0,Hall ${g % 7}`);
    for (let i = 1; i <= 9; i += 1) lines.push(`2,Item ${g}.${i},${i},${(i * 3.1).toFixed(2)},Hall ${g % 7}`);
  }
  const form = new FormData();
  form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'bench.csv');
  await fetch(`${base}/api/v1/projects/${project.id}/bom-items/import`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('dashboard-projects').waitFor();
  const openStarted = Date.now();
  await page.goto(`${base}/projects/${project.id}/bom`);
  await page.getByTestId('bom-row').first().waitFor();
  const bomOpen = Date.now() - openStarted;
  await page.getByRole('button', { name: 'Expand all' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=bom-grid]')?.getAttribute('aria-rowcount') === '2001');
  const frames = await page.evaluate(async () => {
    const grid = document.querySelector('[data-testid=bom-grid]');
    const deltas = [];
    let last = performance.now();
    const end = grid.scrollHeight - grid.clientHeight;
    for (let top = 0; top <= end; top += 120) {
      grid.scrollTop = top;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    return deltas;
  });
  const rendered = await page.getByTestId('bom-row').count();
  // The browser's own floor on this machine: frames while idle, and scrolling a plain list of
  // 2,000 static rows (no React, no virtualization) the same way.
  const floor = await page.evaluate(async () => {
    const idle = [];
    let last = performance.now();
    for (let i = 0; i < 60; i += 1) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      idle.push(now - last);
      last = now;
    }
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed;inset:0;overflow:auto;background:#fff;z-index:9999;font:14px sans-serif';
    box.innerHTML = Array.from({ length: 2000 }, (_, i) => `<div style="height:34px;border-bottom:1px solid #ddd;display:flex;gap:16px"><span>Item ${i}</span><span>${i * 3}.10</span><span>Hall ${i % 7}</span></div>`).join('');
    document.body.appendChild(box);
    const plain = [];
    last = performance.now();
    for (let top = 0; top <= box.scrollHeight - box.clientHeight; top += 120) {
      box.scrollTop = top;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      plain.push(now - last);
      last = now;
    }
    box.remove();
    return { idle, plain };
  });
  await context.close();

  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log('Event Manager web app — measured in Chromium against', bin);
  console.log(`  first page JavaScript: ${(scriptBytes / 1024).toFixed(1)} KB on the wire (gzip) in ${scriptFiles} files   [target < 300 KB]`);
  console.log(`  login form interactive (cold): median ${ms(percentile(loginTimes, 50))}, p95 ${ms(percentile(loginTimes, 95))} over ${runs} loads   [target < 1 s]`);
  console.log(`  sign-in to rendered dashboard:  median ${ms(percentile(dashboardTimes, 50))}, p95 ${ms(percentile(dashboardTimes, 95))}`);
  console.log(`  BOM 2,000 lines: tab open ${ms(bomOpen)}; scrolled in ${frames.length} steps of 120 px, frame time median ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms; ${rendered} rows in the page`);
  console.log(`  this browser's floor: idle frame median ${percentile(floor.idle, 50).toFixed(1)} ms; a plain 2,000-row list scrolled the same way: median ${percentile(floor.plain, 50).toFixed(1)} ms, p95 ${percentile(floor.plain, 95).toFixed(1)} ms`);
  console.log('  reproduce: cargo build --release --bin eventmgr && node bench/web/ui-bench.mjs');
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
