// Reading an audit entry's `changes`: an update stores `{field: {before, after}}`, a create
// stores the new record's values, sign-in events store a few facts. This turns each into
// rows a person can read.
import { formatDate, formatDateTime } from '@/lib/format';

/** Every action the server records (crates/app: `audit::record` calls). */
export const AUDIT_ACTIONS = [
  'user.create', 'user.update', 'user.role_change', 'user.deactivate', 'user.delete',
  'role.create', 'role.update', 'role.delete',
  'client.create', 'client.update', 'client.delete', 'client.restore',
  'supplier.create', 'supplier.update', 'supplier.delete', 'supplier.restore',
  'project.create', 'project.update', 'project.transition', 'project.delete', 'project.restore',
  'member.add', 'member.update', 'member.remove',
  'bom_item.create', 'bom_item.update', 'bom_item.delete', 'bom_item.import',
  'permit.create', 'permit.update', 'permit.delete',
  'transport.create', 'transport.update', 'transport.delete',
  'task.create', 'task.update', 'task.delete', 'task.dependency_add', 'task.dependency_remove',
  'workflow_stage.create', 'workflow_stage.update', 'workflow_stage.delete',
  'board.create', 'board.update', 'board.delete',
  'column.create', 'column.update', 'column.delete',
  'card.create', 'card.update', 'card.move', 'card.delete',
  'file.upload', 'file.update', 'file.delete', 'file.restore', 'file.purge',
  'auth.login', 'auth.login_failed', 'auth.logout', 'auth.logout_all', 'auth.refresh_reuse',
  'auth.session_revoke', 'auth.password_change', 'auth.password_reset', 'auth.password_reset_request',
  'auth.password_reset_link', 'auth.mfa_setup', 'auth.mfa_enable', 'auth.mfa_disable',
  'auth.token_create', 'auth.token_revoke',
] as const;

/** The `entity_type`s entries carry. */
export const ENTITY_TYPES = [
  'user', 'role', 'api_token', 'client', 'supplier', 'project', 'project_member', 'bom_item', 'permit',
  'transport', 'task', 'workflow_stage', 'board', 'column', 'card', 'file',
] as const;

/** `supplier.create` → `{ entity: 'supplier', verb: 'create' }`. */
export function splitAction(action: string): { entity: string; verb: string } {
  const dot = action.indexOf('.');
  return dot < 0 ? { entity: action, verb: '' } : { entity: action.slice(0, dot), verb: action.slice(dot + 1) };
}

export type ChangeView =
  | { kind: 'diff'; rows: { field: string; before: unknown; after: unknown }[] }
  | { kind: 'values'; rows: { field: string; value: unknown }[] }
  | { kind: 'none' };

/** Bookkeeping fields that say nothing to a reader of a created record. */
const NOISE = new Set(['id', 'version', 'created_at', 'updated_at', 'deleted_at']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBeforeAfter(value: unknown): value is { before: unknown; after: unknown } {
  return isObject(value) && 'before' in value && 'after' in value && Object.keys(value).length === 2;
}

export function describeChanges(changes: unknown): ChangeView {
  if (!isObject(changes)) {
    return changes === null || changes === undefined ? { kind: 'none' } : { kind: 'values', rows: [{ field: '', value: changes }] };
  }
  const entries = Object.entries(changes);
  if (entries.length === 0) return { kind: 'none' };
  if (entries.every(([, value]) => isBeforeAfter(value))) {
    return {
      kind: 'diff',
      rows: entries.map(([field, value]) => {
        const { before, after } = value as { before: unknown; after: unknown };
        return { field, before, after };
      }),
    };
  }
  const rows = entries
    .filter(([field, value]) => !NOISE.has(field) && value !== null && value !== '')
    .map(([field, value]) => ({ field, value }));
  return rows.length === 0 ? { kind: 'none' } : { kind: 'values', rows };
}

/** One stored value as text: dates in the user's locale, yes/no, lists joined. */
export function formatAuditValue(value: unknown, words: { yes: string; no: string }): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map((v) => formatAuditValue(v, words)).join(', ');
  return JSON.stringify(value);
}

/** The first block of a UUID, enough to tell records apart on screen. */
export function shortId(id: string | null | undefined): string {
  return id ? id.split('-')[0] ?? id : '–';
}
