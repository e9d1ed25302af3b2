/**
 * Terminal preferences: font size, scrollback, screen-reader mode, renderer, and the destructive-verb
 * guard. UI-only values, validated on read, kept in local storage until the settings contract
 * carries them.
 */
import { useSyncExternalStore } from 'react';
import { Emitter } from '../../../src-main/services/events/emitter';
import type { TerminalPreferences } from './xterm-host';

/** Everything the operator can set for terminals. */
export interface TerminalSettings extends TerminalPreferences {
  readonly guardDestructive: boolean;
}

/** Defaults: readable size, bounded scrollback, guard on. */
export const DEFAULT_TERMINAL_SETTINGS: TerminalSettings = {
  fontSize: 14,
  scrollback: 5000,
  screenReaderMode: false,
  preferDomRenderer: false,
  guardDestructive: true,
};

/** Allowed ranges. */
export const LIMITS = { fontSize: [8, 32], scrollback: [0, 100_000] } as const;

const KEY = 'aks-console.terminal';

function clampInt(value: unknown, [min, max]: readonly [number, number], fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

/** Validates anything (stored JSON, a form) into settings; unknown or bad fields fall back to defaults. */
export function normalizeTerminalSettings(raw: unknown): TerminalSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_TERMINAL_SETTINGS;
  return {
    fontSize: clampInt(r.fontSize, LIMITS.fontSize, d.fontSize),
    scrollback: clampInt(r.scrollback, LIMITS.scrollback, d.scrollback),
    screenReaderMode: typeof r.screenReaderMode === 'boolean' ? r.screenReaderMode : d.screenReaderMode,
    preferDomRenderer: typeof r.preferDomRenderer === 'boolean' ? r.preferDomRenderer : d.preferDomRenderer,
    guardDestructive: typeof r.guardDestructive === 'boolean' ? r.guardDestructive : d.guardDestructive,
  };
}

const changes = new Emitter<[]>();
let current: TerminalSettings = read();

function read(): TerminalSettings {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    return normalizeTerminalSettings(raw ? JSON.parse(raw) : {});
  } catch {
    return DEFAULT_TERMINAL_SETTINGS;
  }
}

/** The settings now. */
export function terminalSettings(): TerminalSettings {
  return current;
}

/** Changes some settings and tells every open terminal. */
export function updateTerminalSettings(patch: Partial<TerminalSettings>): TerminalSettings {
  current = normalizeTerminalSettings({ ...current, ...patch });
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(current));
  } catch {
    // Storage unavailable: the change holds for this run.
  }
  changes.fire();
  return current;
}

/** React binding. */
export function useTerminalSettings(): TerminalSettings {
  return useSyncExternalStore(
    changes.event,
    () => current,
  );
}
