// Debian's Chromium driven by playwright-core (Playwright cannot download browsers here).
// The flags keep Chromium off the network it would otherwise call at start.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 375, height: 812 };

/** Playwright gives every launch a fresh, empty profile folder of its own (`--user-data-dir`). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function close(browser: Browser | undefined) {
  await browser?.close();
}

/** A fresh browser profile (cookies, storage) in a language and at a size. */
export async function newContext(
  browser: Browser,
  options: { locale?: 'de-DE' | 'en-GB'; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  const viewport = options.viewport ?? DESKTOP;
  return browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
    timezoneId: 'Europe/Berlin',
    // No transitions: axe must judge colours at rest, not half-way through a fade-in.
    reducedMotion: 'reduce',
  });
}

export const SCREENSHOTS = fileURLToPath(new URL('../output/screenshots', import.meta.url));

/** Saves what a person sees, for the screenshot folder anyone can look through. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on the current page: serious and critical violations, as readable lines. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // A hover tooltip left under the pointer by the last click is not part of the screen.
  await page.mouse.move(0, 0);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Collects errors the page logs, so a test can fail on them. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The browser logs every 4xx answer; those the app expects (a 422 it shows next to a
    // field, a 409 it explains) are not errors. Server faults (5xx) and script errors are.
    const text = message.text();
    if (message.type() === 'error' && !/status of 4\d\d/.test(text)) errors.push(`console: ${text}`);
  });
  return errors;
}
