import type { z } from 'zod';
import type { Route } from '../../ipc/contract/ssh';

/**
 * The names under which an SSH server's host key is looked up, most specific first. A direct or
 * IP-connect route uses OpenSSH's own form (`host` on port 22, `[host]:port` otherwise) so entries
 * imported from ~/.ssh/known_hosts match; a Bastion route to a resource is named after the resource,
 * because the TCP endpoint (Bastion) says nothing about which server answers.
 */
export function hostIdsFor(route: z.output<typeof Route>, vmResourceId?: string): string[] {
  const ids: string[] = [];
  if (route.kind === 'direct') ids.push(openSshHostToken(route.host, route.port));
  else if (route.kind === 'bastion-ip') ids.push(openSshHostToken(route.targetIp, route.port));
  else ids.push(azureHostId(route.targetResourceId, route.port));
  if (vmResourceId) {
    const byVm = azureHostId(vmResourceId, route.port);
    if (!ids.includes(byVm)) ids.push(byVm);
  }
  return ids;
}

/** `host` for port 22, `[host]:port` otherwise — the form known_hosts uses. */
export function openSshHostToken(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/** The host id of an Azure VM's SSH server, used for keys read from Azure and for Bastion routes. */
export function azureHostId(resourceId: string, port = 22): string {
  const id = `azure-vm:${resourceId.toLowerCase()}`;
  return port === 22 ? id : `${id}#${port}`;
}
