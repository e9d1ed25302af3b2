import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ja from './locales/ja.json';

/** The languages the renderer ships, with their resources. */
export const RESOURCES = { en: { translation: en }, ja: { translation: ja } } as const;

/** Starts i18next in `language`; every user-facing string goes through it. */
export async function initI18n(language: 'en' | 'ja' = 'en'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
