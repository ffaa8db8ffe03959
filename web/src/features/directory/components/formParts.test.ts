import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { contactBody, contactRules, contactValues } from './formParts';

const t = (key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key);

describe('the contact fields of a client or supplier', () => {
  test('a stored record fills the form, a new one starts empty', () => {
    expect(contactValues({ name: 'Nordlicht', email: null, phone: '+49 30 1234' })).toEqual({
      name: 'Nordlicht',
      contact_person: '',
      email: '',
      phone: '+49 30 1234',
      address: '',
      notes: '',
    });
    expect(contactValues().name).toBe('');
  });

  test('empty texts clear the field, the rest is trimmed', () => {
    expect(contactBody({ name: ' Nordlicht ', contact_person: '  ', email: 'a@b.de ', phone: '', address: 'Hafen 1', notes: '' })).toEqual({
      name: 'Nordlicht',
      contact_person: null,
      email: 'a@b.de',
      phone: null,
      address: 'Hafen 1',
      notes: null,
    });
  });

  test('the rules the server applies too', () => {
    const schema = z.object(contactRules(t));
    const ok = { name: 'x', contact_person: '', email: '', phone: '', address: '', notes: '' };
    expect(schema.safeParse(ok).success).toBe(true);
    expect(schema.safeParse({ ...ok, name: '  ' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, email: 'not-an-address' }).success).toBe(false);
    expect(schema.safeParse({ ...ok, phone: '1'.repeat(51) }).success).toBe(false);
  });
});
