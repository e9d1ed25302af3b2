/**
 * Keeps remote terminal output inert: what a link may point at, what a title may contain, and which
 * escape sequences are refused. Pure functions; the xterm host wires them in.
 */

/** The verdict on a link found in terminal output (OSC 8 or a detected URL). */
export type LinkVerdict = { allowed: true; url: string } | { allowed: false; reason: 'not-a-url' | 'scheme' | 'credentials' };

/**
 * Only absolute https URLs without embedded credentials may be offered; main applies its own host
 * allow-list on `links.open` after the operator confirms.
 */
export function checkTerminalLink(raw: string): LinkVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { allowed: false, reason: 'not-a-url' };
  }
  if (url.protocol !== 'https:') return { allowed: false, reason: 'scheme' };
  if (url.username || url.password) return { allowed: false, reason: 'credentials' };
  return { allowed: true, url: url.toString() };
}

/** Finds https URLs in one line of terminal text, with their column ranges (0-based, end exclusive). */
export function findHttpsLinks(line: string): Array<{ url: string; start: number; end: number }> {
  const found: Array<{ url: string; start: number; end: number }> = [];
  const pattern = /https:\/\/[^\s"'<>`\u0000-\u001f]+/g;
  for (const match of line.matchAll(pattern)) {
    const url = match[0].replace(/[.,;:!?)\]}]+$/, '');
    if (checkTerminalLink(url).allowed) found.push({ url, start: match.index, end: match.index + url.length });
  }
  return found;
}

/**
 * Characters a title must not carry: controls (Cc), every format character (Cf: bidi marks, embeddings
 * and isolates, soft hyphen, word joiner, Mongolian vowel separator, tags), line and paragraph
 * separators (Zl, Zp) and lone surrogate halves (Cs).
 */
const INVISIBLE_IN_TITLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** A window title set by the remote side, made safe to show as text: nothing invisible, at most `max` whole characters. */
export function sanitizeTitle(title: string, max = 80): string {
  const chars = Array.from(title.replace(INVISIBLE_IN_TITLE, '').trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** OSC numbers the terminal swallows: 52 (clipboard), 5113/1337 (file transfer and iTerm2 extensions). */
export const REFUSED_OSC = [52, 1337, 5113] as const;

/** Something the remote side tried that the guard refused, reported to the operator. */
export type RefusedSequence =
  | { kind: 'clipboard-write' }
  | { kind: 'osc'; code: number }
  | { kind: 'link'; url: string; reason: string }
  | { kind: 'paste-blocked' }
  | { kind: 'copy-blocked' };
