import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text';
import { JitDialog, type JitSourceFor } from './jit-dialog';
import { jitFor, type JitPolicyValue } from './jit-policy';

/** The VM a connection reaches and the JIT facts the topology has for it. */
export interface JitContext {
  readonly vmId: string | null;
  readonly vmName: string | undefined;
  readonly policies: readonly JitPolicyValue[];
  /** The cluster and path the connection takes, so main chooses the JIT rule's source for that path. */
  readonly sourceFor: JitSourceFor | null;
}

const JIT_CODES = new Set(['jit.required', 'jit.vm_unknown', 'jit.unverified']);

/**
 * An action's error. A refusal by the JIT-before-SSH policy says why in the operator's language and
 * offers the JIT request for the VM right there; anything else is the plain error text.
 */
export function ActionError({ error, jit }: { error: { code: string; message: string }; jit: JitContext | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [grantedUntil, setGrantedUntil] = useState<string>();
  if (!JIT_CODES.has(error.code)) return <ErrorText {...error} />;
  const covered = jit?.vmId ? jitFor(jit.vmId, jit.policies) : undefined;
  return (
    <div role="alert" className="notice-warning" data-testid="jit-refusal" data-code={error.code}>
      <p>{t(`jit.refused.${error.code.slice('jit.'.length)}`)}</p>
      {grantedUntil && <p role="status">{t('jit.refused.granted')}</p>}
      {!grantedUntil && covered && jit?.vmId && (
        <button type="button" onClick={() => setOpen(true)} data-testid="jit-refusal-request">{t('jit.requestAccess')}</button>
      )}
      {!covered && error.code === 'jit.required' && <p className="muted">{t('jit.noPolicy')}</p>}
      {open && covered && jit?.vmId && (
        <JitDialog
          vmId={jit.vmId}
          vmName={jit.vmName ?? jit.vmId.split('/').at(-1) ?? jit.vmId}
          policy={covered.policy}
          ports={covered.ports}
          sourceFor={jit.sourceFor}
          onGranted={(end) => {
            setGrantedUntil(end);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
