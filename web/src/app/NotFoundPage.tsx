import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl">
      <Title order={1} size="h2">
        404
      </Title>
      <Text>{t('errors.pageNotFound')}</Text>
      <Button component={Link} to="/">
        {t('nav.dashboard')}
      </Button>
    </Stack>
  );
}
