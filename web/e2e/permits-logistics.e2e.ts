// Permits and logistics of a production, on the demo company: a project manager adds a permit
// and walks it through its statuses (with a 422 at the field, a risk, a 412), adds a transport
// and finds it on the timeline on its day; a viewer sees no edit actions; the client's user sees
// no costs. Screenshots and axe for both tabs, table and timeline, in English and German, on a
// desktop and a phone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiCall, apiLogin } from './support/api';
import { expectNoAccessibilityProblems, signIn } from './support/app';
import { accessibilityProblems, close, DESKTOP, launch, newContext, PHONE, screenshot, watchConsole } from './support/browser';
import { startServer, type Login, type Server } from './support/server';

interface ProjectOut {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
  build_up_date?: string | null;
  dismantle_date?: string | null;
  version: number;
}

interface PermitOut {
  id: string;
  name: string;
  version: number;
  status: string;
  application_date: string | null;
  approval_date: string | null;
}

let server: Server;
let browser: Browser;
let adminToken = '';
let festival: ProjectOut;
let stand: ProjectOut;
const ZONE = 'Europe/Berlin';
const PERMIT = 'Stage platform inspection (E2E)';
const TRANSPORT = 'Stage risers, 24 decks (E2E)';
const CARRYING = 'Rigging truss and corners (E2E)';
const TRUSS = 'Truss Prolyte H40V';
const CORNERS = 'Truss-Ecken & Verbinder H40V';

beforeAll(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
  const admin = login('admin');
  adminToken = await apiLogin(server.url, admin.email, admin.password);
  const projects = await apiCall<{ items: ProjectOut[] }>(server.url, adminToken, 'GET', '/projects?limit=50');
  const find = (prefix: string) => {
    const found = projects.items.find((p) => p.name.startsWith(prefix));
    if (!found) throw new Error(`the demo has no project ${prefix}`);
    return found;
  };
  festival = find('Rheinwiesen Open Air');
  stand = find('Helix Medical');
  // The client's project gets a permit and a transport with costs, which its user must not see.
  await apiCall(server.url, adminToken, 'POST', `/projects/${stand.id}/permits`, {
    name: 'Standbaugenehmigung Halle 12',
    permit_type: 'TEMPORARY_STRUCTURE',
    cost: '123.45',
  });
  await apiCall(server.url, adminToken, 'POST', `/projects/${stand.id}/logistics`, {
    logistics_type: 'DELIVERY',
    description: 'Standbau-Material, 2 Sattelzüge',
    scheduled_at: `${stand.build_up_date ?? stand.start_date}T06:00:00Z`,
    status: 'SCHEDULED',
    cost: '678.90',
  });
});

afterAll(async () => {
  await close(browser);
  await server?.stop();
});

function login(role: string, email?: string): Login {
  const found = server.logins.find((l) => l.role === role && (!email || l.email.startsWith(email)));
  if (!found) throw new Error(`the demo has no ${role} ${email ?? ''}`);
  return found;
}

/** A calendar day counted from today in Berlin (the browser's zone). */
function day(offset: number, from?: string): string {
  const base = from ?? new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  const [y, m, d] = base.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + offset)).toISOString().slice(0, 10);
}

