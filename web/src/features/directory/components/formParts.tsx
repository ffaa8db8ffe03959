// Pieces both directory forms share: the error/conflict message above a form, the form's
// buttons, and the text rules the server also applies.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import '../i18n';

/** A loose email check for quick feedback; the server has the final word (its 422 shows too). */
export const looseEmail = /^[^\s@]+@[^\s@]+$/;

export function textField(t: (key: string, options?: Record<string, unknown>) => string, max: number) {
  return z.string().max(max, t('form.tooLong', { max }));
}

export function optionalEmail(t: (key: string, options?: Record<string, unknown>) => string) {
  return z
    .string()
    .trim()
    .max(254, t('form.tooLong', { max: 254 }))
    .refine((v) => v === '' || looseEmail.test(v), t('form.emailFormat'));
}

/** Empty text is "no value" for the API. */
export function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function FormMessage({ message, conflict, onReload }: { message: string | null; conflict: boolean; onReload?: () => void }) {
  const { t } = useTranslation('directory');
  if (!message) return null;
  return (
    <Alert color={conflict ? 'yellow' : 'red'} role="alert" title={conflict ? t('form.conflictTitle') : undefined}>
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {conflict && onReload && (
          <Group>
            <Button size="xs" variant="white" onClick={onReload}>
              {t('form.loadLatest')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function FormButtons({ submitLabel, submitting, onCancel }: { submitLabel: string; submitting: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={onCancel}>
        {t('actions.cancel')}
      </Button>
      <Button type="submit" loading={submitting}>
        {submitLabel}
      </Button>
    </Group>
  );
}
