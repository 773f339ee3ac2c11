import { render, screen } from '@testing-library/react';
import { LIVE_PROTOCOL_VERSION, type LiveMessage, MAX_WATCH_CELLS, type UnicornSpot } from '@wildrydes/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateConfig } from '../src/config/runtime-config';
import { type RideState, rideReducer } from '../src/features/booking/ride-machine';
import { ATTEMPTS_BEFORE_POLLING, BACKOFF_FIRST_MS, BACKOFF_MAX_MS, backoffDelay, POLL_INTERVAL_MS } from '../src/features/live/backoff';
import { applySpots, MAX_WATCH_SPAN_DEGREES, nextFreeing, visibleSpots, watchable } from '../src/features/live/free-unicorns';
import { LiveIndicator } from '../src/features/live/LiveIndicator';
import { LiveConnection, type LiveState, type SocketLike } from '../src/features/live/live-connection';
import { ensureCatalog } from '../src/i18n/catalogs';
import { I18nProvider } from '../src/i18n/i18n';
import { testConfig } from './helpers';

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

const spot = (Name: string, FreeFrom = '2026-12-03T11:00:00.000Z', Latitude = 47.61, Longitude = -122.33): UnicornSpot => ({
  Name,
  Position: { Latitude, Longitude },
  FreeFrom,
});
const area = { South: 47.59, West: -122.36, North: 47.63, East: -122.31 };
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('backoffDelay', () => {
  it('grows from the first step to the cap, and never waits less than half the first step', () => {
    expect(backoffDelay(0, 0.999)).toBeLessThanOrEqual(BACKOFF_FIRST_MS);
    expect(backoffDelay(3, 0.999)).toBeCloseTo(8 * BACKOFF_FIRST_MS, -2);
    expect(backoffDelay(30, 0.999)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    expect(backoffDelay(30, 0.999)).toBeGreaterThan(BACKOFF_MAX_MS * 0.9);
    for (const attempt of [0, 1, 5, 30]) expect(backoffDelay(attempt, 0)).toBe(BACKOFF_FIRST_MS / 2);
  });
});

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

describe('free unicorns', () => {
  it('takes a watch answer as the whole picture, and a change on top of it', () => {
    let spots = applySpots(new Map([['Old', spot('Old')]]), { type: 'unicorns', version: 1, Area: area, Unicorns: [spot('A'), spot('B')] });
    expect([...spots.keys()]).toEqual(['A', 'B']);
    spots = applySpots(spots, { type: 'unicorn', version: 1, Unicorn: spot('A', '2026-12-03T13:00:00.000Z') });
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(visibleSpots(spots, area, now).map((s) => s.Name)).toEqual(['B']);
    expect(nextFreeing(spots, now)).toBe(Date.parse('2026-12-03T13:00:00.000Z'));
    expect(visibleSpots(spots, area, Date.parse('2026-12-03T13:00:00Z')).map((s) => s.Name)).toEqual(['A', 'B']);
    expect(visibleSpots(applySpots(spots, { type: 'unicorn', version: 1, Unicorn: spot('B', undefined, 48) }), area, now)).toEqual([]);
    expect(visibleSpots(spots, undefined, now)).toEqual([]);
  });

  it('watches only views the API would accept: at most its cells', () => {
    expect(watchable(area)).toBe(true);
    expect(watchable({ South: 0, West: 0, North: MAX_WATCH_SPAN_DEGREES.latitude, East: MAX_WATCH_SPAN_DEGREES.longitude })).toBe(true);
    expect(watchable({ South: 0, West: 0, North: MAX_WATCH_SPAN_DEGREES.latitude * 1.5, East: 0.1 })).toBe(false);
    expect(watchable({ South: -60, West: -170, North: 70, East: 170 })).toBe(false);
    // A 4 x 4 block of precision-4 cells is MAX_WATCH_CELLS.
    expect(MAX_WATCH_CELLS).toBe(16);
    expect(MAX_WATCH_SPAN_DEGREES.latitude).toBeCloseTo(3 * (180 / 1024));
  });
});

describe('a ride updated from the live API (or a poll)', () => {
  const booked: RideState = {
    status: 'booked',
    pickup: { Latitude: 47.61, Longitude: -122.33 },
    ride: {
      RideId: 'r1',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      Eta: '2 minutes',
      Rider: 'rider-1',
      EtaSeconds: 120,
      UnicornPosition: { Latitude: 47.6, Longitude: -122.32 },
      Status: 'Assigned',
      PickupTime: '2026-12-03T12:02:00.000Z',
      DropoffTime: '2026-12-03T12:17:00.000Z',
      DropoffLocation: { Latitude: 47.61, Longitude: -122.33 },
    },
    cancel: { phase: 'cancelling' },
  };
  const ride = {
    RideId: 'r1',
    Rider: 'rider-1',
    Unicorn: booked.ride.Unicorn,
    UnicornName: 'Shadowfax',
    RequestTime: '2026-12-03T12:00:00.000Z',
    PickupLocation: booked.pickup,
    DropoffLocation: booked.pickup,
    Status: 'Cancelled' as const,
    PickupTime: booked.ride.PickupTime,
    DropoffTime: booked.ride.DropoffTime,
    CancelTime: '2026-12-03T12:01:00.000Z',
  };
  it('takes a cancel made elsewhere, settling this page’s own cancel', () => {
    const next = rideReducer(booked, { type: 'updated', ride });
    expect(next.status === 'booked' && next.ride).toMatchObject({ Status: 'Cancelled', CancelTime: ride.CancelTime });
    expect(next.status === 'booked' && next.cancel).toEqual({ phase: 'idle' });
  });
  it('ignores another ride', () => {
    expect(rideReducer(booked, { type: 'updated', ride: { ...ride, RideId: 'r2' } })).toBe(booked);
  });
});

describe('config.json', () => {
  const raw = { ...testConfig };
  it('takes an optional ws(s) URL for the live API, and names a wrong one', () => {
    expect(validateConfig({ ...raw, websocket: { url: 'wss://abc.execute-api.us-east-1.amazonaws.com/dev' } })).toMatchObject({
      ok: true,
      config: { websocket: { url: 'wss://abc.execute-api.us-east-1.amazonaws.com/dev' } },
    });
    const without = validateConfig(raw);
    expect(without.ok && without.config).not.toHaveProperty('websocket');
    expect(validateConfig({ ...raw, websocket: { url: 'https://x' } })).toMatchObject({
      ok: false,
      problems: ['websocket.url must be a ws:// or wss:// URL'],
    });
  });
});

describe('the live indicator', () => {
  it('says in words whether the page is live, and when it polls, how often', async () => {
    await Promise.all([ensureCatalog('en', ['ride']), ensureCatalog('ko', ['ride'])]);
    const { unmount } = render(
      <I18nProvider initialLang="en">
        <LiveIndicator state="live" />
      </I18nProvider>,
    );
    expect(await screen.findByText('Live')).toBeTruthy();
    unmount();
    render(
      <I18nProvider initialLang="ko">
        <LiveIndicator state="polling" />
      </I18nProvider>,
    );
    expect(await screen.findByText(`실시간 연결 안 됨: ${POLL_INTERVAL_MS / 1000}초마다 탑승 상태를 확인합니다`)).toBeTruthy();
  });
});
