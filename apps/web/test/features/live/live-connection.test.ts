import { LIVE_PROTOCOL_VERSION, type LiveMessage } from '@wildrydes/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ATTEMPTS_BEFORE_POLLING, BACKOFF_MAX_MS, backoffDelay } from '../../../src/features/live/backoff';
import { LiveConnection, type LiveState, type SocketLike } from '../../../src/features/live/live-connection';

/** A WebSocket stand-in the test opens, refuses, drops and talks through. */
class FakeSocket implements SocketLike {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.({});
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  refuse() {
    this.onerror?.({});
    this.close();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

const area = { South: 47.59, West: -122.36, North: 47.63, East: -122.31 };
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('LiveConnection', () => {
  let states: LiveState[];
  let messages: LiveMessage[];
  let tokens: number;
  const connection = () =>
    new LiveConnection({
      url: 'ws://localhost:3001',
      getToken: async () => `token-${++tokens}`,
      onMessage: (m) => messages.push(m),
      onState: (s) => states.push(s),
      createSocket: (url) => new FakeSocket(url),
      random: () => 0.5,
    });

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.made = [];
    states = [];
    messages = [];
    tokens = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('connects with the ID token in ?token=, and passes on the messages it understands', async () => {
    const live = connection();
    live.start();
    await flush();
    const [socket] = FakeSocket.made;
    expect(socket?.url).toBe('ws://localhost:3001/?token=token-1');
    socket?.open();
    expect(states).toEqual(['connecting', 'live']);
    socket?.receive({ type: 'error', version: LIVE_PROTOCOL_VERSION, message: 'zoom in' });
    socket?.receive({ type: 'weather', version: LIVE_PROTOCOL_VERSION });
    socket?.receive('not json');
    expect(messages).toEqual([{ type: 'error', version: LIVE_PROTOCOL_VERSION, message: 'zoom in' }]);
    live.stop();
    expect(states.at(-1)).toBe('closed');
  });

  it('reconnects with backoff and a fresh token, says it is polling after repeated failures, and watches again', async () => {
    const live = connection();
    live.watch(area);
    live.start();
    await flush();
    for (let attempt = 0; attempt < ATTEMPTS_BEFORE_POLLING; attempt++) {
      FakeSocket.made.at(-1)?.refuse();
      expect(FakeSocket.made).toHaveLength(attempt + 1);
      await vi.advanceTimersByTimeAsync(backoffDelay(attempt, 0.5));
    }
    expect(states).toEqual(['connecting', 'reconnecting', 'reconnecting', 'polling']);
    const socket = FakeSocket.made.at(-1);
    expect(socket?.url).toBe(`ws://localhost:3001/?token=token-${ATTEMPTS_BEFORE_POLLING + 1}`);
    socket?.open();
    expect(states.at(-1)).toBe('live');
    expect(socket?.sent.map((s) => JSON.parse(s))).toEqual([{ action: 'watch', Area: area }]);
    live.stop();
    await vi.advanceTimersByTimeAsync(BACKOFF_MAX_MS * 2);
    expect(FakeSocket.made).toHaveLength(ATTEMPTS_BEFORE_POLLING + 1);
  });
});
