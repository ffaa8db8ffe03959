// The server's 422 field errors carry a stable `code` and an English `message`. Every code the
// server emits has a sentence here in German and English (limits such as "at most 200
// characters" are taken from the server's message); an unknown code keeps the server's
// sentence. Screens may still override a code with their own sentence (`localizeFieldProblems`).
import type { TFunction } from 'i18next';
import { ApiProblem, type FieldProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import i18n from '@/lib/i18n';
import { defineTexts } from '@/lib/i18n/define';

defineTexts(
  'fieldErrors',
  {
    // One sentence per code, without numbers: shown when the server's message names none.
    codes: {
      after_start: 'Dieses Datum darf nicht nach dem Beginn liegen.',
      before_application: 'Die Genehmigung kann nicht vor dem Antrag liegen.',
      before_end: 'Dieses Datum darf nicht vor dem Ende liegen.',
      before_start: 'Dieses Datum darf nicht vor dem Beginn liegen.',
      client_user: 'Kundenbenutzer sehen die Projekte ihres Kunden ohne Mitgliedschaft.',
      content_mismatch: 'Der Inhalt der Datei passt nicht zu ihrem Dateityp.',
      empty: 'Die Datei enthält keine Zeilen.',
      empty_file: 'Die Datei ist leer.',
      forbidden: 'Dafür fehlt Ihnen die Berechtigung.',
      in_the_past: 'Das Datum muss in der Zukunft liegen.',
      inactive_supplier: 'Dieser Lieferant ist inaktiv.',
      invalid_bool: 'Bitte ja oder nein angeben.',
      invalid_characters: 'Enthält Steuerzeichen.',
      invalid_choice: 'Bitte einen der angebotenen Werte wählen.',
      invalid_code: 'Der Code stimmt nicht (oder wurde schon benutzt). Bitte den aktuellen Code eingeben.',
      invalid_color: 'Bitte eine Farbe wie #1C7ED6 angeben.',
      invalid_decimal: 'Bitte eine Zahl wie 1499,90 eingeben.',
      invalid_email: 'Bitte eine E-Mail-Adresse wie name@example.com eingeben.',
      invalid_name: 'Dieser Name ist nicht erlaubt.',
      invalid_phone: 'Nur Ziffern, Leerzeichen und + - ( ) / . sind erlaubt.',
      invalid_rating: 'Eine Bewertung von 0 bis 5 mit höchstens zwei Nachkommastellen.',
      invalid_status: 'Diesen Status gibt es nicht.',
      invalid_token: 'Der Link ist ungültig, abgelaufen oder wurde schon benutzt.',
      invalid_type: 'Dieser Wert hat nicht das erwartete Format.',
      invalid_username: 'Nur Buchstaben, Ziffern und . _ -',
      key_reused: 'Diese Anfrage wurde schon mit anderem Inhalt gesendet. Bitte neu laden und erneut versuchen.',
      negative: 'Der Wert darf nicht negativ sein.',
      not_a_member: 'Die Person muss Mitglied des Projekts sein.',
      not_after_approval: 'Das Ablaufdatum muss nach dem Genehmigungsdatum (bzw. dem Antragsdatum) liegen.',
      not_allowed: 'Nur Kundenbenutzer gehören zu einem Kunden.',
      not_yours: 'Diese Berechtigung haben Sie selbst nicht.',
      out_of_range: 'Dieser Wert liegt außerhalb des erlaubten Bereichs.',
      read_only: 'Das kann hier nicht geändert werden.',
      required: 'Pflichtfeld',
      too_common: 'Dieses Passwort ist zu leicht zu erraten. Bitte ein anderes wählen.',
      too_deep: 'Zu tief verschachtelt.',
      too_large: 'Dieser Wert ist zu groß.',
      too_long: 'Das ist zu lang.',
      too_many: 'Das sind zu viele Einträge.',
      too_many_decimals: 'Zu viele Nachkommastellen.',
      too_short: 'Das ist zu kurz.',
      unknown_client: 'Diesen Kunden gibt es nicht.',
      unknown_column: 'Diese Spalte gehört nicht zu dieser Tafel.',
      unknown_currency: 'Bitte einen Währungscode wie EUR angeben.',
      unknown_field: 'Dieses Feld gibt es hier nicht.',
      unknown_item: 'Einige Materialposten gehören nicht zu diesem Projekt.',
      unknown_parent: 'Diesen übergeordneten Posten gibt es in diesem Projekt nicht.',
      unknown_permission: 'Diese Berechtigung gibt es nicht.',
      unknown_role: 'Diese Rolle gibt es nicht.',
      unknown_stage: 'Diese Phase gehört nicht zu diesem Projekt.',
      unknown_status: 'Diesen Status gibt es nicht.',
      unknown_supplier: 'Diesen Lieferanten gibt es nicht.',
      unknown_task: 'Diese Aufgabe gehört nicht zu diesem Projekt.',
      unknown_user: 'Diese Person gibt es nicht, oder sie ist deaktiviert.',
      use_transition: 'Der Status wird über die Statusaktionen geändert.',
      wrong_password: 'Das Passwort stimmt nicht.',
    },
    // The same with what the server's message names: a limit, a range, a name.
    withValues: {
      invalid_name: '{{min}}–{{max}} Zeichen aus a–z, 0–9 und _.',
      out_of_range: 'Bitte einen Wert von {{min}} bis {{max}} angeben.',
      out_of_range_max: 'Höchstens {{max}}.',
      too_deep: 'Höchstens {{max}} Ebenen.',
      too_large: 'Höchstens {{max}}.',
      too_long: 'Höchstens {{max}} Zeichen.',
      too_many: 'Das sind zu viele Einträge (höchstens {{max}}).',
      too_many_decimals: 'Höchstens {{max}} Nachkommastellen.',
      too_short: 'Mindestens {{min}} Zeichen.',
      inactive_supplier: 'Der Lieferant „{{name}}“ ist inaktiv.',
      unknown_parent: 'Keine frühere Zeile und kein Posten heißt „{{name}}“.',
      unknown_supplier: 'Kein Lieferant heißt „{{name}}“.',
    },
  },
  {
    codes: {
      after_start: 'This date must not be after the start date.',
      before_application: 'The approval cannot be before the application.',
      before_end: 'This date must not be before the end date.',
      before_start: 'This date must not be before the start date.',
      client_user: 'Client users see their client’s projects without being members.',
      content_mismatch: 'The file’s content does not match its file type.',
      empty: 'The file contains no rows.',
      empty_file: 'The file is empty.',
      forbidden: 'You are not allowed to do this.',
      in_the_past: 'The date must be in the future.',
      inactive_supplier: 'This supplier is inactive.',
      invalid_bool: 'Please choose yes or no.',
      invalid_characters: 'Contains control characters.',
      invalid_choice: 'Please choose one of the offered values.',
      invalid_code: 'The code is not right (or was used already). Please enter the current code.',
      invalid_color: 'Please enter a colour such as #1C7ED6.',
      invalid_decimal: 'Please enter a number such as 1499.90.',
      invalid_email: 'Please enter an email address such as name@example.com.',
      invalid_name: 'This name is not allowed.',
      invalid_phone: 'Only digits, spaces and + - ( ) / . are allowed.',
      invalid_rating: 'A rating from 0 to 5 with at most two decimals.',
      invalid_status: 'This status does not exist.',
      invalid_token: 'The link is invalid, has expired or was already used.',
      invalid_type: 'This value does not have the expected format.',
      invalid_username: 'Letters, digits and . _ - only',
      key_reused: 'This request was already sent with different content. Please reload and try again.',
      negative: 'The value must not be negative.',
      not_a_member: 'This person must be a member of the project.',
      not_after_approval: 'The expiry date must be after the approval date (or the application date).',
      not_allowed: 'Only client users belong to a client.',
      not_yours: 'You do not hold this permission yourself.',
      out_of_range: 'This value is out of the allowed range.',
      read_only: 'This cannot be changed here.',
      required: 'Required',
      too_common: 'This password is too easy to guess. Please choose another.',
      too_deep: 'Nested too deeply.',
      too_large: 'This value is too large.',
      too_long: 'This is too long.',
      too_many: 'These are too many entries.',
      too_many_decimals: 'Too many decimal places.',
      too_short: 'This is too short.',
      unknown_client: 'This client does not exist.',
      unknown_column: 'This column is not part of this board.',
      unknown_currency: 'Please enter a currency code such as EUR.',
      unknown_field: 'This field does not exist here.',
      unknown_item: 'Some material lines do not belong to this project.',
      unknown_parent: 'This parent line does not exist in this project.',
      unknown_permission: 'This permission does not exist.',
      unknown_role: 'This role does not exist.',
      unknown_stage: 'This stage does not belong to this project.',
      unknown_status: 'This status does not exist.',
      unknown_supplier: 'This supplier does not exist.',
      unknown_task: 'This task does not belong to this project.',
      unknown_user: 'This user does not exist or is deactivated.',
      use_transition: 'The status is changed through the status actions.',
      wrong_password: 'The password is not correct.',
    },
    withValues: {
      invalid_name: '{{min}}–{{max}} characters of a–z, 0–9 and _.',
      out_of_range: 'Please enter a value from {{min}} to {{max}}.',
      out_of_range_max: 'At most {{max}}.',
      too_deep: 'At most {{max}} levels.',
      too_large: 'At most {{max}}.',
      too_long: 'At most {{max}} characters.',
      too_many: 'These are too many entries (at most {{max}}).',
      too_many_decimals: 'At most {{max}} decimal places.',
      too_short: 'At least {{min}} characters.',
      inactive_supplier: 'The supplier “{{name}}” is inactive.',
      unknown_parent: 'No earlier row or line is called “{{name}}”.',
      unknown_supplier: 'No supplier is called “{{name}}”.',
    },
  },
);

/**
 * The numbers a server sentence names, in order: "must be between 1 and 50" → `['1', '50']`.
 * Digits inside a field path (`stages[3].name`, `line2`) are not numbers of the sentence.
 */
export function messageNumbers(message: string | undefined): string[] {
  return message?.match(/(?<![\w.[\]])\d+(?:\.\d+)?(?![\w\]])/g) ?? [];
}

