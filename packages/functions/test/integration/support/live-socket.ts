/**
 * A real WebSocket client of the local stack's live API (the `ws` package), recording every
 * message it receives, for the live-rides integration tests. Every wait is bounded.
 */
import { LIVE_TOKEN_PARAMETER, type LiveMessage, parseLiveMessage } from '@wildrydes/contract';
import { readStack } from '@wildrydes/local-stack/testing';
import WebSocket from 'ws';

export interface LiveSocket {
  socket: WebSocket;
  messages: LiveMessage[];
  /** Resolves with the first message (already received or to come) that matches, or rejects after `timeoutMs`. */
  next(match: (message: LiveMessage) => boolean, timeoutMs: number): Promise<LiveMessage>;
  send(message: unknown): void;
  closed: boolean;
  close(): Promise<void>;
}

export const liveUrl = async (): Promise<string> => {
  const stack = (await readStack()) as { websocket?: { url: string } };
  if (!stack.websocket?.url) throw new Error('stack.json names no websocket.url: the local stack is older than the live API');
  return stack.websocket.url;
};

/** Opens a connection with `token` (or none), resolving once open; rejects with the handshake's HTTP status when refused. */
export async function openLive(token: string | undefined, timeoutMs = 10_000): Promise<LiveSocket> {
  const url = new URL(await liveUrl());
  if (token !== undefined) url.searchParams.set(LIVE_TOKEN_PARAMETER, token);
  const socket = new WebSocket(url);
  const messages: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  const live: LiveSocket = {
    socket,
    messages,
    closed: false,
    next(match, waitMs) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = messages.find(match);
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message within ${waitMs} ms; received: ${JSON.stringify(messages).slice(0, 500)}`));
        }, waitMs);
        waiters.add(check);
      });
    },
    send: (message) => socket.send(JSON.stringify(message)),
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        const timer = setTimeout(() => {
          socket.terminate();
          resolve();
        }, 2000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.close();
      }),
  };
  socket.on('message', (data) => {
    const message = parseLiveMessage(String(data));
    if (!message) return;
    messages.push(message);
    for (const waiter of [...waiters]) waiter();
  });
  socket.on('close', () => {
    live.closed = true;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`the live API did not open a connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      socket.terminate();
      reject(Object.assign(new Error(`refused: HTTP ${response.statusCode}`), { status: response.statusCode }));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return live;
}

/** The HTTP status the handshake was refused with, or `open` if the connection opened (and is closed again). */
export async function handshakeStatus(token: string | undefined): Promise<number | 'open'> {
  try {
    const live = await openLive(token);
    await live.close();
    return 'open';
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === undefined) throw error;
    return status;
  }
}
