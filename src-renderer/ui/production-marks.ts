/**
 * Which clusters the operator treats as production. The inventory does not carry Azure tags yet,
 * so the operator marks them; the mark arms the extra confirmation for destructive kubectl/helm
 * verbs in terminals and command invoke. Stored by cluster id (not secret) in local storage.
 */
import { useSyncExternalStore } from 'react';
import { Emitter } from '../../src-main/services/events/emitter';

const KEY = 'aks-console.production-clusters';
const changes = new Emitter<[]>();
let marks: ReadonlySet<string> = load();

function load(): ReadonlySet<string> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()) : []);
  } catch {
    return new Set();
  }
}

/** True when the operator marked this cluster as production. */
export function isMarkedProduction(clusterId: string): boolean {
  return marks.has(clusterId.toLowerCase());
}

/** Marks or unmarks a cluster. */
export function setProductionMark(clusterId: string, production: boolean): void {
  const next = new Set(marks);
  if (production) next.add(clusterId.toLowerCase());
  else next.delete(clusterId.toLowerCase());
  marks = next;
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify([...next]));
  } catch {
    // Storage unavailable: the mark still holds for this run.
  }
  changes.fire();
}

/** React binding: re-renders when marks change. */
export function useProductionMark(clusterId: string | undefined): boolean {
  return useSyncExternalStore(
    changes.event,
    () => (clusterId ? marks.has(clusterId.toLowerCase()) : false),
  );
}
