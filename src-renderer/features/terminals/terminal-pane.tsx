import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { TerminalForbiddenOffer } from '../pim';
import { announce } from '../../ui/a11y';
import { copyText } from '../../ui/copyable-command';
import { currentPolicy } from '../../ui/policy-store';
import { isMarkedProduction } from '../../ui/production-marks';
import { LinkDialog } from './link-dialog';
import type { RefusedSequence } from './output-guard';
import { PasteDialog } from './paste-dialog';
import type { PasteVerdict } from './paste-firewall';
import { sessionClusters } from './session-output';
import { TerminalStatusBar } from './terminal-status-bar';
import { terminalSettings, useTerminalSettings } from './terminal-preferences';
import { useTerminalSession } from './use-terminal-session';
import { TERMINAL_THEMES, XtermHost } from './xterm-host';

type SessionInfo = InvokeResponse<'ssh.open'>;

/** One terminal: xterm with search, copy, paste through the firewall, font size, and its status bar. */
export function TerminalPane({ session, active, onTitle }: { session: SessionInfo; active: boolean; onTitle: (title: string) => void }) {
  const { t } = useTranslation();
  const settings = useTerminalSettings();
  const mount = useRef<HTMLDivElement>(null);
  const [host, setHost] = useState<XtermHost>();
  const [paste, setPaste] = useState<{ verdict: PasteVerdict; decide: (text: string | undefined) => void }>();
  const [link, setLink] = useState<string>();
  const [refused, setRefused] = useState<RefusedSequence[]>([]);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<boolean>();
  const [tabMode, setTabMode] = useState(false);
  const helpId = `terminal-help-${session.sessionId}`;
  const { figures, input, resized } = useTerminalSession(session.sessionId, host, active);
  const tabModeChanged = (on: boolean) => {
    setTabMode(on);
    announce(t(on ? 'a11y.terminal.tabModeOn' : 'a11y.terminal.tabModeOff'));
  };
  const ports = useRef({ input, resized, onTitle, tabModeChanged });
  useLayoutEffect(() => {
    ports.current = { input, resized, onTitle, tabModeChanged };
  });
  const clusterId = sessionClusters.get(session.sessionId);

  useEffect(() => {
    const element = mount.current;
    if (!element) return;
    const theme = document.documentElement.dataset.theme === 'high-contrast' ? TERMINAL_THEMES['high-contrast'] : TERMINAL_THEMES.dark;
    const created = new XtermHost(
      element,
      terminalSettings(),
      {
        input: (data) => ports.current.input(data),
        resized: (cols, rows) => ports.current.resized(cols, rows),
        pasteContext: () => ({
          productionCluster: clusterId ? isMarkedProduction(clusterId) : false,
          guardDestructive: terminalSettings().guardDestructive,
          confirmMultiline: currentPolicy()?.effective.confirmMultilinePaste ?? true,
        }),
        clipboardPolicy: () => {
          const effective = currentPolicy()?.effective;
          return { paste: effective?.allowPasteToTerminal ?? true, copy: effective?.allowCopyFromTerminal ?? true };
        },
        confirmPaste: (verdict) => new Promise((resolve) => setPaste({ verdict, decide: resolve })),
        confirmLink: (url) => setLink(url),
        refused: (what) => setRefused((list) => [...list.slice(-4), what]),
        title: (title) => ports.current.onTitle(title),
        tabModeChanged: (on) => ports.current.tabModeChanged(on),
      },
      theme,
    );
    setHost(created);
    const observer = new ResizeObserver(() => created.fitToPane());
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.dispose();
      setHost(undefined);
    };
  }, [clusterId]);

  useEffect(() => {
    host?.setPreferences({ fontSize: settings.fontSize, scrollback: settings.scrollback, screenReaderMode: settings.screenReaderMode });
  }, [host, settings.fontSize, settings.scrollback, settings.screenReaderMode]);

  useEffect(() => {
    host?.describe(t('a11y.terminal.label', { label: session.label }), helpId);
  }, [host, t, session.label, helpId]);

  useEffect(() => {
    if (active && host) {
      host.fitToPane();
      host.focus();
    }
  }, [active, host]);

  async function pasteFromClipboard() {
    try {
      const text = await navigator.clipboard.readText();
      if (text) await host?.paste(text);
    } catch {
      setRefused((list) => list);
    }
  }

  return (
    <div className="terminal-pane" data-session={session.sessionId} data-renderer={host?.renderer.renderer}>
      <div className="terminal-toolbar" role="toolbar" aria-label={t('terminals.toolbar')}>
        <label>
          <span className="visually-hidden">{t('terminals.search')}</span>
          <input
            type="search"
            placeholder={t('terminals.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && setFound(host?.find(query, e.shiftKey ? 'previous' : 'next'))}
            data-testid="terminal-search"
          />
        </label>
        <button type="button" className="secondary" onClick={() => setFound(host?.find(query, 'next'))}>{t('terminals.findNext')}</button>
        <span role="status" className="muted small">{found === false ? t('terminals.notFound') : ''}</span>
        <button type="button" className="secondary" onClick={() => void copyText(host?.selection() ?? '')}>{t('terminals.copy')}</button>
        <button type="button" className="secondary" onClick={() => void pasteFromClipboard()}>{t('terminals.paste.button')}</button>
        <button
          type="button"
          className="secondary"
          aria-pressed={tabMode}
          onClick={() => {
            host?.setTabMovesFocus(!tabMode);
            tabModeChanged(!tabMode);
          }}
          data-testid="terminal-tab-mode"
        >
          {t('a11y.terminal.tabModeButton')}
        </button>
        <button type="button" className="secondary" aria-label={t('terminals.fontSmaller')} onClick={() => host?.setPreferences({ fontSize: Math.max(8, (host.terminal.options.fontSize ?? 14) - 1) })}>A−</button>
        <button type="button" className="secondary" aria-label={t('terminals.fontLarger')} onClick={() => host?.setPreferences({ fontSize: Math.min(32, (host.terminal.options.fontSize ?? 14) + 1) })}>A+</button>
      </div>
      <p id={helpId} className="muted small terminal-help" data-testid="terminal-help">
        {t('a11y.terminal.help')} {t(tabMode ? 'a11y.terminal.tabModeOn' : 'a11y.terminal.tabModeOff')}
      </p>
      {/* Containment keeps xterm's per-frame row updates from re-laying out the rest of the console. */}
      <div className="terminal-mount" ref={mount} data-testid="terminal-mount" style={{ contain: 'strict' }} />
      <TerminalStatusBar session={session} figures={figures} refused={refused} renderer={host?.renderer.renderer} />
      <TerminalForbiddenOffer sessionId={session.sessionId} />
      {paste && (
        <PasteDialog
          verdict={paste.verdict}
          cluster={clusterId?.split('/').at(-1)}
          onDecide={(text) => {
            paste.decide(text);
            setPaste(undefined);
            host?.focus();
          }}
        />
      )}
      {link && <LinkDialog url={link} onClose={() => { setLink(undefined); host?.focus(); }} />}
    </div>
  );
}
