import type { IpcRouter } from '../router';
import type { ApiHopProbe } from '../../services/api-hop';

/** Registers `kubectl.apiHop`: the API server hop's proof through an open tunnel. */
export function registerApiHopHandlers(router: IpcRouter, probe: ApiHopProbe): void {
  router.handle('kubectl.apiHop', (request) => probe.probe(request));
}
