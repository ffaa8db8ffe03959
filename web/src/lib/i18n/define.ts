// A feature's texts, registered when the feature's code is loaded (lazy screens bring their
// texts with them). Use: `export const t = defineTexts('projects', {…de…}, {…en…})` and
// `useTranslation('projects')` in the components.
import i18n from './index';
import { texts, type Widen } from './shape';

export function defineTexts<T extends object>(namespace: string, de: T, en: Widen<T>): void {
  const both = texts(de, en);
  i18n.addResourceBundle('de', namespace, both.de, true, true);
  i18n.addResourceBundle('en', namespace, both.en, true, true);
}
