// i18next set up once: German and English, German when the browser prefers it, the user's
// choice remembered. Each feature registers its own namespace (`features/*/i18n.ts`, see
// `define.ts`) so that texts live next to the screens that show them and load with them;
// `common` holds what every screen shares. English texts are typed by the German ones, so a
// missing translation fails `tsc`.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from '@/locales/common';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'eventmgr.language';

/** The stored choice, else the first of the browser's languages we speak, else English. */
export function initialLanguage(preferred: readonly string[] = navigator.languages): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'de' || stored === 'en') return stored;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'de' || primary === 'en') return primary;
  }
  return 'en';
}

export function setLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

const resources = { de: { common: common.de }, en: { common: common.en } };

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

export default i18n;
