import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import dayjs from 'dayjs';
import 'dayjs/locale/de';
import 'dayjs/locale/en-gb';
import { queryClient } from '@/lib/api/queryClient';
import { router } from './router';
import { cssVariables, makeTheme } from './theme';

export function App() {
  const { t, i18n } = useTranslation();
  const theme = useMemo(() => makeTheme(t('actions.close')), [t]);
  // English dates in the European order (23/05/2027), as the people using this app write them.
  const dateLocale = i18n.language === 'de' ? 'de' : 'en-gb';
  dayjs.locale(dateLocale);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariables}>
      <DatesProvider settings={{ locale: dateLocale, firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <ModalsProvider>
            <RouterProvider router={router} />
          </ModalsProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
