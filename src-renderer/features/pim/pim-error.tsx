import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text';
import { pimErrorKey } from './pim-model';

/** A PIM failure in the operator's language (policy limits, vanished eligibility, missing consent …), main's message as detail. */
export function PimError({ code, message }: { code: string; message: string }) {
  const { t } = useTranslation();
  const key = pimErrorKey(code);
  if (!key) return <ErrorText code={code} message={message} />;
  return (
    <div role="alert" className="notice-warning" data-testid="pim-error" data-code={code}>
      <p>{t(key)}</p>
      <p className="muted small">{message}</p>
    </div>
  );
}