/** The first name in double quotes of a server sentence: `no supplier is called "Acme"` → `Acme`. */
export function messageName(message: string | undefined): string | undefined {
  return message?.match(/"([^"]+)"/)?.[1];
}

type Values = { min?: string; max?: string; name?: string };

/**
 * Which `withValues` sentence a code takes, given what its server message names (else none).
 * The message usually starts with the field's name, which may hold digits of its own (a
 * spreadsheet column "Price 2026"): that part is not read.
 */
function withValues(code: string, message: string | undefined, field: string | undefined): [key: string, values: Values] | null {
  const sentence = field && message?.startsWith(field) ? message.slice(field.length) : message;
  const numbers = messageNumbers(sentence).map((n) => formatNumber(n, 3));
  const last = numbers.at(-1);
  switch (code) {
    case 'too_long':
    case 'too_many':
    case 'too_many_decimals':
    case 'too_deep':
    case 'too_large':
      return last ? [code, { max: last }] : null;
    case 'too_short':
      return numbers[0] ? [code, { min: numbers[0] }] : null;
    case 'out_of_range':
      if (numbers.length >= 2) return [code, { min: numbers[0], max: numbers[1] }];
      return last ? ['out_of_range_max', { max: last }] : null;
    case 'invalid_name':
      // The role rule ("name uses 2–64 of a-z, 0-9 and _"); a file name's problems name no range.
      return numbers.length >= 2 && sentence?.includes('a-z') ? [code, { min: numbers[0], max: numbers[1] }] : null;
    case 'inactive_supplier':
    case 'unknown_parent':
    case 'unknown_supplier': {
      const name = messageName(sentence);
      return name ? [code, { name }] : null;
    }
    default:
      return null;
  }
}

