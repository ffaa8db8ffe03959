import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Client } from '@/lib/queries/types';
import { ContactForm } from './ContactForm';
import { CONTACT_FIELDS, contactBody, contactRules, contactValues, type ContactValues } from './formParts';
import '../i18n';

export type ClientValues = ContactValues;

export function clientValues(client?: Client): ClientValues {
  return contactValues(client);
}

/** The form's values as the API's create/update body: empty texts clear the field. */
export function clientBody(values: ClientValues) {
  return contactBody(values);
}

interface Props {
  initial: ClientValues;
  submitLabel: string;
  onSubmit: (values: ClientValues) => Promise<unknown>;
  onCancel: () => void;
  /** After a 412: fetches the latest version for the form to show. */
  onReload?: () => Promise<ClientValues | undefined>;
}

export function ClientForm({ initial, ...rest }: Props) {
  const { t } = useTranslation('directory');
  const form = useForm<ClientValues>({ resolver: zodResolver(z.object(contactRules(t))), defaultValues: initial });
  return <ContactForm form={form} fields={CONTACT_FIELDS} {...rest} />;
}
