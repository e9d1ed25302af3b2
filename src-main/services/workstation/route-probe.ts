import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The route the OS picks to an address: the interface and the local source address it would use. */
export interface WorkstationRoute {
  readonly interface: string;
  readonly source: string | null;
}

/** The workstation side of a private path: which route the OS picks, and whether a TCP connect gets through. */
export interface WorkstationProbe {
  /** The route to `ip`, or null when the OS has none (unreachable, no VPN up). */
  route(ip: string): Promise<WorkstationRoute | null>;
  /** True when a TCP connection to `ip:port` opens within `timeoutMs`. */
  connects(ip: string, port: number, timeoutMs: number): Promise<boolean>;
}

/** Parses `ip route get` output (`10.0.2.4 via 10.8.0.1 dev tun0 src 10.8.0.6 uid 0`); null for unreachable/blackhole routes. */
export function parseLinuxRoute(text: string): WorkstationRoute | null {
  const line = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  if (/^(unreachable|blackhole|prohibit|throw)\b/.test(line.trim())) return null;
  const dev = /\bdev (\S+)/.exec(line)?.[1];
  if (!dev) return null;
  return { interface: dev, source: /\bsrc (\S+)/.exec(line)?.[1] ?? null };
}

/** Parses PowerShell `Find-NetRoute -RemoteIPAddress X | Select-Object InterfaceAlias,IPAddress | ConvertTo-Json`. */
export function parseWindowsRoute(text: string): WorkstationRoute | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    const rows = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ InterfaceAlias?: unknown; IPAddress?: unknown }>;
    const alias = rows.map((r) => r.InterfaceAlias).find((a): a is string => typeof a === 'string' && a.length > 0);
    const source = rows.map((r) => r.IPAddress).find((a): a is string => typeof a === 'string' && a.length > 0);
    return alias ? { interface: alias, source: source ?? null } : null;
  } catch {
    return null;
  }
}

/** Opens and closes one TCP connection; false on refusal, error or timeout. */
export function tcpConnects(ip: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: ip, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The OS probe: `ip route get` on Linux, `Find-NetRoute` on Windows; other systems report no route. */
export function systemWorkstationProbe(platform: NodeJS.Platform = process.platform): WorkstationProbe {
  return {
    async route(ip) {
      try {
        if (platform === 'linux') return parseLinuxRoute((await run('ip', ['route', 'get', ip], { timeout: 5000 })).stdout);
        if (platform === 'win32') {
          const script = `Find-NetRoute -RemoteIPAddress '${ip.replace(/[^0-9A-Fa-f.:]/g, '')}' | Select-Object InterfaceAlias,IPAddress | ConvertTo-Json`;
          return parseWindowsRoute((await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], { timeout: 10_000 })).stdout);
        }
      } catch {
        return null;
      }
      return null;
    },
    connects: tcpConnects,
  };
}
