import { describe, expect, test } from 'vitest';
import type { components } from '@/lib/api/schema';
import { carriedSummary, indexTree, lineOf, MAX_CARRIED, shortQuantity, toggleLine } from './carried';
import { toCreateBody, toUpdateBody, valuesOf } from './components/TransportForm';

type BomNode = components['schemas']['BomNode'];

function node(id: string, name: string, children: BomNode[] = [], quantity = '1.000', unit = 'pcs'): BomNode {
  return {
    id,
    name,
    project_id: 'p',
    position: 0,
    quantity,
    unit,
    status: 'PLANNED',
    version: 1,
    depth: 1,
    created_at: '2027-01-01T00:00:00Z',
    updated_at: '2027-01-01T00:00:00Z',
    children,
  };
}

const tree = [
  node('stage', 'Stage & rigging', [
    node('main', 'Mainstage', [node('stairs-main', 'Stage stairs', [], '4.000')]),
    node('river', 'River stage', [node('stairs-river', 'Stage stairs', [], '2.000')]),
  ]),
  node('truss', 'Truss H40V', [], '180.000', 'm'),
];

describe('the BOM lines by id', () => {
  test('every line, with the names of the groups above it', () => {
    const index = indexTree(tree);
    expect(index.size).toBe(6);
    expect(index.get('stairs-main')).toEqual({ id: 'stairs-main', name: 'Stage stairs', path: ['Stage & rigging', 'Mainstage'], quantity: '4.000', unit: 'pcs' });
    expect(index.get('stairs-river')?.path).toEqual(['Stage & rigging', 'River stage']);
    expect(index.get('truss')?.path).toEqual([]);
  });

  test('a search result takes its groups from the index, else stands alone', () => {
    const index = indexTree(tree);
    const found = { ...node('stairs-river', 'Stage stairs'), parent_id: 'river' };
    expect(lineOf(found, index).path).toEqual(['Stage & rigging', 'River stage']);
    expect(lineOf({ ...node('new', 'New line'), quantity: '3.500' }, index)).toEqual({
      id: 'new',
      name: 'New line',
      path: [],
      quantity: '3.500',
      unit: 'pcs',
    });
    expect(lineOf(found, undefined).path).toEqual([]);
  });

  test('quantities without trailing zeros', () => {
    expect(shortQuantity('180.000')).toBe('180');
    expect(shortQuantity('2.500')).toBe('2.5');
    expect(shortQuantity('0.125')).toBe('0.125');
    expect(shortQuantity('12')).toBe('12');
  });
});

describe('choosing lines', () => {
  test('a line is added once and taken out again', () => {
    expect(toggleLine([], 'a')).toEqual({ ids: ['a'], refused: false });
    expect(toggleLine(['a', 'b'], 'a')).toEqual({ ids: ['b'], refused: false });
  });

  test('never more than the server takes; taking out still works at the limit', () => {
    expect(MAX_CARRIED).toBe(1000);
    expect(toggleLine(['a', 'b'], 'c', 2)).toEqual({ ids: ['a', 'b'], refused: true });
    expect(toggleLine(['a', 'b'], 'b', 2)).toEqual({ ids: ['a'], refused: false });
    const full = Array.from({ length: MAX_CARRIED }, (_, i) => `id-${i}`);
    expect(toggleLine(full, 'one more').refused).toBe(true);
  });
});

describe('the carried lines in a table row', () => {
  test('the first names in alphabetical order and how many more', () => {
    const index = indexTree(tree);
    expect(carriedSummary(['truss', 'stairs-main'], index)).toEqual({ names: ['Stage stairs', 'Truss H40V'], more: 0 });
    expect(carriedSummary(['truss', 'stairs-main', 'stairs-river', 'main'], index, 2)).toEqual({
      names: ['Mainstage', 'Stage stairs'],
      more: 2,
    });
  });

  test('before the names are loaded, or for lines deleted since: only the count', () => {
    expect(carriedSummary(['a', 'b'], undefined)).toEqual({ names: [], more: 2 });
    expect(carriedSummary(['truss', 'gone'], indexTree(tree))).toEqual({ names: ['Truss H40V'], more: 1 });
  });
});

describe('what the transport form sends', () => {
  const values = { ...valuesOf(), logistics_type: 'DELIVERY', description: 'Truss' };

  test('a new transport names its lines only when there are some', () => {
    expect(toCreateBody(values, false, false)).not.toHaveProperty('bom_item_ids');
    expect(toCreateBody({ ...values, bom_item_ids: ['a', 'b'] }, false, false).bom_item_ids).toEqual(['a', 'b']);
  });

  test('an edit replaces the lines with those the form shows, none included', () => {
    expect(toUpdateBody({ ...values, bom_item_ids: ['b'] }, false, false).bom_item_ids).toEqual(['b']);
    expect(toUpdateBody(values, false, false).bom_item_ids).toEqual([]);
  });

  test('an existing transport’s lines are in the form', () => {
    const transport = { bom_item_ids: ['x', 'y'] } as unknown as Parameters<typeof valuesOf>[0];
    expect(valuesOf(transport).bom_item_ids).toEqual(['x', 'y']);
  });
});
