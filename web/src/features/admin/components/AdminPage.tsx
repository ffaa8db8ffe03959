import { Alert, Center, Loader, ScrollArea, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { useCan, useMe } from '@/lib/queries/me';
import '../i18n';

export type AdminTab = 'users' | 'roles' | 'audit';

/** Who may see which tab: the same permissions the API checks. */
export function useAdminTabs(): AdminTab[] {
  const users = useCan('users:manage');
  const roles = useCan('roles:manage');
  const audit = useCan('audit:read');
  return [...(users ? ['users' as const] : []), ...(roles ? ['roles' as const] : []), ...(audit ? ['audit' as const] : [])];
}

/** Administration: people, roles and the audit log as tabs; the tab is the child route. */
export function AdminPage() {
  const { t } = useTranslation('admin');
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const tabs = useAdminTabs();
  const rest = location.pathname.replace(/^\/admin\/?/, '').split('/')[0] ?? '';
  const current: AdminTab = rest === 'roles' || rest === 'audit' ? rest : 'users';

  if (me.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" aria-label={t('title')} />
      </Center>
    );
  }
  if (tabs.length === 0) {
    return (
      <>
        <PageHeader title={t('title')} />
        <Alert color="yellow">{t('noAccess')}</Alert>
      </>
    );
  }
  if (!tabs.includes(current)) {
    const first = tabs[0] ?? 'users';
    return <Navigate to={first === 'users' ? '/admin' : `/admin/${first}`} replace />;
  }

  return (
    <>
      <PageHeader title={t('title')} />
      <Tabs value={current} onChange={(tab) => tab && void navigate(tab === 'users' ? '/admin' : `/admin/${tab}`)} keepMounted={false}>
        <ScrollArea type="never" offsetScrollbars={false}>
          <Tabs.List style={{ flexWrap: 'nowrap' }}>
            {tabs.map((tab) => (
              <Tabs.Tab key={tab} value={tab}>
                {t(`tabs.${tab}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </ScrollArea>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab} value={tab} pt="md">
            <Outlet />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
