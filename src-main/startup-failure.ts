/** What the start-up failure window says: a title, what happened, and what to do. */
export interface StartupFailure {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
}

const TEXT = {
  en: {
    title: 'AKS Access Console could not start',
    trust: 'A certificate authority file named by the machine policy (network.caBundleFile) or the configuration could not be used.',
    trustTodo: 'Ask your administrator to deploy the CA as PEM (Base-64) or DER (.cer), or to remove the setting; the OS certificate store is read as well.',
    other: 'Something the console needs at start-up failed.',
    otherTodo: 'Send this message and the log file to your administrator. Starting again will show this window again until the cause is fixed.',
    log: 'Log file',
  },
  ja: {
    title: 'AKS Access Console を起動できませんでした',
    trust: 'コンピューター ポリシー (network.caBundleFile) または構成で指定された証明機関ファイルを使用できませんでした。',
    trustTodo: 'CA を PEM (Base-64) または DER (.cer) 形式で配布するか、この設定を削除するよう管理者に依頼してください。OS の証明書ストアも読み取られます。',
    other: '起動時に必要な処理が失敗しました。',
    otherTodo: 'このメッセージとログ ファイルを管理者に送ってください。原因が解消されるまで、再起動してもこのウィンドウが表示されます。',
    log: 'ログ ファイル',
  },
} as const;

/**
 * Words a start-up failure for the window the Electron glue shows before quitting (never a silent
 * exit while the single-instance lock is held, which would make every later launch quit too).
 */
export function describeStartupFailure(error: unknown, locale: string, logFile: string | undefined): StartupFailure {
  const t = locale.toLowerCase().startsWith('ja') ? TEXT.ja : TEXT.en;
  const reason = error instanceof Error ? error.message : String(error);
  const trust = /certificate|CA bundle|PEM|DER/i.test(reason);
  return {
    title: t.title,
    message: `${trust ? t.trust : t.other}\n\n${trust ? t.trustTodo : t.otherTodo}`,
    detail: `${reason}${logFile ? `\n\n${t.log}: ${logFile}` : ''}`,
  };
}
