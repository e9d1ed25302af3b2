import { z } from 'zod';

/**
 * Values that reach a file the console writes (ssh_config, kubeconfig, known_hosts) and paths.
 * One definition, used by the contract and again by every writer (defence in depth): a value with
 * a line break of any kind or a quote could end its directive and start another one, which in
 * ssh_config means `Match exec` — code run by every later `ssh`.
 */

/** C0 controls, DEL, C1 controls (U+0085 included), U+2028/U+2029, and the double quote. */
const UNSAFE_FILE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029"]/u;

/** Why a value was refused, in the words the operator reads. */
export const UNSAFE_TEXT_MESSAGE = 'must not contain control characters, line separators or double quotes';

/** The first character that may not be written to a file, or null when the value is safe. */
export function unsafeFileCharacter(value: string): string | null {
  return UNSAFE_FILE_CHARACTER.exec(value)?.[0] ?? null;
}

/** Why a path is not a plain local absolute path (UNC, device, relative), or null when it is one. */
export function localPathProblem(value: string): string | null {
  if (unsafeFileCharacter(value) !== null) return `a path ${UNSAFE_TEXT_MESSAGE}`;
  // `//server/share` and `\\server\share` reach the network (SMB, with the operator's NTLM hash);
  // `\\.\` and `\\?\` are device and raw-namespace paths.
  if (/^[\\/]{2}/.test(value)) return 'network (UNC) and device paths are not allowed';
  if (!value.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(value)) return 'an absolute local path is required';
  return null;
}

/** Text that may be written into a file: no control characters, line separators or quotes. */
export function SafeText(max: number) {
  return z.string().min(1).max(max).refine((v) => unsafeFileCharacter(v) === null, `Text ${UNSAFE_TEXT_MESSAGE}`);
}

/** A local absolute path that may be written into a file (never UNC or a device path). */
export const LocalPath = z.string().min(1).max(1024).superRefine((value, ctx) => {
  const problem = localPathProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `Path: ${problem}` });
});

/**
 * Which file main reads or writes: `default` is the fixed well-known file (the default kubeconfig,
 * ~/.ssh/config, ~/.ssh/known_hosts); `pick` opens main's native file dialog. The renderer never
 * names a path.
 */
export const FileTarget = z.enum(['default', 'pick']);