/**
 * The sentence for a field error in the user's language, or the server's own `message` for an
 * unknown code. `field` is the field the server named (its message starts with it).
 */
export function fieldErrorText(code: string | undefined, message: string | undefined, field?: string): string {
  if (!code || !i18n.exists(`fieldErrors:codes.${code}`)) return message ?? '';
  const specific = withValues(code, message, field);
  if (specific) return i18n.t(`fieldErrors:withValues.${specific[0]}`, specific[1]);
  return i18n.t(`fieldErrors:codes.${code}`);
}

/** An `ApiProblem` whose field messages are already sentences in the user's language. */
export class LocalizedProblem extends ApiProblem {}

/**
 * The same error with each field problem's message in the user's language: `override(problem)`
 * where a screen has its own sentence, else `fieldErrorText`. Other errors pass through.
 */
export function localizeFieldProblems(error: unknown, override?: (problem: FieldProblem) => string | undefined): unknown {
  if (!(error instanceof ApiProblem) || error instanceof LocalizedProblem || error.fieldErrors.length === 0) return error;
  return new LocalizedProblem(
    error.status,
    {
      type: `about:problem/${error.kind}`,
      detail: error.detail,
      request_id: error.requestId,
      code: error.code,
      records: error.records,
      errors: error.fieldErrors.map((problem) => ({
        ...problem,
        message: override?.(problem) || fieldErrorText(problem.code, problem.message, problem.field),
      })),
    },
    error.retryAfter,
  );
}

/** One sentence for a notification: a 422's field messages (translated), else `errorMessage`. */
export function problemSentence(error: unknown, t: TFunction): string {
  const localized = localizeFieldProblems(error);
  if (localized instanceof ApiProblem && localized.status === 422 && localized.fieldErrors.length > 0) {
    return localized.fieldErrors.map((problem) => problem.message).join(' ');
  }
  return errorMessage(error, t);
}
