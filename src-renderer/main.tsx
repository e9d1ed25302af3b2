import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app';
import { initI18n } from './i18n';
import './styles.css';

const startLanguage = navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';

void initI18n(startLanguage).then((i18n) => {
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
});
