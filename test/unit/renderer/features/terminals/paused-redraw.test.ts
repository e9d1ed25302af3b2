import { Terminal } from '@xterm/xterm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdSelectionRedrawWhilePaused } from '../../../../../src-renderer/features/terminals/paused-redraw';

interface Internals {
  _isPaused: boolean;
  _handleIntersectionChange(entry: { isIntersecting: boolean; intersectionRatio: number }): void;
  _renderer: { value?: { handleSelectionChanged(...args: unknown[]): void } };
}
const renderService = (t: Terminal) => (t as unknown as { _core: { _renderService: Internals } })._core._renderService;
const frames = () => new Promise((r) => setTimeout(r, 50));
const scrollLines = (t: Terminal) => new Promise<void>((r) => t.write('line\r\n'.repeat(60), r));

function openTerminal(): Terminal {
  // jsdom has no matchMedia; xterm only watches the device pixel ratio with it.
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} })) as unknown as typeof window.matchMedia;
  const element = document.createElement('div');
  document.body.append(element);
  const terminal = new Terminal({ cols: 40, rows: 10 });
  terminal.open(element);
  return terminal;
}

describe('holdSelectionRedrawWhilePaused (xterm.js 6 internals)', () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.dispose());

  it('finds the internals it relies on in the installed xterm.js (an upgrade that renames them fails here)', () => {
    terminal = openTerminal();
    expect(holdSelectionRedrawWhilePaused(terminal)).toBe(true);
  });

  it('a paused terminal scrolling under output does not redraw its rows for the selection; it does once shown again', async () => {
    terminal = openTerminal();
    holdSelectionRedrawWhilePaused(terminal);
    await frames(); // the first full render, queued by open()
    const service = renderService(terminal);
    const renderer = service._renderer.value!;
    const redraw = vi.spyOn(renderer, 'handleSelectionChanged');
    service._handleIntersectionChange({ isIntersecting: false, intersectionRatio: 0 });
    await scrollLines(terminal);
    await frames();
    expect(redraw).not.toHaveBeenCalled();
    service._handleIntersectionChange({ isIntersecting: true, intersectionRatio: 1 });
    await frames();
    expect(redraw).toHaveBeenCalled();
  });

  it('a terminal on screen redraws its selection as xterm does', async () => {
    terminal = openTerminal();
    holdSelectionRedrawWhilePaused(terminal);
    const redraw = vi.spyOn(renderService(terminal)._renderer.value!, 'handleSelectionChanged');
    await scrollLines(terminal);
    await frames();
    expect(redraw).toHaveBeenCalled();
  });

  it('leaves a terminal alone when the internals are not there', () => {
    expect(holdSelectionRedrawWhilePaused({} as Terminal)).toBe(false);
  });
});
