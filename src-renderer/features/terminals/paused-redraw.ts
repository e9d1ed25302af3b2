/**
 * Holds xterm.js 6.0.0's selection redraw while its renderer is paused. xterm pauses rendering of
 * a terminal that is off screen (a background tab), but every scroll queues a selection refresh,
 * and `RenderService.handleSelectionChanged` hands it straight to the renderer: the DOM renderer
 * then redraws every row, and in a hidden pane each cell's width measures 0 and is never cached,
 * so every cell forces a layout. With 20 busy background tabs that was half the page's CPU and
 * most of its long tasks (bench/ssh-load-echo.ts). Here the change is recorded and drawn when the
 * terminal is shown again, through xterm's own full refresh on resume.
 */
import type { Terminal } from '@xterm/xterm';

type Point = [number, number] | undefined;

/** The part of xterm's internal RenderService this relies on (addons reach it the same way, through `_core`). */
interface RenderServiceShape {
  _isPaused: boolean;
  _needsFullRefresh: boolean;
  _needsSelectionRefresh: boolean;
  _selectionState: { start: Point; end: Point; columnSelectMode: boolean };
  handleSelectionChanged(start: Point, end: Point, columnSelectMode: boolean): void;
}

function renderServiceOf(terminal: Terminal): RenderServiceShape | undefined {
  const service = (terminal as unknown as { _core?: { _renderService?: Partial<RenderServiceShape> } })._core?._renderService;
  if (!service || typeof service.handleSelectionChanged !== 'function' || typeof service._isPaused !== 'boolean') return undefined;
  if (typeof service._needsFullRefresh !== 'boolean' || typeof service._needsSelectionRefresh !== 'boolean' || typeof service._selectionState !== 'object') return undefined;
  return service as RenderServiceShape;
}

/** Installs the hold on an opened terminal; returns false (changing nothing) when xterm's internals are not the expected ones. */
export function holdSelectionRedrawWhilePaused(terminal: Terminal): boolean {
  const service = renderServiceOf(terminal);
  if (!service) return false;
  const draw = service.handleSelectionChanged.bind(service);
  service.handleSelectionChanged = (start, end, columnSelectMode) => {
    if (!service._isPaused) {
      draw(start, end, columnSelectMode);
      return;
    }
    service._selectionState.start = start;
    service._selectionState.end = end;
    service._selectionState.columnSelectMode = columnSelectMode;
    service._needsSelectionRefresh = true;
    service._needsFullRefresh = true;
  };
  return true;
}