/** `2027-05-25` → `25 May 2027`, the name of the day's button in the calendar. */
function dayName(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** Types a date into a date field the way a person in England writes it, then leaves the field. */
async function typeDate(field: Locator, date: string) {
  const [y, m, d] = date.split('-');
  await field.fill(`${d}/${m}/${y}`);
  await field.press('Tab');
}

/** Opens a date-and-time picker's calendar (showing `opensOn`'s month), goes to `date`'s month and picks it. */
async function pickDate(page: Page, field: Locator, date: string, opensOn: string) {
  await field.click();
  const target = page.getByRole('button', { name: dayName(date), exact: true });
  const step = date.slice(0, 7) < opensOn.slice(0, 7) ? 'Previous month' : 'Next month';
  // The month grid is there once its header is (the dropdown fades in).
  await page.getByRole('button', { name: step, exact: true }).waitFor();
  for (let i = 0; i < 24 && !(await target.isVisible()); i += 1) {
    await page.getByRole('button', { name: step, exact: true }).click();
  }
  await target.click();
}

describe.sequential('a project manager on the festival', () => {
  test('adds a permit, sees the 422 at its field, walks it through its statuses and sees its risk', async () => {
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, login('project_manager', 'jonas'));
    await page.goto(`${server.url}/projects/${festival.id}/permits`);
    await page.getByTestId('permit-row').first().waitFor();

    // The summary line counts by status and names the risks; risky rows stand out.
    await expect.poll(() => page.getByTestId('permit-summary').textContent()).toMatch(/^11 permits.*\d+ at risk$/);
    const rejected = page.locator('[data-testid="permit-row"][data-risk="REJECTED"]');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.getByTestId('risk-badge').textContent()).toMatch(/^New application needed: Rejected – /);
    expect(await page.locator('[data-testid="permit-row"][data-risk="EXPIRES_EARLY"]').count()).toBeGreaterThan(0);

    // Filters: only rejected permits, then all again.
    await page.getByRole('textbox', { name: 'Status' }).click({ force: true });
    await page.getByRole('option', { name: 'Rejected' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('permit-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('permit-row').count()).toBe(11);

    await page.getByRole('button', { name: 'New permit' }).click();
    const dialog = page.getByRole('dialog', { name: 'New permit' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(PERMIT);
    await dialog.getByRole('textbox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Temporary structure' }).click();
    await dialog.getByRole('textbox', { name: 'Authority' }).fill('Bauaufsichtsamt Düsseldorf');
    await dialog.getByRole('textbox', { name: 'Reference number' }).fill('63-FB-2027/0815');
    await typeDate(dialog.getByRole('textbox', { name: 'Applied on' }), day(0));
    // Valid until two days before the application: the server refuses, next to the field.
    await typeDate(dialog.getByRole('textbox', { name: 'Valid until' }), day(-2));
    await dialog.getByRole('textbox', { name: 'Fee' }).fill('450.00');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const expiry = dialog.getByRole('textbox', { name: 'Valid until' });
    await expect.poll(() => expiry.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await expiry.getAttribute('aria-describedby')) ?? '';
    const message = await page.locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('error'))}"]`).textContent();
    expect(message).toBe('The expiry date must be after the approval date (or the application date).');
    // The input is still there; a later expiry date is accepted.
    expect(await dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(PERMIT);
    await typeDate(expiry, day(1));
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('permit-row').filter({ hasText: PERMIT });
    await row.waitFor();
    expect(await row.textContent()).toContain('€450.00');
    // Valid only until tomorrow, the festival ends months later: a risk.
    expect(await row.getAttribute('data-risk')).toBe('EXPIRES_EARLY');
    const risk = row.getByTestId('risk-badge');
    // The reason is read out with the badge and shown as its tooltip.
    expect(await risk.textContent()).toMatch(/^Expires too early: Expires on .* – before the event ends on /);
    await risk.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/^Expires on .* – before the event ends on /);
    await expect.poll(() => page.getByTestId('permit-summary').textContent()).toMatch(/^12 permits/);

    // Status moves offer exactly what the server allows.
    const statusMenu = page.getByRole('button', { name: `Change status: ${PERMIT}` });
    const moveTo = async (expected: string[], pick: string, status: string) => {
      await statusMenu.click();
      expect(await page.getByRole('menuitem').allTextContents()).toEqual(expected);
      await page.getByRole('menuitem', { name: pick }).click();
      await expect.poll(() => row.textContent()).toContain(status);
    };
    await moveTo(['Mark as submitted'], 'Mark as submitted', 'Submitted');
    await moveTo(['Mark as approved', 'Mark as rejected', 'Authority needs more info'], 'Authority needs more info', 'Needs info');
    await moveTo(['Mark as resubmitted'], 'Mark as resubmitted', 'Submitted');

    // Someone else changes the permit meanwhile: the move is refused with an explanation, and
    // after the refresh it goes through.
    const permits = await apiCall<{ items: PermitOut[] }>(
      server.url,
      adminToken,
      'GET',
      `/projects/${festival.id}/permits?q=${encodeURIComponent('E2E')}`,
    );
    const mine = permits.items[0];
    if (!mine) throw new Error('the new permit is not in the list');
    await fetch(`${server.url}/api/v1/permits/${mine.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', 'If-Match': `"${mine.version}"` },
      body: JSON.stringify({ notes: 'Ortstermin am Montag' }),
    });
    await statusMenu.click();
    await page.getByRole('menuitem', { name: 'Mark as approved' }).click();
    await expect.poll(() => page.getByText('Someone else changed this in the meantime', { exact: false }).isVisible()).toBe(true);
    await moveTo(['Mark as approved', 'Mark as rejected', 'Authority needs more info'], 'Mark as approved', 'Approved');
    // The approval is dated with the user's day (Berlin), not the server's UTC one: between
    // 23:00 and 24:00 UTC they differ, and a UTC stamp would precede the application.
    const approved = await apiCall<PermitOut>(server.url, adminToken, 'GET', `/permits/${mine.id}`);
    expect([approved.application_date, approved.approval_date]).toEqual([day(0), day(0)]);
    // A decision is final: no status action left.
    await expect.poll(() => statusMenu.count()).toBe(0);
    expect(await row.getAttribute('data-risk')).toBe('EXPIRES_EARLY');

    // Deleting asks first.
    await page.getByRole('button', { name: 'Delete: Temporärer Campingplatz' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete: Temporärer Campingplatz' });
    expect(await confirm.textContent()).toContain('This cannot be undone.');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('permit-row').filter({ hasText: 'Temporärer Campingplatz' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('permit-summary').textContent()).toMatch(/^11 permits/);

    expect(errors).toEqual([]);
    await context.close();
  });

  test('adds a transport with a date and time and finds it in the table and on the timeline', async () => {
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, login('project_manager', 'jonas'));
    await page.goto(`${server.url}/projects/${festival.id}/logistics`);
    await page.getByTestId('transport-row').first().waitFor();
    // The demo's office containers come before the build-up window: the server's warning shows.
    const early = page.getByTestId('transport-row').filter({ hasText: 'Bürocontainer' });
    expect(await early.textContent()).toMatch(/Warning: Scheduled on .*, outside build-up to dismantling/);

    const buildUp = festival.build_up_date ?? festival.start_date;
    const date = day(1, buildUp);
    await page.getByRole('button', { name: 'New transport' }).click();
    const dialog = page.getByRole('dialog', { name: 'New transport' });
    await dialog.getByRole('textbox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Delivery', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Description' }).fill(TRANSPORT);
    await dialog.getByRole('textbox', { name: 'From' }).fill('Bühnenbau Müller, Köln');
    await dialog.getByRole('textbox', { name: 'To', exact: true }).fill('Gate 3, loading zone');
    // The calendar opens on the build-up's month.
    await pickDate(page, dialog.getByRole('button', { name: 'Scheduled for' }), date, buildUp);
    await page.getByRole('spinbutton', { name: 'Hours' }).click();
    await page.keyboard.type('14');
    await page.getByRole('spinbutton', { name: 'Minutes' }).click();
    await page.keyboard.type('30');
    await page.getByRole('button', { name: 'Use this date and time' }).click();
    await dialog.getByRole('textbox', { name: 'Vehicle' }).fill('7.5 t truck with tail lift');
    await dialog.getByRole('textbox', { name: 'Cost' }).fill('320.00');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('transport-row').filter({ hasText: TRANSPORT });
    await row.waitFor();
    const [y, m, d] = date.split('-').map(Number);
    const shown = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
    );
    expect(await row.getByRole('cell').first().textContent()).toBe(`${shown}14:30`);
    expect(await row.textContent()).toContain('€320.00');
    expect(await row.textContent()).toContain('Planned');

    // Without a date only “cancel” would be offered; with one it can be scheduled.
    await page.getByRole('button', { name: `Change status: ${TRANSPORT}` }).click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(['Mark as scheduled', 'Cancel']);
    await page.getByRole('menuitem', { name: 'Mark as scheduled' }).click();
    await expect.poll(() => row.textContent()).toContain('Scheduled');

    // The timeline: the transport sits on its day (a build-up day) with its time.
    await page.getByText('Timeline', { exact: true }).click();
    await page.getByTestId('transport-timeline').waitFor();
    const column = page.locator(`[data-date="${date}"]`);
    expect(await column.getAttribute('data-kind')).toBe('buildUp');
    const card = column.getByRole('button', { name: new RegExp(TRANSPORT.replace(/[()]/g, '\\$&')) });
    expect(await card.textContent()).toContain('14:30');
    expect(await page.locator('[data-kind="show"]').count()).toBe(3);
    expect(await page.getByRole('heading', { name: 'Earlier' }).count()).toBe(1);
    // Keyboard: the card is a button; Enter opens the transport.
    await card.focus();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('dialog', { name: 'Edit transport' });
    await edit.waitFor();
    expect(await edit.getByRole('textbox', { name: 'Description' }).inputValue()).toBe(TRANSPORT);
    await page.keyboard.press('Escape');
    await edit.waitFor({ state: 'hidden' });

    expect(errors).toEqual([]);
    await context.close();
  });
  test('adds a transport carrying two BOM lines, chosen by search and keyboard, and sees them listed', async () => {
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, login('project_manager', 'jonas'));
    await page.goto(`${server.url}/projects/${festival.id}/logistics`);
    await page.getByTestId('transport-row').first().waitFor();

    await page.getByRole('button', { name: 'New transport' }).click();
    const dialog = page.getByRole('dialog', { name: 'New transport' });
    await dialog.getByRole('textbox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Delivery', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Description' }).fill(CARRYING);
    // Search the BOM; both truss lines of the rigging are offered, with their group and quantity.
    const search = dialog.getByRole('textbox', { name: 'Material lines carried' });
    await search.fill('H40V');
    const truss = page.getByRole('option', { name: new RegExp(`^${TRUSS}`) });
    const corners = page.getByRole('option', { name: new RegExp(`^${CORNERS}`) });
    await expect.poll(() => page.getByRole('option').count(), { timeout: 10_000 }).toBe(2);
    expect(await truss.textContent()).toContain('Rigging · 180 m');
    // The mouse for the first line, the keyboard (arrow down twice, Enter) for the second.
    await truss.click();
    await expect.poll(() => truss.getAttribute('aria-checked')).toBe('true');
    await search.press('ArrowDown');
    await search.press('ArrowDown');
    await search.press('Enter');
    await expect.poll(() => corners.getAttribute('aria-checked')).toBe('true');
    await search.press('Escape');
    const chosen = dialog.getByRole('list', { name: 'Lines carried' });
    expect(await chosen.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining(TRUSS),
      expect.stringContaining(CORNERS),
    ]);
    expect(await dialog.getByTestId('carried-count').textContent()).toBe('2 lines chosen');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The row names both lines; the server stored them.
    const row = page.getByTestId('transport-row').filter({ hasText: CARRYING });
    await row.waitFor();
    await expect.poll(() => row.getByTestId('transport-carries').textContent()).toMatch(/^Carries 2 material lines: /);
    const carries = (await row.getByTestId('transport-carries').textContent()) ?? '';
    expect(carries).toContain(TRUSS);
    expect(carries).toContain(CORNERS);
    const stored = await apiCall<{ items: { description: string; bom_item_ids: string[] }[] }>(
      server.url,
      adminToken,
      'GET',
      `/projects/${festival.id}/logistics?q=${encodeURIComponent('(E2E)')}`,
    );
    expect(stored.items.find((t) => t.description === CARRYING)?.bom_item_ids).toHaveLength(2);

    // Opened again, the form lists them by name; one is taken out.
    await row.getByRole('button', { name: CARRYING, exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit transport' });
    const list = edit.getByRole('list', { name: 'Lines carried' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => list.textContent()).toContain(CORNERS);
    await edit.getByRole('button', { name: `Remove “${CORNERS}”` }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('transport-carries').textContent()).toBe(`Carries 1 material line: ${TRUSS}`);
    // And put back, so that a viewer later sees both.
    await row.getByRole('button', { name: CARRYING, exact: true }).click();
    await edit.getByRole('textbox', { name: 'Material lines carried' }).fill('Verbinder');
    await page.getByRole('option', { name: new RegExp(`^${CORNERS}`) }).click();
    await edit.getByRole('textbox', { name: 'Material lines carried' }).press('Escape');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('transport-carries').textContent()).toMatch(/^Carries 2 material lines: /);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.sequential('who may only read', () => {
  test('a viewer of the festival sees permits and transports without any edit action', async () => {
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, login('viewer'));
    await page.goto(`${server.url}/projects/${festival.id}/permits`);
    await page.getByTestId('permit-row').first().waitFor();
    expect(await page.getByRole('button', { name: 'New permit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Change status|Edit|Delete):/ }).count()).toBe(0);
    // The viewer role has no costs:read: no fee column.
    expect(await page.getByRole('columnheader', { name: 'Fee' }).count()).toBe(0);
    await page.getByRole('button', { name: PERMIT }).click();
    const details = page.getByRole('dialog', { name: `Details: ${PERMIT}` });
    await details.waitFor();
    expect(await details.getByRole('textbox').count()).toBe(0);
    expect(await details.textContent()).toContain('Ortstermin am Montag');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Logistics' }).click();
    await page.getByTestId('transport-row').first().waitFor();
    expect(await page.getByRole('button', { name: 'New transport' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Change status|Edit|Delete):/ }).count()).toBe(0);
    await page.getByText('Timeline', { exact: true }).click();
    const card = page.getByTestId('timeline-transport').filter({ hasText: TRANSPORT });
    await card.click();
    await page.getByRole('dialog', { name: `Details: ${TRANSPORT}` }).waitFor();
    expect(await page.getByRole('dialog').getByRole('textbox').count()).toBe(0);
    await page.keyboard.press('Escape');
    // The lines a transport carries, by name, in its details.
    await page.getByText('Table', { exact: true }).click();
    await page.getByRole('button', { name: CARRYING, exact: true }).click();
    const carrying = page.getByRole('dialog', { name: `Details: ${CARRYING}` });
    await carrying.waitFor();
    expect(await carrying.getByTestId('transport-carries').textContent()).toContain('Carries 2 material lines');
    const lines = carrying.getByRole('list', { name: 'Lines carried' });
    await expect.poll(() => lines.getByRole('listitem').count()).toBe(2);
    expect(await lines.textContent()).toContain(TRUSS);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("the client's user sees the permits and transports of their project without costs", async () => {
    const context = await newContext(browser, { locale: 'de-DE', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, login('client'));
    await page.goto(`${server.url}/projects/${stand.id}/permits`);
    const permit = page.getByTestId('permit-row').filter({ hasText: 'Standbaugenehmigung Halle 12' });
    await permit.waitFor();
    expect(await page.getByRole('columnheader', { name: 'Gebühr' }).count()).toBe(0);
    expect(await page.getByRole('columnheader').allTextContents()).not.toContain('Gebühr');
    expect(await page.getByRole('table').textContent()).not.toMatch(/€|123/);
    expect(await page.getByRole('button', { name: 'Neue Genehmigung' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Logistik' }).click();
    const transport = page.getByTestId('transport-row').filter({ hasText: 'Standbau-Material' });
    await transport.waitFor();
    expect(await page.getByRole('columnheader', { name: 'Kosten' }).count()).toBe(0);
    expect(await page.getByRole('table').textContent()).not.toMatch(/€|678/);
    expect(await page.getByRole('button', { name: 'Neuer Transport' }).count()).toBe(0);
    await screenshot(page, 'de-desktop-55-client-logistics');
    expect(errors).toEqual([]);
    await context.close();
  });
});

const variants = [
  { locale: 'en-GB' as const, tag: 'en', viewport: DESKTOP, device: 'desktop' },
  { locale: 'de-DE' as const, tag: 'de', viewport: DESKTOP, device: 'desktop' },
  { locale: 'en-GB' as const, tag: 'en', viewport: PHONE, device: 'phone' },
  { locale: 'de-DE' as const, tag: 'de', viewport: PHONE, device: 'phone' },
];

describe.each(variants)('permit and logistics screens ($tag, $device)', ({ locale, tag, viewport, device }) => {
  test('tables, timeline and forms: no accessibility problems, a screenshot each', async () => {
    const context = await newContext(browser, { locale, viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const prefix = `${tag}-${device}`;
    const de = tag === 'de';
    const check = async (name: string) => {
      await page.waitForLoadState('networkidle');
      // No hover highlight under the pointer, no dialog still fading in.
      await page.mouse.move(0, 0);
      await page.waitForTimeout(400);
      // Wide tables and the timeline scroll inside their boxes; the page itself never sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectNoAccessibilityProblems(await accessibilityProblems(page), name);
      await screenshot(page, `${prefix}-${name}`);
    };
    await signIn(page, server.url, login('project_manager', 'jonas'));

    await page.goto(`${server.url}/projects/${festival.id}/permits`);
    await page.getByTestId('permit-row').first().waitFor();
    await check('50-permits');
    await page.getByRole('button', { name: de ? 'Neue Genehmigung' : 'New permit' }).click();
    await page.getByRole('dialog').waitFor();
    await check('51-permit-form');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: de ? 'Logistik' : 'Logistics' }).click();
    await page.getByTestId('transport-row').first().waitFor();
    await check('52-logistics-table');
    await page.getByText(de ? 'Zeitplan' : 'Timeline', { exact: true }).click();
    await page.getByTestId('transport-timeline').waitFor();
    await check('53-logistics-timeline');
    await page.getByRole('button', { name: de ? 'Neuer Transport' : 'New transport' }).click();
    await page.getByRole('dialog').waitFor();
    await check('54-transport-form');
    expect(errors).toEqual([]);
    await context.close();
  });
});
