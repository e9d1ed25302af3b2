/** Minutes in an ISO 8601 duration (`PT8H`, `P1D`, `PT30M`); null when malformed or zero-length. */
export function durationMinutes(iso: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const minutes = (Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0) + Math.floor(Number(m[4] ?? 0) / 60);
  return minutes > 0 ? minutes : null;
}

/** The ISO 8601 duration ARM expects for a number of minutes (`PT1H30M`). */
export function isoDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
}
