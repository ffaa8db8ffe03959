import { describe, expect, test } from 'vitest';
import { targetOf } from './target';

describe('search results open where the record lives', () => {
  test('top-level records', () => {
    expect(targetOf({ type: 'project', id: 'p1', project_id: 'p1' })).toBe('/projects/p1');
    expect(targetOf({ type: 'client', id: 'c1', project_id: null })).toBe('/clients/c1');
    expect(targetOf({ type: 'supplier', id: 's1', project_id: null })).toBe('/suppliers/s1');
  });

  test('records of a project open its tab, focused on the record', () => {
    expect(targetOf({ type: 'bom_item', id: 'b1', project_id: 'p1' })).toBe('/projects/p1/bom?focus=b1');
    expect(targetOf({ type: 'card', id: 'k1', project_id: 'p1' })).toBe('/projects/p1/board?focus=k1');
    expect(targetOf({ type: 'file', id: 'f1', project_id: 'p1' })).toBe('/projects/p1/files?focus=f1');
  });

  test('a project record without its project goes home rather than nowhere', () => {
    expect(targetOf({ type: 'task', id: 't1', project_id: null })).toBe('/');
  });
});
