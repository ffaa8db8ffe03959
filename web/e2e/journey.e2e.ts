// The whole journey of the issue on a fresh database, as people do it in the browser:
// an admin signs in, creates a project, puts a colleague on the team, builds a BOM by hand and
// from a spreadsheet, searches, and a client's user signs in and sees no costs.
// (Permits, transports, tasks, the board and files have their own end-to-end files.)
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, apiLogin } from './support/api';
import { expectNoAccessibilityProblems, signIn } from './support/app';
import { accessibilityProblems, close, launch, newContext, screenshot, watchConsole } from './support/browser';
import { ADMIN, startServer, type Server } from './support/server';

let server: Server;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let errors: string[];
let projectUrl = '';
let adminToken = '';
const clientPassword = 'Kunde-sieht-keine-Kosten-1';

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  admin = await newContext(browser, { locale: 'en-GB' });
  page = await admin.newPage();
  errors = watchConsole(page);
  adminToken = await apiLogin(server.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await close(browser);
  await server?.stop();
});

function sheet(name: string, text: string): string {
  const path = join(tmpdir(), `${Date.now()}-${name}`);
  writeFileSync(path, text);
  return path;
}

describe.sequential('an admin plans a production', () => {
  test('signs in and creates a project with a client', async () => {
    await apiCall(server.url, adminToken, 'POST', '/clients', { name: 'Nordlicht Kultur e.V.' });
    await signIn(page, server.url, ADMIN);
    await page.getByRole('link', { name: 'Projects' }).click();
    await expect.poll(() => page.getByText('No projects yet').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'New project' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Rheinwiesen Open Air');
    // Dates are typed the way people write them; the form refuses an end before the start,
    // next to the field, before asking the server.
    await dialog.getByLabel('Start').fill('10/06/2027');
    await dialog.getByLabel('End').fill('08/06/2027');
    await dialog.getByLabel('Venue').click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => dialog.getByText('The end is before the start.').isVisible()).toBe(true);
    await dialog.getByLabel('End').fill('12/06/2027');
    await dialog.getByLabel('Venue').fill('Rheinwiesen Oberkassel');
    await dialog.getByRole('textbox', { name: 'Client' }).click();
    await page.getByRole('option', { name: 'Nordlicht Kultur e.V.' }).click();
    await dialog.getByLabel('Budget').fill('250,000.00');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Rheinwiesen Open Air');
    await expect.poll(() => page.getByTestId('overview-costs').textContent()).toContain('€250,000.00');
  });

  test('moves the status on with an explicit action that offers only the allowed moves', async () => {
    await page.getByRole('button', { name: 'Change status' }).click();
    const options = await page.getByRole('menuitem').allTextContents();
    expect(options).toEqual(['To “Confirmed”', 'To “Cancelled”']);
    await page.getByRole('menuitem', { name: 'To “Confirmed”' }).click();
    await expect.poll(() => page.getByText('Status is now “Confirmed”').isVisible()).toBe(true);
  });

  test('puts a colleague on the team', async () => {
    await apiCall(server.url, adminToken, 'POST', '/users', {
      email: 'lukas@example.com',
      first_name: 'Lukas',
      last_name: 'Wagner',
      role: 'member',
      password: 'Lichtpult-Lukas-2026',
    });
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.getByRole('textbox', { name: 'Person' }).fill('Luk');
    await page.getByRole('option', { name: /Lukas Wagner/ }).click();
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => page.getByTestId('member-row').count()).toBe(2);
    await expectNoAccessibilityProblems(await accessibilityProblems(page), 'team tab');
  });

  test('builds a bill of materials by hand: rollups follow every edit', async () => {
    await page.getByRole('tab', { name: 'Materials' }).click();
    await expect.poll(() => page.getByText('No materials yet').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Add line' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Main stage');
    await dialog.getByLabel('Unit price').fill('1,000.00');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('bom-row').first().waitFor();

    await page.getByRole('button', { name: 'Actions for “Main stage”' }).click();
    await page.getByRole('menuitem', { name: 'Add sub-line' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Line array speaker');
    await dialog.getByLabel('Quantity').fill('8');
    await dialog.getByLabel('Unit price').fill('120.50');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByTestId('bom-row').count()).toBe(2);
    const stageRollup = page.getByTestId('bom-row').first().getByTestId('bom-rollup');
    await expect.poll(() => stageRollup.textContent()).toBe('€1,964.00');

    // Inline edit: the quantity becomes 10, the parent's rollup follows.
    await page.getByRole('button', { name: 'Edit Quantity of “Line array speaker”' }).click();
    const input = page.getByRole('textbox', { name: 'Edit Quantity of “Line array speaker”' });
    await input.fill('10');
    await input.press('Enter');
    await expect.poll(() => stageRollup.textContent()).toBe('€2,205.00');
    // And the server agrees after a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId('bom-row').first().getByTestId('bom-rollup').textContent()).toBe('€2,205.00');
    await screenshot(page, 'journey-en-desktop-bom');
    await expectNoAccessibilityProblems(await accessibilityProblems(page), 'BOM tab');
  });

  test('imports a spreadsheet: the check lists every bad row, a clean file imports', async () => {
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles(
      sheet('bad.csv', 'Name,Quantity,Unit price\nTruss 3m,12,85.50\nMotor hoist,-2,40\n,1,5\n'),
    );
    await expect.poll(() => dialog.getByTestId('bom-import-errors').isVisible()).toBe(true);
    const rows = await dialog.getByRole('row').allTextContents();
    expect(rows.some((r) => r.startsWith('3') && r.includes('Quantity'))).toBe(true);
    expect(rows.some((r) => r.startsWith('4'))).toBe(true);
    expect(await dialog.getByRole('button', { name: /^Import \d+ lines$/ }).isDisabled()).toBe(true);

    await dialog.locator('input[type=file]').setInputFiles(
      sheet('good.csv', 'Name,Quantity,Unit price,Category\nTruss 3m,12,85.50,Rigging\nMotor hoist,4,40,Rigging\n'),
    );
    await expect.poll(() => dialog.getByTestId('bom-import-valid').textContent()).toContain('2 lines');
    await dialog.getByRole('button', { name: 'Import 2 lines' }).click();
    // Main stage (collapsed since the reload) and the two imported lines.
    await expect.poll(() => page.getByTestId('bom-row').count()).toBe(3);
    await expect.poll(() => page.getByText('Total: €3,391.00', { exact: false }).isVisible()).toBe(true);
  });

  test('drags a line onto another to make it a sub-line; the rollup follows', async () => {
    const handle = page.getByRole('button', { name: 'Drag “Motor hoist”' });
    const target = page.getByTestId('bom-row').filter({ hasText: 'Main stage' });
    const from = await handle.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('the handle and the target row must be on screen');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Past the 6 px activation distance, then onto the middle of the target row.
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 12, { steps: 4 });
    await page.mouse.move(to.x + to.width / 3, to.y + to.height / 2, { steps: 12 });
    await expect.poll(() => target.getAttribute('data-over')).toBe('true');
    await page.mouse.up();
    // Main stage now holds the hoists, opened to show them: its rollup grows by 4 × €40.00.
    await expect.poll(() => target.getByTestId('bom-rollup').textContent()).toBe('€2,365.00');
    const hoist = page.getByTestId('bom-row').filter({ hasText: 'Motor hoist' });
    await expect.poll(() => hoist.getAttribute('aria-level')).toBe('2');
    await expect.poll(() => page.getByTestId('bom-row').count()).toBe(4);
  });

  test('exports the BOM as a spreadsheet', async () => {
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const text = (await import('node:fs')).readFileSync(path, 'utf8');
    expect(text).toContain('Motor hoist');
  });

  test('uploads several files with progress, previews an image, renames a file', async () => {
    await page.goto(`${projectUrl}/files`);
    await expect.poll(() => page.getByText('No files yet.').isVisible()).toBe(true);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await page.getByTestId('file-dropzone').locator('input[type=file]').setInputFiles([
      { name: 'Site plan.png', mimeType: 'image/png', buffer: png },
      { name: 'Safety concept.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await expect.poll(() => page.getByTestId('file-row').count()).toBe(2);
    await page.getByRole('button', { name: 'Preview of “Site plan.png”' }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('img', { name: 'Site plan.png' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Actions: Safety concept.pdf' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByRole('dialog').getByLabel('New name for “Safety concept.pdf”').fill('Safety concept v2.pdf');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Safety concept v2.pdf').isVisible()).toBe(true);
    await screenshot(page, 'journey-en-desktop-files');
    await expectNoAccessibilityProblems(await accessibilityProblems(page), 'files tab');
  });

  test('finds a line with Ctrl+K and lands on it', async () => {
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: /Search projects, materials/ }).fill('motor ho');
    await page.getByTestId('search-result').filter({ hasText: 'Motor hoist' }).first().click();
    await page.waitForURL(/\/bom\?focus=/);
    await expect.poll(() => page.locator('[data-focused]').textContent()).toContain('Motor hoist');
    expect(errors).toEqual([]);
  });

  test('the dashboard shows the production, its budget and what changed, each linked', async () => {
    await page.goto(`${server.url}/`);
    const projects = page.getByTestId('dashboard-projects');
    await expect.poll(() => projects.textContent()).toContain('Rheinwiesen Open Air');
    await page.getByTestId('dashboard-budget').waitFor();
    const recent = page.getByTestId('dashboard-recent');
    // The latest change is the file just renamed: named as it is now, linked to its tab.
    const first = recent.getByRole('link').first();
    await expect.poll(() => first.textContent()).toBe('Safety concept v2.pdf');
    expect(await recent.textContent()).toContain('File Safety concept v2.pdf changed');
    await first.click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/files$/);
    // Only the files tab has the file's actions button; its name alone is also in the feed,
    // which may still be on the page while the URL has already changed.
    await page.getByRole('button', { name: 'Actions: Safety concept v2.pdf' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe.sequential("the client's user", () => {
  test('signs in and sees the project without any cost', async () => {
    const clients = await apiCall<{ items: { id: string }[] }>(server.url, adminToken, 'GET', '/clients');
    await apiCall(server.url, adminToken, 'POST', '/users', {
      email: 'petra@nordlicht.example',
      first_name: 'Petra',
      last_name: 'Lang',
      role: 'client',
      password: clientPassword,
      client_id: clients.items[0]?.id,
    });
    const context = await newContext(browser, { locale: 'de-DE' });
    const client = await context.newPage();
    const clientErrors = watchConsole(client);
    await signIn(client, server.url, { email: 'petra@nordlicht.example', password: clientPassword });
    await client.goto(`${server.url}/projects`);
    await client.getByRole('link', { name: 'Rheinwiesen Open Air' }).click();
    await client.getByTestId('overview-tasks').waitFor();
    const page = await client.content();
    expect(page).not.toContain('Budget');
    expect(page).not.toContain('€');
    // Files not shared with the client stay invisible to them.
    await client.getByRole('tab', { name: 'Dateien' }).click();
    await expect.poll(() => client.getByText('Noch keine Dateien.').isVisible()).toBe(true);
    await client.getByRole('tab', { name: 'Material' }).click();
    await client.getByTestId('bom-row').first().waitFor();
    const bom = await client.getByTestId('bom-grid').textContent();
    expect(bom).toContain('Main stage');
    expect(bom).not.toContain('€');
    expect(await client.getByRole('button', { name: 'Position hinzufügen' }).count()).toBe(0);
    await screenshot(client, 'journey-de-desktop-client-bom');
    expect(clientErrors).toEqual([]);
    await context.close();
    expect(projectUrl).not.toBe('');
  });
});
