import { afterAll, describe, expect, test } from 'vitest';
import i18n from '@/lib/i18n';
import { ApiProblem } from './api/problem';
import { fieldErrorText, localizeFieldProblems, LocalizedProblem, messageName, messageNumbers, problemSentence } from './fieldErrors';

afterAll(() => i18n.changeLanguage('en'));

/** Every code the server's field errors use (crates/: `FieldError::new` and `AppError::field`). */
const SERVER_CODES = [
  'after_start', 'before_application', 'before_end', 'before_start', 'client_user', 'content_mismatch', 'empty',
  'empty_file', 'forbidden', 'in_the_past', 'inactive_supplier', 'invalid_bool', 'invalid_characters', 'invalid_choice',
  'invalid_code', 'invalid_color', 'invalid_decimal', 'invalid_email', 'invalid_name', 'invalid_phone', 'invalid_rating',
  'invalid_status', 'invalid_token', 'invalid_type', 'invalid_username', 'key_reused', 'negative', 'not_a_member',
  'not_after_approval', 'not_allowed', 'not_yours', 'out_of_range', 'read_only', 'required', 'too_common', 'too_deep',
  'too_large', 'too_long', 'too_many', 'too_many_decimals', 'too_short', 'unknown_client', 'unknown_column',
  'unknown_currency', 'unknown_field', 'unknown_item', 'unknown_parent', 'unknown_permission', 'unknown_role',
  'unknown_stage', 'unknown_status', 'unknown_supplier', 'unknown_task', 'unknown_user', 'use_transition',
  'wrong_password',
];

describe('every code the server emits', () => {
  test.each(SERVER_CODES)('%s has a German and an English sentence', (code) => {
    const de: unknown = i18n.getResource('de', 'fieldErrors', `codes.${code}`);
    const en: unknown = i18n.getResource('en', 'fieldErrors', `codes.${code}`);
    expect(typeof de === 'string' && de.length > 0).toBe(true);
    expect(typeof en === 'string' && en.length > 0).toBe(true);
  });

  test('no German screen shows the server’s English for a known code', async () => {
    await i18n.changeLanguage('de');
    for (const code of SERVER_CODES) {
      const english = `field must be something (${code})`;
      expect(fieldErrorText(code, english, 'field')).not.toBe(english);
    }
  });
});

describe('numbers and names in the server’s sentence', () => {
  test('are read in order, without the digits of a field path', () => {
    expect(messageNumbers('limit must be between 1 and 50')).toEqual(['1', '50']);
    expect(messageNumbers('amount must be at most 9999999999999.99')).toEqual(['9999999999999.99']);
    expect(messageNumbers('stages[3].name must be at most 100 characters')).toEqual(['100']);
    expect(messageNumbers('line2 is too long')).toEqual([]);
    expect(messageNumbers(undefined)).toEqual([]);
    expect(messageName('no supplier is called "Bühnenbau Nord"')).toBe('Bühnenbau Nord');
    expect(messageName('the supplier is inactive')).toBeUndefined();
  });

  test('fill the translated sentence', async () => {
    await i18n.changeLanguage('de');
    expect(fieldErrorText('too_long', 'name must be at most 200 characters', 'name')).toBe('Höchstens 200 Zeichen.');
    expect(fieldErrorText('out_of_range', 'wip_limit must be between 1 and 1000', 'wip_limit')).toBe(
      'Bitte einen Wert von 1 bis 1.000 angeben.',
    );
    expect(fieldErrorText('out_of_range', 'budget must be at most 9999999999999.99', 'budget')).toBe(
      'Höchstens 9.999.999.999.999,99.',
    );
    expect(fieldErrorText('unknown_supplier', 'no supplier is called "Acme"', 'Lieferant')).toBe('Kein Lieferant heißt „Acme“.');
    await i18n.changeLanguage('en');
    expect(fieldErrorText('too_short', 'new_password must have at least 10 characters', 'new_password')).toBe(
      'At least 10 characters.',
    );
    expect(fieldErrorText('too_many_decimals', 'unit_price allows at most 3 decimals', 'unit_price')).toBe('At most 3 decimal places.');
    expect(fieldErrorText('too_many', 'a board has at most 30 columns', 'columns')).toBe('These are too many entries (at most 30).');
    expect(fieldErrorText('invalid_name', 'name uses 2–64 of a-z, 0-9 and _', 'name')).toBe('2–64 characters of a–z, 0–9 and _.');
  });

  test('a number in the field’s own name is not a limit', async () => {
    await i18n.changeLanguage('en');
    expect(fieldErrorText('out_of_range', 'Price 2026 must be at most 9999999999999.99', 'Price 2026')).toBe(
      'At most 9,999,999,999,999.99.',
    );
  });

  test('without a number the sentence is a general one', async () => {
    await i18n.changeLanguage('en');
    expect(fieldErrorText('too_long', 'file.pdf is too long', 'file')).toBe('This is too long.');
    expect(fieldErrorText('invalid_name', 'name must not contain / or \\', 'name')).toBe('This name is not allowed.');
    expect(fieldErrorText('unknown_supplier', 'supplier_id must name an existing supplier', 'supplier_id')).toBe(
      'This supplier does not exist.',
    );
  });
});

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
    expect(fieldErrorText('brand_new_rule', 'end_date must be a Tuesday')).toBe('end_date must be a Tuesday');
    expect(fieldErrorText(undefined, 'something')).toBe('something');
    expect(fieldErrorText(undefined, undefined)).toBe('');
  });
});

describe('localizing a problem', () => {
  const problem = () =>
    new ApiProblem(422, {
      type: 'https://eventmgr.dev/problems/validation',
      request_id: 'r1',
      errors: [
        { field: 'scheduled_at', code: 'required', message: 'scheduled_at is required' },
        { field: 'cost', code: 'negative', message: 'cost must not be negative' },
        { field: 'x', code: 'brand_new_rule', message: 'x is odd', row: 4 },
      ],
    });

  test('a screen’s own sentence wins, the rest is translated, unknown codes stay', async () => {
    await i18n.changeLanguage('en');
    const localized = localizeFieldProblems(problem(), (p) => (p.field === 'scheduled_at' ? 'Needs a date.' : undefined));
    expect(localized).toBeInstanceOf(LocalizedProblem);
    const out = localized as LocalizedProblem;
    expect(out.status).toBe(422);
    expect(out.kind).toBe('validation');
    expect(out.requestId).toBe('r1');
    expect(out.fieldErrors.map((p) => p.message)).toEqual(['Needs a date.', 'The value must not be negative.', 'x is odd']);
    expect(out.fieldErrors[2]?.row).toBe(4);
    // Localized once: a second pass keeps the screen's sentence.
    expect(localizeFieldProblems(out)).toBe(out);
  });

  test('other errors pass through', () => {
    const conflict = new ApiProblem(409, { detail: 'x' });
    expect(localizeFieldProblems(conflict)).toBe(conflict);
    expect(localizeFieldProblems('x')).toBe('x');
  });

  test('a notification names the fields’ problems, else the error', async () => {
    await i18n.changeLanguage('en');
    expect(problemSentence(problem(), i18n.t)).toBe('Required The value must not be negative. x is odd');
    expect(problemSentence(new ApiProblem(404, {}), i18n.t)).toBe(i18n.t('common:errors.notFound'));
  });
});
