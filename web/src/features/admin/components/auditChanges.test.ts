import { describe, expect, test } from 'vitest';
import i18n from '@/lib/i18n';
import { describeChanges, formatAuditValue, shortId, splitAction } from './auditChanges';

const words = { yes: 'yes', no: 'no' };

describe('an audit entry’s changes', () => {
  test('an update lists each changed field with its value before and after', () => {
    expect(
      describeChanges({
        name: { before: 'Bühnenbau Nord', after: 'Bühnenbau Nord GmbH' },
        rating: { before: null, after: '4.50' },
      }),
    ).toEqual({
      kind: 'diff',
      rows: [
        { field: 'name', before: 'Bühnenbau Nord', after: 'Bühnenbau Nord GmbH' },
        { field: 'rating', before: null, after: '4.50' },
      ],
    });
  });

  test('a create lists the values it set, without bookkeeping fields and empty ones', () => {
    expect(
      describeChanges({
        id: '0193a5a0-0000-7000-8000-000000000000',
        name: 'Lichtblick',
        email: null,
        is_active: true,
        version: 1,
        created_at: '2026-01-01T10:00:00Z',
      }),
    ).toEqual({
      kind: 'values',
      rows: [
        { field: 'name', value: 'Lichtblick' },
        { field: 'is_active', value: true },
      ],
    });
  });

  test('nothing stored, or nothing worth showing, is "none"', () => {
    expect(describeChanges(null)).toEqual({ kind: 'none' });
    expect(describeChanges(undefined)).toEqual({ kind: 'none' });
    expect(describeChanges({})).toEqual({ kind: 'none' });
    expect(describeChanges({ id: 'x', version: 2 })).toEqual({ kind: 'none' });
  });

  test('a mix of shapes is shown as values, never dropped', () => {
    const view = describeChanges({ reason: 'second factor', name: { before: 'a', after: 'b' } });
    expect(view.kind).toBe('values');
    expect(describeChanges('raw text')).toEqual({ kind: 'values', rows: [{ field: '', value: 'raw text' }] });
  });
});

describe('values in the audit log', () => {
  test('are readable', async () => {
    await i18n.changeLanguage('en');
    expect(formatAuditValue(null, words)).toBe('–');
    expect(formatAuditValue('', words)).toBe('–');
    expect(formatAuditValue(true, words)).toBe('yes');
    expect(formatAuditValue(false, words)).toBe('no');
    expect(formatAuditValue(3, words)).toBe('3');
    expect(formatAuditValue(['clients:read', 'costs:read'], words)).toBe('clients:read, costs:read');
    expect(formatAuditValue([], words)).toBe('–');
    expect(formatAuditValue({ a: 1 }, words)).toBe('{"a":1}');
    expect(formatAuditValue('2026-07-01', words)).toBe('1 Jul 2026');
  });

  test('dates follow the language', async () => {
    await i18n.changeLanguage('de');
    expect(formatAuditValue('2026-07-01', words)).toBe('01.07.2026');
    await i18n.changeLanguage('en');
  });

  test('actions split into the record kind and the verb', () => {
    expect(splitAction('supplier.create')).toEqual({ entity: 'supplier', verb: 'create' });
    expect(splitAction('auth.password_reset_link')).toEqual({ entity: 'auth', verb: 'password_reset_link' });
    expect(splitAction('odd')).toEqual({ entity: 'odd', verb: '' });
    expect(shortId('0193a5a0-0000-7000-8000-000000000000')).toBe('0193a5a0');
    expect(shortId(null)).toBe('–');
  });
});
