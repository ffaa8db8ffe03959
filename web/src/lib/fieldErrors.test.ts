import { afterAll, describe, expect, test } from 'vitest';
import i18n from '@/lib/i18n';
import { fieldErrorText } from './fieldErrors';

afterAll(() => i18n.changeLanguage('en'));

describe('a 422 field error', () => {
  test('with a known code is shown in the user’s language', async () => {
    await i18n.changeLanguage('de');
    expect(fieldErrorText('invalid_email', 'email must be an email address such as name@example.com')).toBe(
      'Bitte eine E-Mail-Adresse wie name@example.com eingeben.',
    );
    await i18n.changeLanguage('en');
    expect(fieldErrorText('too_common', 'new_password is one of the most common passwords; choose another')).toBe(
      'This password is too easy to guess. Please choose another.',
    );
  });

  test('with an unknown code keeps the server’s sentence', () => {
    expect(fieldErrorText('before_start', 'end_date must not be before start_date')).toBe('end_date must not be before start_date');
    expect(fieldErrorText(undefined, 'something')).toBe('something');
    expect(fieldErrorText(undefined, undefined)).toBe('');
  });
});
