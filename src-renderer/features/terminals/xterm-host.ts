/**
 * The terminal frontend: one xterm.js 6 instance with its addons, the paste firewall in front of
 * its input, the output bounds in front of its parser and the output guard on it. It knows nothing
 * about SSH; bytes come in through `write` (whose callback drives flow control) and keystrokes
 * leave through the `input` port.
 */
import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal, type IDisposable, type ITheme } from '@xterm/xterm';
import { inspectPaste, type PasteContext, type PasteVerdict } from './paste-firewall';
import { OutputBounds, sliceForWrite } from './output-bounds';
import { holdSelectionRedrawWhilePaused } from './paused-redraw';
import { checkTerminalLink, findHttpsLinks, REFUSED_OSC, sanitizeTitle, type RefusedSequence } from './output-guard';
import { chooseRenderer, probeWebglRenderer, type RendererChoice } from './renderer-choice';

/** Operator preferences the host applies. */
export interface TerminalPreferences {
  readonly fontSize: number;
  readonly scrollback: number;
  readonly screenReaderMode: boolean;
  readonly preferDomRenderer: boolean;
}

/** What the host needs from its surroundings. */
export interface XtermHostPorts {
  /** Keystrokes and confirmed pastes, bound for the remote shell. */
  input(data: string): void;
  /** The terminal's size changed (after fit). */
  resized(cols: number, rows: number): void;
  /** Facts the paste firewall needs, read at paste time. */
  pasteContext(): PasteContext;
  /** Enterprise policy: whether pasting into / copying out of terminals is allowed at all. */
  clipboardPolicy(): { paste: boolean; copy: boolean };
  /** Shows the preview; resolves to the text to send, or undefined when the operator cancels. */
  confirmPaste(verdict: PasteVerdict): Promise<string | undefined>;
  /** Asks the operator before opening an https link (main then applies its allow-list). */
  confirmLink(url: string): void;
  /** Something hostile was refused. */
  refused(what: RefusedSequence): void;
  /** The remote side set a title (already sanitised). */
  title(title: string): void;
  /** The operator toggled "Tab moves focus" from inside the terminal (Ctrl+M). */
  tabModeChanged?(tabMovesFocus: boolean): void;
}

/** Colours for the terminal, matching the console themes. */
export const TERMINAL_THEMES: Record<'light' | 'dark' | 'high-contrast', ITheme> = {
  light: { background: '#ffffff', foreground: '#1b1f24', cursor: '#0b5cad', selectionBackground: '#b6d4fb' },
  dark: { background: '#0d1117', foreground: '#e6edf3', cursor: '#6cb6ff', selectionBackground: '#264f78' },
  'high-contrast': { background: '#000000', foreground: '#ffffff', cursor: '#ffff00', selectionBackground: '#00ffff', selectionForeground: '#000000' },
};

/** One xterm instance mounted in a container element. */
export class XtermHost {
  readonly terminal: Terminal;
  readonly renderer: RendererChoice;
  private readonly fit = new FitAddon();
  private readonly search = new SearchAddon();
  private readonly disposables: IDisposable[] = [];
  private readonly domCleanup: Array<() => void> = [];
  private webgl: WebglAddon | undefined;
  private readonly bounds: OutputBounds;
  private tabMovesFocus = false;

  /** Opens xterm in `container` with the guard and the firewall installed. */
  constructor(
    private readonly container: HTMLElement,
    preferences: TerminalPreferences,
    private readonly ports: XtermHostPorts,
    theme: ITheme = TERMINAL_THEMES.dark,
  ) {
    this.terminal = new Terminal({
      fontSize: preferences.fontSize,
      scrollback: preferences.scrollback,
      screenReaderMode: preferences.screenReaderMode,
      fontFamily: "'DejaVu Sans Mono', 'Noto Sans Mono CJK JP', monospace",
      theme,
      allowProposedApi: false,
      // No window manipulation or reports: a title report would echo remote-chosen text as input.
      windowOptions: {},
      linkHandler: {
        allowNonHttpProtocols: false,
        activate: (_event, text) => this.offerLink(text),
      },
    });
    this.bounds = new OutputBounds(() => ({ cols: this.terminal.cols, rows: this.terminal.rows }));
    this.terminal.loadAddon(this.fit);
    this.terminal.loadAddon(this.search);
    this.installOutputGuard();
    this.installPasteFirewall();
    this.terminal.attachCustomKeyEventHandler((event) => this.filterKey(event));
    this.disposables.push(
      this.terminal.onData((data) => ports.input(data)),
      this.terminal.onResize(({ cols, rows }) => ports.resized(cols, rows)),
      this.terminal.onTitleChange((title) => ports.title(sanitizeTitle(title))),
    );
    this.terminal.open(container);
    holdSelectionRedrawWhilePaused(this.terminal);
    this.renderer = chooseRenderer(probeWebglRenderer(container.ownerDocument), preferences.preferDomRenderer);
    if (this.renderer.renderer === 'webgl') this.loadWebgl();
    this.fitToPane();
  }

  /**
   * Writes remote output; `done` runs once xterm has parsed it (the flow-control acknowledgement).
   * Counts and combining marks are bounded first, and the result goes in slices so that xterm's
   * write buffer can give the page its turn between them.
   */
  write(data: string, done: () => void): void {
    const pieces = sliceForWrite(this.bounds.filter(data));
    pieces.forEach((piece, i) => this.terminal.write(piece, i === pieces.length - 1 ? done : undefined));
  }

  /** Resizes the terminal to its pane. */
  fitToPane(): void {
    if (this.container.clientWidth > 0 && this.container.clientHeight > 0) this.fit.fit();
  }

