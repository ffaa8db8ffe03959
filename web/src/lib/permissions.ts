// The permission strings a global role (or an API token's scopes) can grant, with a name and
// a sentence a person understands, and the names of the built-in roles. The list mirrors
// `ALL_PERMISSIONS` in crates/app/src/actor.rs; `*` (admins) grants all of them.
import { useTranslation } from 'react-i18next';
import { defineTexts } from '@/lib/i18n/define';

export const PERMISSIONS = [
  'projects:create',
  'projects:read_all',
  'clients:read',
  'clients:write',
  'suppliers:read',
  'suppliers:write',
  'users:read',
  'users:manage',
  'roles:manage',
  'costs:read',
  'bom:write',
  'audit:read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const BUILTIN_ROLES = ['admin', 'project_manager', 'member', 'viewer', 'client'] as const;

defineTexts(
  'permissions',
  {
    all: 'Alle Berechtigungen',
    list: {
      projects: {
        create: { label: 'Projekte anlegen', description: 'Neue Projekte anlegen und dann leiten.' },
        read_all: { label: 'Alle Projekte sehen', description: 'Jedes Projekt sehen, nicht nur die, in deren Team man ist.' },
      },
      clients: {
        read: { label: 'Kunden sehen', description: 'Die Kundenliste und die Kontaktdaten der Kunden sehen.' },
        write: { label: 'Kunden bearbeiten', description: 'Kunden anlegen, ändern und in den Papierkorb legen.' },
      },
      suppliers: {
        read: { label: 'Lieferanten sehen', description: 'Die Lieferantenliste und ihre Kontaktdaten sehen.' },
        write: { label: 'Lieferanten bearbeiten', description: 'Lieferanten anlegen, ändern, bewerten und in den Papierkorb legen.' },
      },
      users: {
        read: { label: 'Personen sehen', description: 'Die Personen der Firma sehen, z. B. um sie einem Projekt zuzuordnen.' },
        manage: { label: 'Personen verwalten', description: 'Konten anlegen, Rollen zuweisen, Konten deaktivieren, Links zum Zurücksetzen erzeugen.' },
      },
      roles: {
        manage: { label: 'Rollen verwalten', description: 'Eigene Rollen anlegen und ändern, Zwei-Faktor-Anmeldung für Rollen verlangen.' },
      },
      costs: {
        read: { label: 'Kosten sehen', description: 'Budgets, Preise und Kosten der eigenen Projekte sehen.' },
      },
      bom: {
        write: { label: 'Material bearbeiten', description: 'Materiallisten der eigenen Projekte bearbeiten und importieren.' },
      },
      audit: {
        read: { label: 'Protokoll lesen', description: 'Im Änderungsprotokoll nachsehen, wer wann was geändert hat.' },
      },
    },
    roles: {
      admin: 'Administration',
      project_manager: 'Projektleitung',
      member: 'Mitarbeit',
      viewer: 'Nur lesen',
      client: 'Kunde',
    },
  },
  {
    all: 'All permissions',
    list: {
      projects: {
        create: { label: 'Create projects', description: 'Create new projects and then manage them.' },
        read_all: { label: 'See all projects', description: 'See every project, not only those one is on the team of.' },
      },
      clients: {
        read: { label: 'See clients', description: 'See the client list and the clients’ contact details.' },
        write: { label: 'Edit clients', description: 'Create, change and trash clients.' },
      },
      suppliers: {
        read: { label: 'See suppliers', description: 'See the supplier list and their contact details.' },
        write: { label: 'Edit suppliers', description: 'Create, change, rate and trash suppliers.' },
      },
      users: {
        read: { label: 'See people', description: 'See the company’s people, e.g. to add them to a project.' },
        manage: { label: 'Manage people', description: 'Create accounts, assign roles, deactivate accounts, make reset links.' },
      },
      roles: {
        manage: { label: 'Manage roles', description: 'Create and change custom roles, require two-factor sign-in for a role.' },
      },
      costs: {
        read: { label: 'See costs', description: 'See budgets, prices and costs of one’s projects.' },
      },
      bom: {
        write: { label: 'Edit materials', description: 'Edit and import the bills of materials of one’s projects.' },
      },
      audit: {
        read: { label: 'Read the audit log', description: 'Look up in the audit log who changed what and when.' },
      },
    },
    roles: {
      admin: 'Administrator',
      project_manager: 'Project manager',
      member: 'Member',
      viewer: 'Viewer',
      client: 'Client',
    },
  },
);

/** `projects:create` → `list.projects.create` (i18next reads `:` as a namespace separator). */
function key(permission: string): string {
  return `list.${permission.replace(':', '.')}`;
}

/** Names and descriptions of permissions and built-in roles in the user's language. */
export function usePermissionTexts() {
  const { t } = useTranslation('permissions');
  return {
    label: (permission: string) =>
      permission === '*' ? t('all') : t(`${key(permission)}.label`, { defaultValue: permission }),
    description: (permission: string) => t(`${key(permission)}.description`, { defaultValue: '' }),
    /** A built-in role's name translated; a custom role keeps its own name. */
    role: (name: string) => t(`roles.${name}`, { defaultValue: name }),
  };
}
