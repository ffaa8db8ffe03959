import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { IconLanguage, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '@/lib/api/client';
import { clearSession } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/useSession';
import { LANGUAGES, setLanguage } from '@/lib/i18n';

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!session) return null;
  const { first_name, last_name, email } = session.user;
  const initials = `${first_name.charAt(0)}${last_name.charAt(0)}`.toUpperCase() || email.charAt(0).toUpperCase();

  const logout = async () => {
    try {
      await api.POST('/api/v1/auth/logout', { body: {} });
    } finally {
      clearSession();
      queryClient.clear();
      void navigate('/login');
    }
  };

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`${t('nav.account')}: ${first_name} ${last_name}`} data-testid="user-menu">
          <Avatar color="blue" radius="xl" size={34}>
            {initials}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {first_name} {last_name}
        </Menu.Label>
        <Menu.Item leftSection={<IconUserCircle size={16} />} component={Link} to="/account">
          {t('nav.account')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('nav.language')}</Menu.Label>
        {LANGUAGES.map((language) => (
          <Menu.Item
            key={language}
            leftSection={<IconLanguage size={16} />}
            onClick={() => setLanguage(language)}
            fw={i18n.language === language ? 700 : undefined}
            aria-current={i18n.language === language ? 'true' : undefined}
          >
            {t(`languages.${language}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={() => void logout()}>
          {t('nav.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
