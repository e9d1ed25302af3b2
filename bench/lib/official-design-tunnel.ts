/**
 * The bench's baseline: a tunnel listener with the data path of the official `az network bastion tunnel`
 * client (bastion-protocol.md §3.3): every read of the local socket is at most 4096 bytes and goes out
 * as one binary websocket message (with a fresh random mask, as websocket-client does); every
 * message from Bastion is written to the local socket as it arrives. Only the data path is modelled:
 * minting and deleting the session reuse our REST half (`BastionTokenApi`), which is not on the hot path.
 * Writers wait (blocking sends, in the CLI's threads) — here the local socket pauses while the websocket
 * has more than 1 MiB queued, the same limit our client uses, so only the framing differs.
 */
import net from 'node:net';
import WebSocket from 'ws';
import type { BastionConfig } from '../../src-main/services/bastion/bastion-config';
import { dialTarget } from '../../src-main/services/bastion/bastion-endpoint';
import type { BastionNet } from '../../src-main/services/bastion/bastion-net';
import { BastionTokenApi, type TokenForm } from '../../src-main/services/bastion/token-api';

const READ_BYTES = 4096;
const SEND_HIGH_WATER = 1024 * 1024;

/** What the baseline needs: where Bastion is, how to reach it, what to ask for. */
export interface OfficialDesignOptions {
  readonly dnsName: string;
  readonly form: TokenForm;
  readonly net: BastionNet;
  readonly config: BastionConfig;
}

/** Listens on 127.0.0.1:0; each accepted connection gets its own session, deleted when it ends. */
export async function startOfficialDesignTunnel(options: OfficialDesignOptions): Promise<{ port: number; close(): Promise<void> }> {
  const api = new BastionTokenApi(options.net, options.config);
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true, pauseOnConnect: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    void carry(socket, api, options).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function carry(socket: net.Socket, api: BastionTokenApi, options: OfficialDesignOptions): Promise<void> {
  const session = await api.createSession(options.dnsName, options.form, 'bench');
  const path = `/webtunnelv2/${session.websocketToken}?X-Node-Id=${session.nodeId}`;
  const target = dialTarget(options.config, 'wss', session.endpoint, path);
  const ws = new WebSocket(target.url, {
    agent: await options.net.agentFor(target.logicalUrl),
    ca: [...options.net.ca],
    servername: target.servername,
    headers: { Host: target.logicalUrl.host },
    perMessageDeflate: false,
  } as WebSocket.ClientOptions);
  ws.binaryType = 'nodebuffer';
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    socket.destroy();
    if (ws.readyState === WebSocket.OPEN) ws.close(1000);
    void api.deleteSession(session, 'bench').catch(() => undefined);
  };
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('error', end);
  ws.on('close', end);
  ws.on('message', (data: Buffer) => {
    if (!socket.write(data)) {
      ws.pause();
      socket.once('drain', () => ws.resume());
    }
  });
  // 4096 bytes per message, as the CLI's recv_into(4096) + send_binary. Node reads up to 64 KiB per syscall and
  // the reads are split here without a copy, which favours the baseline (the CLI makes a syscall per 4 KiB).
  const resumeWhenDrained = () => {
    if (socket.isPaused() && ws.bufferedAmount <= SEND_HIGH_WATER) socket.resume();
  };
  socket.on('data', (chunk: Buffer) => {
    for (let offset = 0; offset < chunk.length; offset += READ_BYTES) {
      const last = offset + READ_BYTES >= chunk.length;
      ws.send(chunk.subarray(offset, offset + READ_BYTES), { binary: true }, last ? resumeWhenDrained : undefined);
    }
    if (ws.bufferedAmount > SEND_HIGH_WATER) socket.pause();
  });
  socket.on('end', end);
  socket.on('close', end);
  socket.on('error', end);
  socket.resume();
}
