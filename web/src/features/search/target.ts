// Where a search result opens in the app.
import type { SearchResult } from './api/search';

const PROJECT_TABS: Record<string, string> = {
  bom_item: 'bom',
  permit: 'permits',
  transport: 'logistics',
  task: 'tasks',
  card: 'board',
  file: 'files',
};

export function targetOf(result: Pick<SearchResult, 'type' | 'id' | 'project_id'>): string {
  switch (result.type) {
    case 'project':
      return `/projects/${result.id}`;
    case 'client':
      return `/clients/${result.id}`;
    case 'supplier':
      return `/suppliers/${result.id}`;
    default: {
      const tab = PROJECT_TABS[result.type];
      if (!result.project_id || !tab) return '/';
      return `/projects/${result.project_id}/${tab}?focus=${result.id}`;
    }
  }
}
