import { LIVE_TOKEN_PARAMETER, type LiveMessage, parseLiveMessage, type WatchRequest } from '@wildrydes/contract';
import { ATTEMPTS_BEFORE_POLLING, backoffDelay } from './backoff';

/**
 * `connecting`: the first try; `live`: open; `reconnecting`: lost, trying again soon; `polling`:
 * several tries failed (or no live API is configured), so the page reads the ride over HTTP
 * while it keeps trying; `closed`: stopped by the page.
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'closed';

/** The browser's WebSocket, or a test's stand-in with the same surface. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

interface LiveConnectionOptions {
  url: string;
  /** A usable ID token, refreshed if it is about to expire: asked for before every (re)connect. */
  getToken: () => Promise<string>;
  onMessage: (message: LiveMessage) => void;
  onState: (state: LiveState) => void;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const OPEN = 1;

/**
 * One live connection for a page: opens with the rider's ID token in `?token=`, reconnects with
 * backoff (a fresh token each time), re-sends the current watch after every reconnect, and
 * passes on the messages this client understands (others are ignored).
 */
export class LiveConnection {
  private socket: SocketLike | undefined;
  private attempt = 0;
  private timer: unknown;
  private stopped = false;
  private watching: WatchRequest | undefined;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: LiveConnectionOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimer ?? ((run, ms) => window.setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => window.clearTimeout(timer as number));
  }

  start(): void {
    this.options.onState('connecting');
    void this.open();
  }

  /** Watches a map view from now on (and again after any reconnect). */
  watch(area: WatchRequest['Area']): void {
    this.watching = { action: 'watch', Area: area };
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(this.watching));
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
    }
    this.options.onState('closed');
  }

  private async open(): Promise<void> {
    let token: string;
    try {
      token = await this.options.getToken();
    } catch {
      // No token now (offline, or the session needs a sign-in the page will ask for): try later.
      this.retry();
      return;
    }
    if (this.stopped) return;
    const url = new URL(this.options.url);
    url.searchParams.set(LIVE_TOKEN_PARAMETER, token);
    const socket = this.createSocket(url.toString());
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.options.onState('live');
      if (this.watching) socket.send(JSON.stringify(this.watching));
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseLiveMessage(event.data);
      if (message) this.options.onMessage(message);
    };
    // A refused handshake fires error then close; a dropped connection, close: either way, retry.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket === socket) this.socket = undefined;
      this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    const attempt = this.attempt++;
    this.options.onState(this.attempt >= ATTEMPTS_BEFORE_POLLING ? 'polling' : 'reconnecting');
    this.timer = this.setTimer(() => void this.open(), backoffDelay(attempt, this.random()));
  }
}
