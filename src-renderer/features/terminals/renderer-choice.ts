/**
 * Picks the xterm renderer: the WebGL addon only when WebGL runs on real graphics hardware. On a
 * software rasteriser (SwiftShader, llvmpipe) WebGL measured 3–4× slower than the DOM renderer here.
 */

/** Which renderer a terminal uses, and why. */
export interface RendererChoice {
  readonly renderer: 'webgl' | 'dom';
  readonly reason: 'hardware-webgl' | 'software-webgl' | 'no-webgl' | 'forced-dom';
  readonly gpu?: string;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen|lavapipe/i;

/** Decides from the unmasked GPU renderer string (undefined when WebGL is unavailable). */
export function chooseRenderer(gpu: string | undefined, preferDom = false): RendererChoice {
  if (preferDom) return { renderer: 'dom', reason: 'forced-dom', ...(gpu ? { gpu } : {}) };
  if (gpu === undefined) return { renderer: 'dom', reason: 'no-webgl' };
  if (SOFTWARE.test(gpu)) return { renderer: 'dom', reason: 'software-webgl', gpu };
  return { renderer: 'webgl', reason: 'hardware-webgl', gpu };
}

/** Reads the unmasked GPU renderer string from a throwaway WebGL2 context, if any. */
export function probeWebglRenderer(doc: Document = document): string | undefined {
  try {
    const canvas = doc.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