  /** Finds the next (or previous) match of `query`; returns whether one was found. */
  find(query: string, direction: 'next' | 'previous' = 'next'): boolean {
    if (!query) {
      this.search.clearDecorations();
      return false;
    }
    return direction === 'next' ? this.search.findNext(query) : this.search.findPrevious(query);
  }

  /** Clears search highlights. */
  clearSearch(): void {
    this.search.clearDecorations();
  }

  /** The current selection (for an operator-initiated copy). */
  selection(): string {
    return this.ports.clipboardPolicy().copy ? this.terminal.getSelection() : '';
  }

  /** Runs a paste through the firewall, as if the operator had pasted `text`. */
  async paste(text: string): Promise<void> {
    if (!this.ports.clipboardPolicy().paste) {
      this.ports.refused({ kind: 'paste-blocked' });
      return;
    }
    const verdict = inspectPaste(text, this.ports.pasteContext());
    if (!verdict.needsConfirmation) {
      this.terminal.paste(text);
      return;
    }
    const approved = await this.ports.confirmPaste(verdict);
    if (approved !== undefined) this.terminal.paste(approved);
  }

  /** Applies changed preferences to the live terminal. */
  setPreferences(preferences: Partial<TerminalPreferences>): void {
    if (preferences.fontSize !== undefined) this.terminal.options.fontSize = preferences.fontSize;
    if (preferences.scrollback !== undefined) this.terminal.options.scrollback = preferences.scrollback;
    if (preferences.screenReaderMode !== undefined) this.terminal.options.screenReaderMode = preferences.screenReaderMode;
    this.fitToPane();
  }

  /** Whether Tab and Shift+Tab move focus out of the terminal instead of reaching the shell. */
  get tabMode(): boolean {
    return this.tabMovesFocus;
  }

  /** Sets "Tab moves focus" (the keyboard way out besides F6, as in VS Code). */
  setTabMovesFocus(on: boolean): void {
    this.tabMovesFocus = on;
  }

  /** Gives the terminal's input its accessible name and help (the keys that leave it), in the console's language. */
  describe(label: string, helpId: string): void {
    const input = this.container.querySelector('textarea');
    input?.setAttribute('aria-label', label);
    input?.setAttribute('aria-describedby', helpId);
  }

  /** Moves keyboard focus into the terminal. */
  focus(): void {
    this.terminal.focus();
  }

  /** Tears everything down. */
  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const undo of this.domCleanup.splice(0)) undo();
    this.webgl?.dispose();
    this.terminal.dispose();
  }

  /**
   * Keys the console keeps from the shell: Ctrl+M toggles "Tab moves focus", and in that mode Tab
   * and Shift+Tab are left to the browser. F6 never gets here (the shell's region keys take it first).
   */
  private filterKey(event: KeyboardEvent): boolean {
    const plain = !event.altKey && !event.metaKey;
    if (event.key.toLowerCase() === 'm' && event.ctrlKey && !event.shiftKey && plain) {
      if (event.type === 'keydown') {
        event.preventDefault();
        this.tabMovesFocus = !this.tabMovesFocus;
        this.ports.tabModeChanged?.(this.tabMovesFocus);
      }
      return false;
    }
    if (event.key === 'Tab' && this.tabMovesFocus && !event.ctrlKey && plain) return false;
    return true;
  }

  private offerLink(text: string): void {
    const verdict = checkTerminalLink(text);
    if (verdict.allowed) this.ports.confirmLink(verdict.url);
    else this.ports.refused({ kind: 'link', url: text.slice(0, 200), reason: verdict.reason });
  }

  private installOutputGuard(): void {
    const parser = this.terminal.parser;
    for (const code of REFUSED_OSC) {
      this.disposables.push(
        parser.registerOscHandler(code, () => {
          this.ports.refused(code === 52 ? { kind: 'clipboard-write' } : { kind: 'osc', code });
          return true;
        }),
      );
    }
    this.disposables.push(
      this.terminal.registerLinkProvider({
        provideLinks: (lineNumber, callback) => {
          const line = this.terminal.buffer.active.getLine(lineNumber - 1)?.translateToString(true) ?? '';
          const links = findHttpsLinks(line).map(({ url, start, end }) => ({
            text: url,
            range: { start: { x: start + 1, y: lineNumber }, end: { x: end, y: lineNumber } },
            activate: () => this.offerLink(url),
          }));
          callback(links.length > 0 ? links : undefined);
        },
      }),
    );
  }

  private installPasteFirewall(): void {
    // Capture phase on the container runs before xterm's own textarea handler, for every paste
    // route (keyboard shortcut, context menu, middle click).
    const onPaste = (event: ClipboardEvent) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text) void this.paste(text);
    };
    const onCopy = (event: ClipboardEvent) => {
      if (this.ports.clipboardPolicy().copy) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      this.ports.refused({ kind: 'copy-blocked' });
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    this.container.addEventListener('paste', onPaste, { capture: true });
    this.container.addEventListener('drop', onDrop, { capture: true });
    this.container.addEventListener('copy', onCopy, { capture: true });
    this.domCleanup.push(() => {
      this.container.removeEventListener('copy', onCopy, { capture: true });
      this.container.removeEventListener('paste', onPaste, { capture: true });
      this.container.removeEventListener('drop', onDrop, { capture: true });
    });
  }

  private loadWebgl(): void {
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        addon.dispose();
        this.webgl = undefined;
      });
      this.terminal.loadAddon(addon);
      this.webgl = addon;
    } catch {
      this.webgl = undefined;
    }
  }
}
