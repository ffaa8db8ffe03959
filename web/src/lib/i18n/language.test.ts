import { afterEach, describe, expect, test } from 'vitest';
import { initialLanguage } from './index';

afterEach(() => localStorage.clear());

describe('the first language', () => {
  test('German when the browser prefers it', () => {
    expect(initialLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(initialLanguage(['fr-FR', 'de-CH', 'en'])).toBe('de');
  });

  test('English otherwise', () => {
    expect(initialLanguage(['en-US', 'de-DE'])).toBe('en');
    expect(initialLanguage(['fr-FR', 'it'])).toBe('en');
    expect(initialLanguage([])).toBe('en');
  });

  test('a choice the user made wins', () => {
    localStorage.setItem('eventmgr.language', 'en');
    expect(initialLanguage(['de-DE'])).toBe('en');
  });
});
