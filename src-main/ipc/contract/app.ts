import { z } from 'zod';
import { event, invoke, NoRequest } from './define';

/** Languages the console ships. */
export const Language = z.enum(['en', 'ja']);

/** Colour themes; high contrast follows the OS forced-colours setting when chosen. */
export const Theme = z.enum(['system', 'light', 'dark', 'high-contrast']);

/** A part of the simulated cloud that this demo run could not start, named by why (the banner says so). */
export const SimulatedGap = z.enum(['topology-needs-root', 'topology-switched-off']);

/** What the renderer may know about the running console. */
export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  runtime: z.enum(['electron', 'browser-harness']),
  simulated: z.boolean(),
  simulatedGaps: z.array(SimulatedGap),
  osLocale: z.string(),
});

/** The operator's own settings (enterprise policy may override them later). */
export const Settings = z.object({
  language: Language,
  theme: Theme,
});

/** A partial settings change requested by the renderer. */
export const SettingsPatch = z.strictObject({
  language: Language.optional(),
  theme: Theme.optional(),
});

/** A short message main wants the operator to see in the status area. */
export const Notice = z.object({
  level: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
});

/** Invokes of the shell itself. */
export const appInvokes = {
  'app.info': invoke(NoRequest, AppInfo),
  'settings.get': invoke(NoRequest, Settings),
  'settings.update': invoke(SettingsPatch, Settings),
  'links.open': invoke(z.strictObject({ url: z.string().max(2048) }), z.object({ opened: z.boolean() })),
  /** The page answers main's `app.ping`: it is alive (the watchdog's heartbeat where Electron's events are missing). */
  'app.heartbeat': invoke(NoRequest, z.object({ ok: z.boolean() })),
} as const;

/** Events of the shell itself. */
export const appEvents = {
  'settings.changed': event(Settings),
  'app.notice': event(Notice),
  /** Main asks whether the page still answers (see `app.heartbeat`). */
  'app.ping': event(z.object({ seq: z.number().int() })),
} as const;
