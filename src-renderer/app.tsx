import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from './ipc/bridge';
import { AuditScreen } from './features/audit';
import { ChecklistRunAnnouncer, ChecklistScreen } from './features/checklist';
import { ClustersScreen } from './features/clusters';
import { HostKeyPrompts } from './features/host-keys';
import { LockNowButton, LockOverlay } from './features/lock';
import { SettingsScreen, useSettings } from './features/settings';
import { SignInScreen } from './features/signin';
import { TerminalsScreen } from './features/terminals';
import { WizardScreen } from './features/wizard';
import { ConsoleStateProvider, useConsole } from './shell/console-state';
import type { Area } from './shell/areas';
import { NavBar } from './shell/nav-bar';
import { SimulatedBanner, type SimulatedGaps } from './shell/simulated-banner';
import { StatusArea } from './shell/status-area';
import { SignInExpiredBanner } from './ui/sign-in-expired-banner';
import { setKeychainPlatform } from './ui/keychain-name';
import { answerPings } from './shell/heartbeat';
import { AREA_HEADING_SELECTOR, focusSoon, installFocusRescue, installRegionKeys, LiveRegions } from './ui/a11y';

/** The console shell: banner, navigation, the current area, and the status line. */
export function App() {
  return (
    <ConsoleStateProvider initialArea="signin">
      <Shell />
    </ConsoleStateProvider>
  );
}

function Shell() {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  const { area, go } = useConsole();
  const [simulated, setSimulated] = useState<{ gaps: SimulatedGaps } | null>(null);

  useEffect(() => {
    void call('app.info').then((info) => {
      setSimulated(info.simulated ? { gaps: info.simulatedGaps } : null);
      setKeychainPlatform(info.platform);
    });
  }, []);

  useEffect(() => answerPings(), []);

  useEffect(() => {
    const undo = [installRegionKeys(window), installFocusRescue(document)];
    return () => undo.forEach((u) => u());
  }, []);

  useEffect(() => {
    if (!settings) return;
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
    document.documentElement.lang = settings.language;
    document.documentElement.dataset.theme = settings.theme;
  }, [settings, i18n]);

  useEffect(() => {
    document.title = t('app.title');
    document.getElementById('area-title')?.focus();
  }, [area, t]);

  // Terminals stay mounted in every area so their sessions and scrollback survive navigation.
  const screens: Record<Exclude<Area, 'terminals'>, ReactNode> = {
    signin: <SignInScreen />,
    clusters: <ClustersScreen />,
    wizard: <WizardScreen />,
    checklist: <ChecklistScreen />,
    audit: <AuditScreen />,
    settings: <SettingsScreen settings={settings} />,
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      {simulated && <SimulatedBanner gaps={simulated.gaps} />}
      <header className="title-bar">
        <span className="app-title">{t('app.title')}</span>
        <LockNowButton />
      </header>
      <NavBar current={area} onSelect={(next) => (next === area ? focusSoon(AREA_HEADING_SELECTOR) : go(next))} />
      <main id="main" className="content" data-area={area}>
        {area !== 'signin' && area !== 'settings' && area !== 'audit' && <SignInExpiredBanner onSignIn={() => go('signin')} />}
        {area !== 'terminals' && screens[area]}
        <div hidden={area !== 'terminals'} className="terminals-host">
          <TerminalsScreen />
        </div>
      </main>
      <StatusArea />
      <HostKeyPrompts />
      <LockOverlay />
      <LiveRegions />
      <ChecklistRunAnnouncer />
    </div>
  );
}
