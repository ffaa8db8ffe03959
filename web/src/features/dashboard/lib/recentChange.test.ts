import { describe, expect, it } from 'vitest';
import { changeTarget, changeVerb } from './recentChange';

const project_id = 'p1';

describe('changeTarget', () => {
  it('opens the tab that shows the record, focused where the tab can focus it', () => {
    expect(changeTarget({ project_id, entity_type: 'task', entity_id: 't1', action: 'task.update' })).toBe('/projects/p1/tasks?focus=t1');
    expect(changeTarget({ project_id, entity_type: 'bom_item', entity_id: 'b1', action: 'bom_item.create' })).toBe('/projects/p1/bom');
    expect(changeTarget({ project_id, entity_type: 'card', entity_id: 'c1', action: 'card.move' })).toBe('/projects/p1/board');
  });

  it('does not focus a deleted record and opens the overview for the project itself', () => {
    expect(changeTarget({ project_id, entity_type: 'permit', entity_id: 'x', action: 'permit.delete' })).toBe('/projects/p1/permits');
    expect(changeTarget({ project_id, entity_type: 'project', entity_id: 'p1', action: 'project.update' })).toBe('/projects/p1');
    expect(changeTarget({ project_id, entity_type: 'something_new', entity_id: null, action: 'x.y' })).toBe('/projects/p1');
  });
});

describe('changeVerb', () => {
  it('reads the verb of an audit action', () => {
    expect(changeVerb('bom_item.update')).toBe('update');
    expect(changeVerb('project.transition')).toBe('transition');
    expect(changeVerb('bom_item.import')).toBe('import');
    expect(changeVerb('file.share')).toBe('other');
  });
});
