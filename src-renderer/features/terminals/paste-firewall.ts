/**
 * The paste firewall: decides whether a paste goes straight to the remote shell or must be
 * previewed and confirmed first. It depends only on the pasted text and the cluster's tags,
 * never on terminal modes the remote side controls (bracketed paste cannot switch it off).
 */
import { findDestructiveCommands, type DestructiveCommand } from './destructive-commands';

/** Why a paste needs the operator's confirmation. */
export type PasteReason = 'multi-line' | 'control-characters' | 'destructive-on-production';

/** What the firewall decided about one paste. */
export interface PasteVerdict {
  readonly original: string;
  /** The text with every control character except tab and newline removed. */
  readonly sanitized: string;
  readonly lineCount: number;
  readonly controlCharacterCount: number;
  readonly destructive: readonly DestructiveCommand[];
  readonly reasons: readonly PasteReason[];
  /** True when the operator must see the preview and confirm. */
  readonly needsConfirmation: boolean;
  /** True when a second, explicit confirmation is required (destructive verbs on production). */
  readonly needsExtraConfirmation: boolean;
}

/** Facts about the session the paste goes to. */
export interface PasteContext {
  readonly productionCluster: boolean;
  /** Operator setting: ask again for destructive kubectl/helm verbs on production clusters. */
  readonly guardDestructive: boolean;
  /** Enterprise policy may waive the multi-line confirmation (never the control-character or production checks). */
  readonly confirmMultiline?: boolean;
}

// C0 controls (except TAB, LF, CR), DEL and C1 controls. CR is handled as a line break.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Counts control characters that the preview must make visible. */
export function countControlCharacters(text: string): number {
  return text.match(CONTROL)?.length ?? 0;
}

/** Removes control characters (keeping tab and line breaks) so pasted text cannot carry escape sequences. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}

/** Renders control characters as visible symbols (␛, ␇, U+XXXX) for the preview; line breaks stay. */
export function visualizeControlCharacters(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

/** Splits on CR, LF or CRLF; a single trailing line break still makes the paste multi-line (it runs). */
export function countLines(text: string): number {
  const normalized = text.replace(/\r\n?/g, '\n');
  const breaks = normalized.split('\n').length - 1;
  return breaks === 0 ? 1 : breaks + (normalized.endsWith('\n') ? 0 : 1);
}

/** Inspects one paste. */
export function inspectPaste(text: string, context: PasteContext): PasteVerdict {
  const lineCount = countLines(text);
  const hasBreak = /[\r\n]/.test(text);
  const controlCharacterCount = countControlCharacters(text);
  const destructive = context.productionCluster && context.guardDestructive ? findDestructiveCommands(text) : [];
  const reasons: PasteReason[] = [];
  if (hasBreak && context.confirmMultiline !== false) reasons.push('multi-line');
  if (controlCharacterCount > 0) reasons.push('control-characters');
  if (destructive.length > 0) reasons.push('destructive-on-production');
  return {
    original: text,
    sanitized: stripControlCharacters(text),
    lineCount,
    controlCharacterCount,
    destructive,
    reasons,
    needsConfirmation: reasons.length > 0,
    needsExtraConfirmation: destructive.length > 0,
  };
}
