import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, ja } from './resources';

/** The languages the renderer ships, with their resources. */
export const RESOURCES = { en: { translation: en }, ja: { translation: ja } } as const;

/** Starts an i18next instance in `language`; every user-facing string goes through it. */
export async function initI18n(language: 'en' | 'ja' = 'en'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  return instance;
}
