import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call, hasBridge, subscribe } from '../../ipc/bridge';
import { useConsole } from '../../shell/console-state';
import { AreaIntro } from '../../ui/area-intro';
import { KnownHostsPanel } from '../host-keys';
import { SshKeysPanel } from './ssh-keys-panel';
import { mergeSessions } from './session-list';
import { sessionOutput } from './session-output';
import { TerminalPane } from './terminal-pane';

type SessionInfo = InvokeResponse<'ssh.open'>;

/** Terminal tabs: every SSH session, one pane each (kept mounted so scrollback survives tab switches). */
export function TerminalsScreen() {
  const { t } = useTranslation();
  const { focusSessionId, area } = useConsole();
  const [sessions, setSessions] = useState<SessionInfo[]>([]);
  const [activeId, setActiveId] = useState<string>();
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [followedFocus, setFollowedFocus] = useState<string>();
  if (focusSessionId !== followedFocus) {
    setFollowedFocus(focusSessionId);
    if (focusSessionId) setActiveId(focusSessionId);
  }

  useEffect(() => {
    if (!hasBridge()) return;
    sessionOutput(); // a reloaded page takes over the open sessions before their panes mount
    const refresh = () => void call('ssh.list').then((list) => setSessions((known) => mergeSessions(known, list)), () => undefined);
    refresh();
    const offs = [
      subscribe('ssh.state', (info) => setSessions((known) => mergeSessions(known, [info]))),
      // A page reloaded while locked could not list the sessions policy kept open: it does on unlock.
      subscribe('lock.changed', (state) => {
        if (!state.locked) refresh();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  useEffect(() => {
    if (!focusSessionId) return;
    void call('ssh.list').then((list) => setSessions((known) => mergeSessions(known, list)), () => undefined);
  }, [focusSessionId]);

  const active = sessions.find((s) => s.sessionId === activeId) ?? sessions[0];
  const tabText = (s: (typeof sessions)[number]) => (titles[s.sessionId] ? `${s.label} — ${titles[s.sessionId]}` : s.label);
  // Main gives the terminal in front its own output window and makes the rest share a small one,
  // so busy background tabs cannot delay the keystroke echo here.
  const inFront = area === 'terminals' ? (active?.sessionId ?? null) : null;
  useEffect(() => {
    if (!hasBridge()) return;
    void call('ssh.focus', { sessionId: inFront }).catch(() => undefined);
  }, [inFront]);

  async function close(sessionId: string) {
    await call('ssh.close', { sessionId }).catch(() => undefined);
    sessionOutput().forget(sessionId);
    setSessions((list) => list.filter((s) => s.sessionId !== sessionId));
  }

  function onTabKey(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step || sessions.length === 0) return;
    event.preventDefault();
    const next = sessions[(index + step + sessions.length) % sessions.length];
    if (next) {
      setActiveId(next.sessionId);
      document.getElementById(`tab-${next.sessionId}`)?.focus();
    }
  }

  return (
    <section aria-labelledby={area === 'terminals' ? 'area-title' : undefined} className="terminals-screen">
      {area === 'terminals' && <AreaIntro area="terminals" />}
      {sessions.length === 0 && <p className="muted" data-testid="no-sessions">{t('terminals.none')}</p>}
      {sessions.length > 0 && (
        <>
          <div role="tablist" aria-label={t('terminals.tabs')} className="terminal-tabs">
            {sessions.map((s, i) => (
              <button
                key={s.sessionId}
                type="button"
                role="tab"
                id={`tab-${s.sessionId}`}
                aria-selected={s.sessionId === active?.sessionId}
                aria-controls={`panel-${s.sessionId}`}
                tabIndex={s.sessionId === active?.sessionId ? 0 : -1}
                onClick={() => setActiveId(s.sessionId)}
                onKeyDown={(e) => onTabKey(e, i)}
                data-testid="terminal-tab"
                title={tabText(s)}
              >
                {tabText(s)}
                <span className="visually-hidden"> ({t(`terminals.states.${s.state}`)})</span>
              </button>
            ))}
          </div>
          {sessions.map((s) => (
            <div key={s.sessionId} role="tabpanel" id={`panel-${s.sessionId}`} aria-labelledby={`tab-${s.sessionId}`} hidden={s.sessionId !== active?.sessionId} className="terminal-panel">
              <button type="button" className="secondary tab-close-button" onClick={() => void close(s.sessionId)}>
                {t('terminals.closeTab', { label: s.label })}
              </button>
              <TerminalPane session={s} active={area === 'terminals' && s.sessionId === active?.sessionId} onTitle={(title) => setTitles((m) => ({ ...m, [s.sessionId]: title }))} />
            </div>
          ))}
        </>
      )}
      {area === 'terminals' && (
        <>
          <SshKeysPanel />
          <KnownHostsPanel />
        </>
      )}
    </section>
  );
}
