import { describe, expect, test } from 'vitest';
import { keepParams, listParam, withParams } from './urlParams';

describe('filters in the URL', () => {
  test('a value is set, an empty one removed, the rest kept', () => {
    const params = new URLSearchParams('q=bühne&sort=-name');
    expect(withParams(params, { q: 'licht' }).toString()).toBe('q=licht&sort=-name');
    expect(withParams(params, { q: '' }).toString()).toBe('sort=-name');
    expect(withParams(params, { trash: null }).toString()).toBe('q=b%C3%BChne&sort=-name');
    expect(withParams(params, { trash: '1' }).get('trash')).toBe('1');
    expect(withParams(params, { q: null, actor: 'u1', actor_name: 'Ada' }).toString()).toBe('sort=-name&actor=u1&actor_name=Ada');
    // The original stays as it was.
    expect(params.get('q')).toBe('bühne');
  });

  test('clearing keeps only what is named', () => {
    const params = new URLSearchParams('q=x&status=TODO&view=timeline&sort=title');
    expect(keepParams(params, ['view', 'sort', 'trash']).toString()).toBe('view=timeline&sort=title');
    expect(keepParams(params, []).toString()).toBe('');
  });

  test('a list parameter', () => {
    expect(listParam('TODO,DONE')).toEqual(['TODO', 'DONE']);
    expect(listParam('')).toEqual([]);
    expect(listParam(null)).toEqual([]);
  });
});
