/** Language of the pages MSAL's loopback listener shows in the operator's browser. */
export type PageLanguage = 'en' | 'ja';

const TEXT = {
  en: {
    okTitle: 'Signed in',
    ok: 'You are signed in to AKS Access Console. You can close this tab and return to the console.',
    errorTitle: 'Sign-in did not complete',
    error: 'Sign-in did not complete. Return to AKS Access Console to see what happened and try again.',
  },
  ja: {
    okTitle: 'サインインしました',
    ok: 'AKS Access Console にサインインしました。このタブを閉じてコンソールに戻ってください。',
    errorTitle: 'サインインが完了しませんでした',
    error: 'サインインが完了しませんでした。AKS Access Console に戻って状況を確認し、もう一度お試しください。',
  },
} as const;

function page(lang: PageLanguage, title: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    `<title>${title}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>',
    `</head><body><h1>${title}</h1><p>${body}</p></body></html>`,
  ].join('');
}

/** The success and error pages (static HTML, no script, no server data echoed back). */
export function resultPages(lang: PageLanguage): { successTemplate: string; errorTemplate: string } {
  const t = TEXT[lang];
  return { successTemplate: page(lang, t.okTitle, t.ok), errorTemplate: page(lang, t.errorTitle, t.error) };
}
