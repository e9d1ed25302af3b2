import { useTranslation } from 'react-i18next';
import { CodedMessageText } from './coded-message';

/** Error codes whose headline the console translates; main's message then adds the facts (fingerprints, algorithm names). */
const HEADLINED = new Set(['ssh.host_key_changed_in_session', 'ssh.algorithms_mismatch']);

/** The i18n key of an error code's translated headline, when it has one. */
export function problemHeadlineKey(code: string): string | undefined {
  return HEADLINED.has(code) ? `ui.problems.${code.replace(/\./g, '_')}` : undefined;
}

/**
 * A session's or tunnel's problem: the translated headline then main's facts (fingerprints,
 * algorithm names) when the code has one; otherwise the code worded in the operator's language.
 */
export function ProblemText({ code, message }: { code: string; message: string }) {
  const { t } = useTranslation();
  const key = problemHeadlineKey(code);
  return (
    <span className="text-error" data-code={code}>
      {key ? (
        <>
          <strong>{t(key)} </strong>
          {message}
        </>
      ) : (
        <CodedMessageText message={{ code, text: message }} />
      )}
    </span>
  );
}
