// Presentational pieces of the directory screens: a labelled value list, a rating, contact links.
import { Anchor, Box, Group, SimpleGrid, Text } from '@mantine/core';
import { IconStar, IconStarFilled, IconStarHalfFilled } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/lib/format';
import { stars } from './rating';
import '../i18n';

/** A definition list: labels above values, two columns from tablet width on. */
export function Details({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
      {children}
    </SimpleGrid>
  );
}

export function Detail({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation('directory');
  const empty = children === null || children === undefined || children === '';
  return (
    <Box style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
        {empty ? t('detail.none') : children}
      </Text>
    </Box>
  );
}

/** Stars for a quick look plus the number for reading (and screen readers). */
export function RatingView({ rating }: { rating: string | null | undefined }) {
  const { t } = useTranslation('directory');
  if (!rating) {
    return (
      <Text size="sm" c="dimmed" component="span">
        {t('suppliers.noRating')}
      </Text>
    );
  }
  const { full, half } = stars(rating);
  return (
    <Group gap={4} wrap="nowrap" component="span">
      <Group gap={0} wrap="nowrap" aria-hidden component="span" c="yellow.7">
        {Array.from({ length: 5 }, (_, i) =>
          i < full ? (
            <IconStarFilled key={i} size={14} />
          ) : i === full && half ? (
            <IconStarHalfFilled key={i} size={14} />
          ) : (
            <IconStar key={i} size={14} />
          ),
        )}
      </Group>
      <Text size="sm" component="span" style={{ whiteSpace: 'nowrap' }}>
        {t('suppliers.ratingValue', { rating: formatNumber(rating, 2) })}
      </Text>
    </Group>
  );
}

export function EmailLink({ email }: { email: string | null | undefined }) {
  if (!email) return null;
  return (
    <Anchor href={`mailto:${email}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {email}
    </Anchor>
  );
}

export function PhoneLink({ phone }: { phone: string | null | undefined }) {
  if (!phone) return null;
  return (
    <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
      {phone}
    </Anchor>
  );
}
