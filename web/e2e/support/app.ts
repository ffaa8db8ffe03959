// Steps through the app as a person does: by labels and roles, never by CSS internals.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Login } from './server';

/** Signs in through the login form and waits for the dashboard. */
export async function signIn(page: Page, base: string, login: Pick<Login, 'email' | 'password'>) {
  await page.goto(`${base}/login`);
  await page.getByRole('textbox', { name: /e-?mail/i }).fill(login.email);
  await page.getByLabel(/^(password|passwort)/i).fill(login.password);
  await page.getByRole('button', { name: /^(sign in|anmelden)$/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function expectNoAccessibilityProblems(problems: string[], screen: string) {
  expect(problems, `accessibility problems on ${screen}:\n${problems.join('\n')}`).toEqual([]);
}
