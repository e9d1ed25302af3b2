/**
 * The stand-in for the native open/save dialogs (the Electron adapter is
 * src-main/platform/file-dialogs.ts): tests and demo mode say what the "operator" picks per file
 * kind, and can read back which dialogs were shown.
 */
import path from 'node:path';
import type { FileDialogs, FileKind } from '../../src-main/services/files/file-dialogs';

/** One dialog the console showed. */
export interface ShownDialog {
  readonly mode: 'open' | 'save';
  readonly kind: FileKind;
  /** For a save dialog: the file it offered first. */
  readonly suggested?: string | null;
}

/** Answers dialogs from a table; a kind with no answer is a cancelled dialog. */
export class StandInFileDialogs implements FileDialogs {
  /** Every dialog shown, in order. */
  readonly shown: ShownDialog[] = [];
  private readonly answers = new Map<FileKind, string | null>();

  /** Creates the stand-in; with `folder`, every dialog picks `<folder>/<kind>` unless told otherwise. */
  constructor(private readonly folder?: string) {}

  /** What the operator will pick for this kind (null: they cancel). */
  answer(kind: FileKind, filePath: string | null): this {
    this.answers.set(kind, filePath);
    return this;
  }

  /** Shows an "open" dialog. */
  async pickOpen(kind: FileKind): Promise<string | null> {
    this.shown.push({ mode: 'open', kind });
    return this.pick(kind);
  }

  /** Shows a "save" dialog. */
  async pickSave(kind: FileKind, suggested: string | null): Promise<string | null> {
    this.shown.push({ mode: 'save', kind, suggested });
    return this.pick(kind);
  }

  private pick(kind: FileKind): string | null {
    if (this.answers.has(kind)) return this.answers.get(kind) ?? null;
    return this.folder ? path.join(this.folder, kind) : null;
  }
}
