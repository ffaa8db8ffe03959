import { describe, expect, test } from 'vitest';
import { descendantCount, grandTotal, isInSubtree, NO_FILTER, parentIds, visibleRows, withEdit, type BomNode } from './tree';

let next = 0;
function node(name: string, quantity: string, price: string, children: BomNode[] = [], extra: Partial<BomNode> = {}): BomNode {
  next += 1;
  const own = (Number(quantity) * Number(price)).toFixed(2);
  const rollup = children.reduce((sum, c) => sum + Number(c.rollup_total), Number(own)).toFixed(2);
  return {
    id: `${name}-${next}`,
    project_id: 'p',
    name,
    quantity,
    unit: 'pcs',
    unit_price: price,
    total_price: own,
    rollup_total: rollup,
    status: 'PLANNED',
    position: next,
    version: 1,
    created_at: '',
    updated_at: '',
    depth: 1,
    children,
    category: null,
    description: null,
    notes: null,
    parent_id: null,
    supplier_id: null,
    ...extra,
  } as BomNode;
}

function sample() {
  const speaker = node('Speaker', '8', '120.00', [], { category: 'Audio' });
  const cable = node('Cable', '20', '4.50', [], { category: 'Audio' });
  const audio = node('Audio system', '1', '0.00', [speaker, cable], { category: 'Audio' });
  const truss = node('Truss', '12', '85.50', [], { category: 'Rigging', status: 'ORDERED' });
  const stage = node('Stage', '1', '1000.00', [audio, truss]);
  const catering = node('Catering', '200', '18.90', [], { category: 'Food' });
  return { roots: [stage, catering], stage, audio, speaker, cable, truss, catering };
}

describe('rows a person sees', () => {
  test('collapsed nodes hide their children; expanding shows them with their depth', () => {
    const { roots, stage, audio } = sample();
    expect(visibleRows(roots, new Set()).map((r) => r.node.name)).toEqual(['Stage', 'Catering']);
    const rows = visibleRows(roots, new Set([stage.id, audio.id]));
    expect(rows.map((r) => `${r.depth}:${r.node.name}`)).toEqual([
      '1:Stage',
      '2:Audio system',
      '3:Speaker',
      '3:Cable',
      '2:Truss',
      '1:Catering',
    ]);
    expect(rows[0]?.hasChildren).toBe(true);
    expect(rows[2]?.hasChildren).toBe(false);
  });

  test('a filter shows matches with their ancestors as context, expanded', () => {
    const { roots } = sample();
    const rows = visibleRows(roots, new Set(), { ...NO_FILTER, text: 'spea' });
    expect(rows.map((r) => [r.node.name, r.context])).toEqual([
      ['Stage', true],
      ['Audio system', true],
      ['Speaker', false],
    ]);
    const ordered = visibleRows(roots, new Set(), { ...NO_FILTER, status: 'ORDERED' });
    expect(ordered.map((r) => r.node.name)).toEqual(['Stage', 'Truss']);
    expect(visibleRows(roots, new Set(), { ...NO_FILTER, category: 'Food' }).map((r) => r.node.name)).toEqual(['Catering']);
  });

  test('2,000 rows flatten fast enough to redo on every keystroke', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      node(`Group ${i}`, '1', '0', Array.from({ length: 9 }, (_, j) => node(`Item ${i}.${j}`, '2', '3.33'))),
    );
    const started = performance.now();
    const rows = visibleRows(many, new Set(parentIds(many)));
    expect(rows).toHaveLength(2000);
    // A generous bound: this guards against an accidental quadratic walk, not a benchmark.
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('editing keeps totals exact', () => {
  test('a quantity change updates its total and every rollup above it', () => {
    const { roots, speaker, stage } = sample();
    expect(grandTotal(roots)).toBe('6856.00');
    const edited = withEdit(roots, speaker.id, { quantity: '10' });
    const stageAfter = edited.find((n) => n.id === stage.id);
    expect(stageAfter?.children[0]?.children[0]?.total_price).toBe('1200.00');
    expect(stageAfter?.children[0]?.rollup_total).toBe('1290.00');
    expect(stageAfter?.rollup_total).toBe('3316.00');
    expect(grandTotal(edited)).toBe('7096.00');
  });

  test('prices that floats cannot hold stay exact', () => {
    const { roots, cable } = sample();
    const edited = withEdit(roots, cable.id, { quantity: '3', unit_price: '0.10' });
    expect(edited[0]?.children[0]?.children[1]?.total_price).toBe('0.30');
  });

  test('untouched branches are kept as they were (no needless re-render)', () => {
    const { roots, speaker, catering } = sample();
    const edited = withEdit(roots, speaker.id, { quantity: '9' });
    expect(edited[1]).toBe(catering);
  });

  test('without costs (no prices sent) nothing is invented', () => {
    const hidden = node('Item', '2', '0', [], { unit_price: null, total_price: null, rollup_total: null });
    const [after] = withEdit([hidden], hidden.id, { quantity: '5' });
    expect(after?.total_price).toBeNull();
    expect(after?.rollup_total).toBeNull();
  });
});

describe('moves', () => {
  test('an item cannot move under itself or its descendants', () => {
    const { roots, stage, speaker, catering } = sample();
    expect(isInSubtree(roots, stage.id, speaker.id)).toBe(true);
    expect(isInSubtree(roots, stage.id, stage.id)).toBe(true);
    expect(isInSubtree(roots, speaker.id, stage.id)).toBe(false);
    expect(isInSubtree(roots, catering.id, speaker.id)).toBe(false);
    expect(descendantCount(stage)).toBe(4);
  });
});
