// Every main screen, signed in as the demo company's people, in German and English, on a
// desktop and a phone: no page errors, no serious accessibility violations, and a screenshot
// of each into e2e/output/screenshots.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityProblems, close, DESKTOP, launch, newContext, PHONE, screenshot, watchConsole } from './support/browser';
import { expectNoAccessibilityProblems, signIn } from './support/app';
import { startServer, type Server } from './support/server';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ demo: true });
  browser = await launch();
});

afterAll(async () => {
  await close(browser);
  await server?.stop();
});

function login(role: string) {
  const found = server.logins.find((l) => l.role === role);
  if (!found) throw new Error(`the demo has no ${role}`);
  return found;
}

async function check(page: Page, errors: string[], name: string) {
  await page.waitForLoadState('networkidle');
  await expectNoAccessibilityProblems(await accessibilityProblems(page), name);
  await screenshot(page, name);
  expect(errors, `errors on ${name}`).toEqual([]);
}

const variants = [
  { locale: 'en-GB' as const, tag: 'en', viewport: DESKTOP, device: 'desktop' },
  { locale: 'de-DE' as const, tag: 'de', viewport: DESKTOP, device: 'desktop' },
  { locale: 'en-GB' as const, tag: 'en', viewport: PHONE, device: 'phone' },
  { locale: 'de-DE' as const, tag: 'de', viewport: PHONE, device: 'phone' },
];

describe.each(variants)('main screens ($tag, $device)', ({ locale, tag, viewport, device }) => {
  test('login, dashboard, projects, project workspace', async () => {
    const context = await newContext(browser, { locale, viewport });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const prefix = `${tag}-${device}`;

    await page.goto(`${server.url}/login`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(tag === 'de' ? 'Anmelden' : 'Sign in');
    await check(page, errors, `${prefix}-01-login`);

    await signIn(page, server.url, login('project_manager'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check(page, errors, `${prefix}-02-dashboard`);

    await page.goto(`${server.url}/projects`);
    await page.getByRole('table').waitFor();
    await check(page, errors, `${prefix}-03-projects`);

    await page.getByRole('table').getByRole('link').first().click();
    await page.getByTestId('overview-tasks').waitFor();
    await check(page, errors, `${prefix}-04-project-overview`);

    await page.getByRole('tab', { name: tag === 'de' ? 'Team' : 'Team' }).click();
    await page.getByTestId('member-row').first().waitFor();
    await check(page, errors, `${prefix}-05-project-members`);
    await context.close();
  });
});
