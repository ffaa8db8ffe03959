// A BOM of 2,000 lines stays usable: the tree grid is virtualized (only the lines in view are
// in the page), expanding everything and scrolling to the last line works.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiCall, apiLogin } from './support/api';
import { signIn } from './support/app';
import { close, launch, newContext, screenshot } from './support/browser';
import { ADMIN, startServer, type Server } from './support/server';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});

afterAll(async () => {
  await close(browser);
  await server?.stop();
});

test('2,000 BOM lines: virtualized rows, expand all, scroll to the end', async () => {
  const token = await apiLogin(server.url, ADMIN.email, ADMIN.password);
  const project = await apiCall<{ id: string }>(server.url, token, 'POST', '/projects', {
    name: 'Large fair stand',
    start_date: '2027-03-01',
    end_date: '2027-03-05',
  });
  const lines = ['Level,Name,Quantity,Unit price,Category'];
  for (let group = 1; group <= 200; group += 1) {
    lines.push(`1,Group ${group},1,0,Hall ${group % 7}`);
    for (let item = 1; item <= 9; item += 1) lines.push(`2,Item ${group}.${item},${item},${(item * 3.1).toFixed(2)},Hall ${group % 7}`);
  }
  const form = new FormData();
  form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'large.csv');
  const imported = await fetch(`${server.url}/api/v1/projects/${project.id}/bom-items/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  expect(imported.status, await imported.clone().text()).toBe(201);

  const page = await (await newContext(browser)).newPage();
  await signIn(page, server.url, ADMIN);
  await page.goto(`${server.url}/projects/${project.id}/bom`);
  await page.getByTestId('bom-row').first().waitFor();
  await page.getByRole('button', { name: 'Expand all' }).click();
  const grid = page.getByTestId('bom-grid');
  await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe('2001');
  // Only what is in view (plus a margin) is rendered.
  const rendered = await page.getByTestId('bom-row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect.poll(() => page.getByTestId('bom-row').filter({ hasText: 'Item 200.9' }).count()).toBe(1);
  await screenshot(page, 'bom-2000-lines-end');
});
