import { AppShell, Burger, Group, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingStore, IconCalendarEvent, IconChecklist, IconLayoutDashboard, IconSettings, IconTruckDelivery } from '@tabler/icons-react';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useCan } from '@/lib/queries/me';
import { useSession } from '@/lib/auth/useSession';
import { PageLoader } from './PageLoader';
import { SearchLauncher } from '@/features/search/components/SearchLauncher';
import { UserMenu } from './UserMenu';

interface Item {
  to: string;
  label: string;
  icon: ReactNode;
  visible: boolean;
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const session = useSession();
  const seesSuppliers = useCan('suppliers:read');
  const seesClients = useCan('clients:read');
  const managesUsers = useCan('users:manage');
  const managesRoles = useCan('roles:manage');
  const readsAudit = useCan('audit:read');
  const items: Item[] = [
    { to: '/', label: t('nav.dashboard'), icon: <IconLayoutDashboard size={18} />, visible: true },
    { to: '/projects', label: t('nav.projects'), icon: <IconCalendarEvent size={18} />, visible: true },
    { to: '/my-tasks', label: t('nav.tasks'), icon: <IconChecklist size={18} />, visible: session?.user.role !== 'client' },
    { to: '/suppliers', label: t('nav.suppliers'), icon: <IconTruckDelivery size={18} />, visible: seesSuppliers },
    { to: '/clients', label: t('nav.clients'), icon: <IconBuildingStore size={18} />, visible: seesClients },
    { to: '/admin', label: t('nav.admin'), icon: <IconSettings size={18} />, visible: managesUsers || managesRoles || readsAudit },
  ];
  const active = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <UnstyledButton component={Link} to="/" aria-label={t('app.name')}>
              <Group gap={6} wrap="nowrap">
                <img src="/favicon.svg" width={24} height={24} alt="" />
                <Text fw={700} visibleFrom="xs">
                  {t('app.name')}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <SearchLauncher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.menu')}>
        <AppShell.Section grow component={ScrollArea}>
          <nav>
            {items
              .filter((item) => item.visible)
              .map((item) => (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  leftSection={item.icon}
                  active={active(item.to)}
                  onClick={close}
                />
              ))}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
