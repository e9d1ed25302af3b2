/** The files the console asks the operator to choose. */
export type FileKind = 'kubeconfig' | 'ssh-config' | 'known-hosts' | 'private-key';

/**
 * Port: the OS's native open/save dialogs, shown by main (the Electron adapter is
 * platform/file-dialogs.ts; tests and demo mode use test/support/file-dialogs.ts). The renderer
 * can ask for a dialog but never names a path itself. Null means the operator cancelled.
 */
export interface FileDialogs {
  /** Asks for an existing file to read. */
  pickOpen(kind: FileKind): Promise<string | null>;
  /** Asks where to write; `suggested` is the file offered first. */
  pickSave(kind: FileKind, suggested: string | null): Promise<string | null>;
}
