// The company directory, the account page and administration, on the demo company: the admin
// creates a supplier and a client (a 422 lands at its field) and finds them by search; who sees
// which navigation; a password change and a sign-in with the new one; a role that requires MFA
// sends its user to the setup, which they complete with a code computed from the secret on
// screen, then sign in through the MFA step; another session is signed out; an API token is
// shown once; the admin invites a user and finds the creation in the audit log. Screenshots and
// axe for every screen in English and German, on a desktop and a phone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiCall, apiLogin, totp } from './support/api';
import { expectNoAccessibilityProblems, signIn } from './support/app';
import { accessibilityProblems, close, DESKTOP, launch, newContext, PHONE, screenshot, watchConsole } from './support/browser';
import { startServer, type Login, type Server } from './support/server';

let server: Server;
let browser: Browser;
let adminToken = '';

beforeAll(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
  const admin = login('admin');
  adminToken = await apiLogin(server.url, admin.email, admin.password);
  // A change with a before and an after for the audit log's screenshot.
  const clients = await apiCall<{ items: { id: string; version: number }[] }>(server.url, adminToken, 'GET', '/clients?q=Helix');
  const helix = clients.items[0];
  if (!helix) throw new Error('the demo has no Helix Medical');
  await apiCall(server.url, adminToken, 'PATCH', `/clients/${helix.id}`, {
    notes: 'Stand in Halle 12. Anlieferung nur über Tor 4, Aufbau ab 18 Uhr.',
    version: helix.version,
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

/** Page errors, without the browser's note on the 4xx answers a test provokes on purpose. */
function pageErrors(errors: string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 4(01|03|09|12|22)/.test(e));
}

/** The error text Mantine shows under a field (its `aria-describedby` names it). */
async function fieldError(page: Page, field: ReturnType<Page['getByRole']>): Promise<string | null> {
  const errorId = async () =>
    ((await field.getAttribute('aria-describedby')) ?? '').split(' ').find((part) => part.endsWith('-error')) ?? null;
  await expect.poll(errorId).not.toBeNull();
  return page.locator(`[id="${await errorId()}"]`).textContent();
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /^(Sign out|Abmelden)$/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

async function navLinks(page: Page): Promise<string[]> {
  await page.getByRole('link', { name: 'Projects', exact: true }).waitFor();
  // useCan answers once /auth/me is in; give the menu that moment.
  await page.waitForLoadState('networkidle');
  return page.locator('nav a').allTextContents();
}

describe.sequential('the directory', () => {
  test('the admin creates a supplier and a client, sees a 422 at its field and finds both by search', async () => {
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, login('admin'));

    // A supplier: an address the server refuses shows its message at the email field.
    await page.getByRole('link', { name: 'Suppliers', exact: true }).click();
    await page.getByTestId('supplier-row').first().waitFor();
    await page.getByRole('button', { name: 'New supplier' }).click();
    const dialog = page.getByRole('dialog', { name: 'New supplier' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Traversenbau Tobias GmbH (E2E)');
    await dialog.getByRole('textbox', { name: 'Category' }).fill('Stage & rigging');
    await dialog.getByRole('textbox', { name: 'Rating' }).fill('4.5');
    await dialog.getByRole('textbox', { name: 'Contact person' }).fill('Tobias Marx');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('dispo@localhost');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const email = dialog.getByRole('textbox', { name: 'Email' });
    expect(await fieldError(page, email)).toBe('Please enter an email address such as name@example.com.');
    // The input is kept; a valid address goes through.
    expect(await dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Traversenbau Tobias GmbH (E2E)');
    await email.fill('dispo@traversenbau-tobias.example');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/suppliers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Traversenbau Tobias GmbH (E2E)');
    await page.getByText('4.5 of 5').waitFor();
    expect(await page.getByRole('link', { name: 'dispo@traversenbau-tobias.example' }).count()).toBe(1);

    await page.getByRole('link', { name: 'Back to the list' }).click();
    await page.getByRole('searchbox', { name: 'Search suppliers' }).fill('Traversenbau');
    await expect.poll(() => page.getByTestId('supplier-row').count()).toBe(1);
    expect(await page.getByTestId('supplier-row').textContent()).toContain('Traversenbau Tobias GmbH (E2E)');
    expect(page.url()).toContain('q=Traversenbau');

    // A client: a phone number with letters is refused at its field.
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByTestId('client-row').first().waitFor();
    await page.getByRole('button', { name: 'New client' }).click();
    const clientDialog = page.getByRole('dialog', { name: 'New client' });
    await clientDialog.getByRole('textbox', { name: 'Name' }).fill('Kulturverein Nordstern e. V. (E2E)');
    await clientDialog.getByRole('textbox', { name: 'Contact person' }).fill('Greta Nordmann');
    await clientDialog.getByRole('textbox', { name: 'Phone' }).fill('call me');
    await clientDialog.getByRole('button', { name: 'Create' }).click();
    const phone = clientDialog.getByRole('textbox', { name: 'Phone' });
    expect(await fieldError(page, phone)).toBe('Only digits, spaces and + - ( ) / . are allowed.');
    await phone.fill('+49 211 555 0123');
    await clientDialog.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Kulturverein Nordstern e. V. (E2E)');
    await page.getByText('No project for this client yet.').waitFor();

    // Edit, then trash it and bring it back from the trash.
    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit client' });
    await edit.getByRole('textbox', { name: 'Contact person' }).fill('Greta Nordmann-Ilić');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Greta Nordmann-Ilić').first().waitFor();
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await page.waitForURL((url) => url.pathname === '/clients');
    await page.getByRole('searchbox', { name: 'Search clients' }).fill('Nordstern');
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.getByRole('switch', { name: 'Show trash' }).click();
    await page.getByRole('heading', { name: 'Clients in the trash' }).waitFor();
    await expect.poll(() => page.getByTestId('client-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Restore: Kulturverein Nordstern e. V. (E2E)' }).click();
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.getByRole('switch', { name: 'Show trash' }).click();
    await page.getByRole('heading', { name: 'Clients', exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('client-row').count()).toBe(1);
    expect(await page.getByTestId('client-row').textContent()).toContain('Greta Nordmann-Ilić');

    expect(pageErrors(errors)).toEqual([]);
    await context.close();
  });

  test('a project manager sees suppliers and clients but no administration; a viewer cannot write', async () => {
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, server.url, login('project_manager', 'jonas'));
    const links = await navLinks(page);
    expect(links).toContain('Suppliers');
    expect(links).toContain('Clients');
    expect(links).not.toContain('Administration');
    await page.getByRole('link', { name: 'Suppliers', exact: true }).click();
    await page.getByTestId('supplier-row').first().waitFor();
    expect(await page.getByRole('button', { name: 'New supplier' }).count()).toBe(1);
    // Administration by its address: no tabs, an explanation.
    await page.goto(`${server.url}/admin`);
    await page.getByText('Administration is for people with administrative rights.').waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    await context.close();

    const viewerContext = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const viewer = await viewerContext.newPage();
    await signIn(viewer, server.url, login('viewer'));
    await viewer.goto(`${server.url}/suppliers`);
    await viewer.getByTestId('supplier-row').first().waitFor();
    await viewer.waitForLoadState('networkidle');
    expect(await viewer.getByRole('button', { name: 'New supplier' }).count()).toBe(0);
    expect(await viewer.getByRole('switch', { name: 'Show trash' }).count()).toBe(0);
    await viewer.getByTestId('supplier-row').first().getByRole('link').first().click();
    await viewer.waitForURL(/\/suppliers\/[0-9a-f-]{36}$/);
    await viewer.waitForLoadState('networkidle');
    expect(await viewer.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Move to trash' }).count()).toBe(0);
    await viewerContext.close();
  });

  test('the client’s user sees neither suppliers, nor clients, nor administration', async () => {
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, server.url, login('client'));
    const links = await navLinks(page);
    expect(links).not.toContain('Suppliers');
    expect(links).not.toContain('Clients');
    expect(links).not.toContain('Administration');
    await context.close();
  });
});

describe.sequential('the account', () => {
  test('a member changes their password (the server’s 422s at the fields) and signs in with the new one', async () => {
    const member = login('member', 'lukas');
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, member);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'My account' }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByRole('heading', { name: 'Change password' }).waitFor();

    const current = page.getByLabel('Current password');
    const next = page.getByLabel(/^New password/);
    const repeat = page.getByLabel('Repeat new password');
    await current.fill('not-my-password');
    await next.fill('Gaffa-Tape-und-Kabelbinder');
    await repeat.fill('Gaffa-Tape-und-Kabelbinder');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await fieldError(page, current)).toBe('The password is not correct.');

    await current.fill(member.password);
    await next.fill('letmein123');
    await repeat.fill('letmein123');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await fieldError(page, next)).toBe('This password is too easy to guess. Please choose another.');

    await next.fill('Gaffa-Tape-und-Kabelbinder');
    await repeat.fill('Gaffa-Tape-und-Kabelbinder');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other devices were signed out.').waitFor();
    expect(await current.inputValue()).toBe('');

    await signOut(page);
    await signIn(page, server.url, { email: member.email, password: 'Gaffa-Tape-und-Kabelbinder' });
    await page.getByTestId('user-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(pageErrors(errors)).toEqual([]);
    await context.close();
  });

  test('a role that requires MFA sends its new user to the setup; they turn it on and sign in with a code', async () => {
    // The admin creates the role and the person through the screens.
    const adminContext = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const admin = await adminContext.newPage();
    await signIn(admin, server.url, login('admin'));
    await admin.getByRole('link', { name: 'Administration', exact: true }).click();
    await admin.getByRole('tab', { name: 'Roles' }).click();
    await admin.getByTestId('role-row').first().waitFor();
    await admin.getByRole('button', { name: 'New role' }).click();
    const roleDialog = admin.getByRole('dialog', { name: 'New role' });
    await roleDialog.getByRole('textbox', { name: 'Name' }).fill('Crew lead');
    await roleDialog.getByRole('checkbox', { name: 'See suppliers' }).check();
    await roleDialog.getByRole('checkbox', { name: 'See clients' }).check();
    await roleDialog.getByRole('switch', { name: 'Require two-factor sign-in' }).check();
    await roleDialog.getByRole('button', { name: 'Create' }).click();
    expect(await fieldError(admin, roleDialog.getByRole('textbox', { name: 'Name' }))).toBe('2–64 characters of a–z, 0–9 and _.');
    await roleDialog.getByRole('textbox', { name: 'Name' }).fill('crew_lead');
    await roleDialog.getByRole('button', { name: 'Create' }).click();
    await roleDialog.waitFor({ state: 'hidden' });
    const row = admin.getByTestId('role-row').filter({ hasText: 'crew_lead' });
    expect(await row.textContent()).toContain('2FA required');
    expect(await row.textContent()).toContain('See suppliers');

    await admin.getByRole('tab', { name: 'People' }).click();
    await admin.getByTestId('user-row').first().waitFor();
    await admin.getByRole('button', { name: 'New person' }).click();
    const userDialog = admin.getByRole('dialog', { name: 'New person' });
    await userDialog.getByRole('textbox', { name: 'Email' }).fill('mara.fischer@demo.eventmgr.dev');
    await userDialog.getByRole('textbox', { name: 'First name' }).fill('Mara');
    await userDialog.getByRole('textbox', { name: 'Last name' }).fill('Fischer');
    await userDialog.getByRole('textbox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'crew_lead' }).click();
    await userDialog.getByLabel('Password (optional)').fill('Kabeltrommel-2026');
    await userDialog.getByRole('button', { name: 'Create' }).click();
    await userDialog.waitFor({ state: 'hidden' });
    await adminContext.close();

    // Mara signs in and can do nothing but set up MFA.
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, { email: 'mara.fischer@demo.eventmgr.dev', password: 'Kabeltrommel-2026' });
    await page.waitForURL((url) => url.pathname === '/account' && url.search === '?setup=mfa');
    await page.getByText('Please set up two-factor sign-in first').waitFor();
    await page.goto(`${server.url}/projects`);
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByRole('button', { name: 'Set up now' }).click();
    const secret = (await page.getByTestId('mfa-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByRole('img', { name: 'QR code for the authenticator app' }).count()).toBe(1);
    await expectNoAccessibilityProblems(await accessibilityProblems(page), 'account, MFA required');
    await screenshot(page, 'en-desktop-43-account-mfa-required');

    // A wrong code is refused at the field; the right one turns MFA on.
    const code = page.getByRole('textbox', { name: 'Six-digit code' });
    const enabledAt = Date.now();
    const right = totp(secret, enabledAt);
    await code.fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    expect(await fieldError(page, code)).toBe('The code is not right (or was used already). Please enter the current code.');
    await code.fill(right);
    await page.getByRole('button', { name: 'Turn on' }).click();
    const recovery = page.getByTestId('recovery-codes');
    await recovery.waitFor();
    const codes = ((await recovery.textContent()) ?? '').split('\n').filter(Boolean);
    expect(codes).toHaveLength(10);
    expect(codes.every((c) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(c))).toBe(true);
    await page.getByText('Store your recovery codes now').waitFor();
    await screenshot(page, 'en-desktop-44-account-recovery-codes');

    // The restriction lifts at once: the app opens up.
    await page.getByRole('button', { name: 'Codes stored – continue to the dashboard' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: 'Suppliers', exact: true }).click();
    await page.getByTestId('supplier-row').first().waitFor();

    // Signing in now takes the code: the next one, as the first was spent on turning MFA on.
    await signOut(page);
    await page.getByRole('textbox', { name: /e-?mail/i }).fill('mara.fischer@demo.eventmgr.dev');
    await page.getByLabel(/^password/i).fill('Kabeltrommel-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Verification code' }).waitFor();
    await page.getByLabel('Code 1', { exact: true }).click();
    await page.keyboard.type(totp(secret, enabledAt + 30_000));
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('user-menu').waitFor();

    // Turning it off takes the password and a code (here a recovery code); the role then
    // requires the setup again.
    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByLabel(/^Password/).fill('Kabeltrommel-2026');
    await page.getByRole('textbox', { name: 'Code from the app or recovery code' }).fill(codes[0] ?? '');
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByText('Please set up two-factor sign-in first').waitFor();
    await page.getByRole('button', { name: 'Set up now' }).waitFor();
    expect(pageErrors(errors)).toEqual([]);
    await context.close();
  });

  test('a viewer signs out another device and creates an API token that is shown once', async () => {
    const viewer = login('viewer');
    const otherToken = await apiLogin(server.url, viewer.email, viewer.password);
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, viewer);
    await page.goto(`${server.url}/account`);
    await page.getByTestId('session-row').first().waitFor();
    await expect.poll(() => page.getByTestId('session-row').count()).toBeGreaterThanOrEqual(2);
    const before = await page.getByTestId('session-row').count();
    expect(await page.getByTestId('session-row').filter({ hasText: 'This device' }).count()).toBe(1);

    // The session the API login opened is the one named after its program.
    await page.getByTestId('session-row').filter({ hasText: 'Node.js' }).getByRole('button', { name: /^Sign out: / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(before - 1);
    // That session's token no longer works.
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${otherToken}` } });
    expect(me.status).toBe(401);

    // Two more devices, then "sign out all other devices": only this one stays.
    const phone = await apiLogin(server.url, viewer.email, viewer.password);
    const tablet = await apiLogin(server.url, viewer.email, viewer.password);
    await page.reload();
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(before + 1);
    await page.getByRole('button', { name: 'Sign out all other devices' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out all other devices' }).click();
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
    expect(await page.getByTestId('session-row').filter({ hasText: 'This device' }).count()).toBe(1);
    for (const gone of [phone, tablet]) {
      const answer = await fetch(`${server.url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${gone}` } });
      expect(answer.status).toBe(401);
    }

    // A token for a script: shown once, works, then listed by its prefix only.
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Nightly supplier export');
    // A viewer holds no write permission, so none is offered.
    expect(await dialog.getByRole('checkbox', { name: 'Edit suppliers' }).count()).toBe(0);
    await dialog.getByRole('checkbox', { name: 'See suppliers' }).check();
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const shown = dialog.getByTestId('new-token');
    await shown.waitFor();
    const token = ((await shown.textContent()) ?? '').trim();
    expect(token).toMatch(/^emt_/);
    await dialog.getByText('It is shown only this once').waitFor();
    const suppliers = await apiCall<{ total: number }>(server.url, token, 'GET', '/suppliers');
    expect(suppliers.total).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Done, I have copied it' }).click();
    const tokenRow = page.getByTestId('token-row').filter({ hasText: 'Nightly supplier export' });
    await tokenRow.waitFor();
    expect(await tokenRow.textContent()).toContain(token.slice(0, 12));
    expect(await page.getByText(token).count()).toBe(0);

    await tokenRow.getByRole('button', { name: 'Revoke: Nightly supplier export' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.getByTestId('token-row').count()).toBe(0);
    const refused = await fetch(`${server.url}/api/v1/suppliers`, { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(pageErrors(errors)).toEqual([]);
    await context.close();
  });
});

describe.sequential('administration', () => {
  test('the admin invites a person and finds the creation in the audit log', async () => {
    const context = await newContext(browser, { locale: 'en-GB', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signIn(page, server.url, login('admin'));
    await page.goto(`${server.url}/admin`);
    await page.getByTestId('user-row').first().waitFor();

    await page.getByRole('button', { name: 'New person' }).click();
    const dialog = page.getByRole('dialog', { name: 'New person' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('nina.vogt@demo.eventmgr.dev');
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Nina');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Vogt');
    await dialog.getByRole('textbox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Project manager' }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    // No password and no mail server: the invitation link is shown to pass on.
    const invitation = page.getByRole('dialog', { name: 'Invitation link for Nina Vogt' });
    await invitation.waitFor();
    expect(await invitation.getByTestId('shown-link').textContent()).toContain('/reset-password?token=');
    await invitation.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('searchbox', { name: 'Name, email or username' }).fill('nina');
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(1);
    expect(await page.getByTestId('user-row').textContent()).toContain('Project manager');

    // A reset link on request.
    await page.getByRole('button', { name: 'Actions for Nina Vogt' }).click();
    await page.getByRole('menuitem', { name: 'Password reset link' }).click();
    const reset = page.getByRole('dialog', { name: 'Password reset link' });
    expect(await reset.getByTestId('shown-link').textContent()).toContain('/reset-password?token=');
    await reset.getByRole('button', { name: 'Done' }).click();

    // Deactivated: signed out everywhere and shown as such.
    await page.getByRole('button', { name: 'Actions for Nina Vogt' }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => page.getByTestId('user-row').textContent()).toContain('Deactivated');

    // The audit log, filtered to this person.
    await page.getByRole('button', { name: 'Actions for Nina Vogt' }).click();
    await page.getByRole('menuitem', { name: 'See in the audit log' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/audit' && url.searchParams.get('entity_type') === 'user');
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByRole('textbox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Person · created' }).click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    const entry = page.getByTestId('audit-row');
    expect(await entry.textContent()).toContain('Person · created');
    expect(await entry.textContent()).toContain(login('admin').email);
    await entry.getByRole('button', { name: /^Show details/ }).click();
    const details = page.getByRole('table', { name: /^Person · created at / });
    await details.waitFor();
    expect(await details.textContent()).toContain('nina.vogt@demo.eventmgr.dev');
    expect(await details.textContent()).toContain('Project manager');
    expect(pageErrors(errors)).toEqual([]);
    await context.close();
  });
});

const variants = [
  { locale: 'en-GB' as const, tag: 'en', viewport: DESKTOP, device: 'desktop' },
  { locale: 'de-DE' as const, tag: 'de', viewport: DESKTOP, device: 'desktop' },
  { locale: 'en-GB' as const, tag: 'en', viewport: PHONE, device: 'phone' },
  { locale: 'de-DE' as const, tag: 'de', viewport: PHONE, device: 'phone' },
];

describe.each(variants)('directory, account and administration screens ($tag, $device)', ({ locale, tag, viewport, device }) => {
  test('lists, details, forms, account, users, roles, audit log', async () => {
    const context = await newContext(browser, { locale, viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const prefix = `${tag}-${device}`;
    const check = async (name: string) => {
      await page.waitForLoadState('networkidle');
      await expectNoAccessibilityProblems(await accessibilityProblems(page), `${prefix}-${name}`);
      // A full-page capture of a scrolled page draws the fixed header in the middle.
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `${prefix}-${name}`);
      expect(pageErrors(errors), `errors on ${name}`).toEqual([]);
    };
    const clients = await apiCall<{ items: { id: string; name: string }[] }>(server.url, adminToken, 'GET', '/clients?q=Helix');
    const helix = clients.items[0];
    if (!helix) throw new Error('the demo has no Helix Medical');

    await signIn(page, server.url, login('admin'));
    await page.goto(`${server.url}/suppliers`);
    await page.getByTestId('supplier-row').first().waitFor();
    await check('30-suppliers');

    await page.getByTestId('supplier-row').first().getByRole('link').first().click();
    await page.waitForURL(/\/suppliers\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: tag === 'de' ? 'Zur Liste' : 'Back to the list' }).waitFor();
    await check('31-supplier');

    await page.getByRole('button', { name: tag === 'de' ? 'Bearbeiten' : 'Edit' }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    await check('32-supplier-form');
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/clients`);
    await page.getByTestId('client-row').first().waitFor();
    await check('33-clients');

    await page.goto(`${server.url}/clients/${helix.id}`);
    await page.getByRole('table', { name: tag === 'de' ? 'Projekte dieses Kunden' : 'Projects of this client' }).waitFor();
    await check('34-client');

    await page.goto(`${server.url}/account`);
    await page.getByTestId('session-row').first().waitFor();
    await check('35-account');

    await page.getByRole('button', { name: tag === 'de' ? 'Jetzt einrichten' : 'Set up now' }).click();
    await page.getByTestId('mfa-secret').waitFor();
    await check('36-account-mfa-setup');
    await page.getByRole('button', { name: tag === 'de' ? 'Abbrechen' : 'Cancel' }).click();

    await page.getByRole('button', { name: tag === 'de' ? 'Neues Token' : 'New token' }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    await check('37-account-token-form');
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/admin`);
    await page.getByTestId('user-row').first().waitFor();
    await check('38-admin-users');

    await page.getByRole('button', { name: tag === 'de' ? 'Neue Person' : 'New person' }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    await check('39-admin-user-form');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: tag === 'de' ? 'Rollen' : 'Roles' }).click();
    await page.getByTestId('role-row').first().waitFor();
    await check('40-admin-roles');

    await page.getByRole('button', { name: tag === 'de' ? 'Neue Rolle' : 'New role' }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(400); // the dialog's opening transition
    await check('41-admin-role-form');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: tag === 'de' ? 'Protokoll' : 'Audit log' }).click();
    await page.getByTestId('audit-row').first().waitFor();
    // An update shows its before and after.
    await page.goto(`${server.url}/admin/audit?action=client.update`);
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByTestId('audit-row').first().getByRole('button').click();
    await page.getByRole('table', { name: tag === 'de' ? /^Kunde · geändert am / : /^Client · changed at / }).waitFor();
    await check('42-admin-audit');
    await context.close();
  });
});
