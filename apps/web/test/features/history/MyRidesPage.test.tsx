import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Ride, RidePage } from '@wildrydes/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult, WildRydesClient } from '../../../src/api/api';
import { AppContext } from '../../../src/config/app-context';
import MyRidesPage from '../../../src/features/history/MyRidesPage';
import type { RidesMapProps } from '../../../src/features/history/RidesMap';
import { I18nProvider, type Lang } from '../../../src/i18n/i18n';
import { fakeClock, fakeJwt, storeSession, testConfig } from '../../helpers';

// Leaflet needs real layout; the stand-in lists the markers the map would draw, with their labels.
vi.mock('../../../src/features/history/RidesMap', () => ({
  default: ({ rides, markerLabel }: RidesMapProps) => (
    <ul data-testid="map">
      {rides.map((r) => (
        <li key={r.RideId} data-testid="marker">{`${r.PickupLocation.Latitude},${r.PickupLocation.Longitude} ${markerLabel(r)}`}</li>
      ))}
    </ul>
  ),
}));

/** A finished ride of November 2026, ended where it began (no drop-off). */
const ride = (n: number, name: string, color: string): Ride => ({
  RideId: `ride-${n}`,
  Rider: 'rider@example.com',
  Unicorn: { Name: name, Color: color, Gender: 'Female' },
  UnicornName: name,
  RequestTime: `2026-11-2${n}T10:0${n}:00.000Z`,
  PickupLocation: { Latitude: 47.6 + n / 100, Longitude: -122.3 - n / 100 },
  DropoffLocation: { Latitude: 47.6 + n / 100, Longitude: -122.3 - n / 100 },
  Status: 'Completed',
  PickupTime: `2026-11-2${n}T10:1${n}:00.000Z`,
  DropoffTime: `2026-11-2${n}T10:2${n}:00.000Z`,
});
const newest = ride(3, 'Shadowfax', 'White');
const middle = ride(2, 'Rocinante', 'Yellow');
const oldest = ride(1, 'Bucephalus', 'Golden');

type ListRides = WildRydesClient['listRides'];
type CancelRide = WildRydesClient['cancelRide'];
const page = (Rides: Ride[], NextCursor?: string): ApiResult<RidePage> => ({
  ok: true,
  value: NextCursor ? { Rides, NextCursor } : { Rides },
});

const noCancel: CancelRide = async () => {
  throw new Error('no cancel expected');
};

function renderRides(listRides: ListRides, options: { path?: string; lang?: Lang; cancelRide?: CancelRide } = {}) {
  const { idToken } = storeSession();
  window.history.replaceState(null, '', options.path ?? '/rides');
  render(
    <I18nProvider initialLang={options.lang ?? 'en'}>
      <AppContext.Provider value={{ config: testConfig }}>
        <MyRidesPage client={{ listRides, cancelRide: options.cancelRide ?? noCancel }} />
      </AppContext.Provider>
    </I18nProvider>,
  );
  return { idToken };
}

const rideItems = () => within(screen.getByRole('list', { name: 'Your rides' })).getAllByRole('listitem');

describe('My rides', () => {
  it('lists the rider’s rides newest first, with time, unicorn, pickup and a marker each', async () => {
    const listRides = vi.fn<ListRides>(async () => page([newest, oldest]));
    const { idToken } = renderRides(listRides);
    expect(await screen.findByText('Loading your rides…')).toBeTruthy();
    await waitFor(() => expect(rideItems()).toHaveLength(2));
    const [first, second] = rideItems();
    expect(first?.textContent).toContain('Unicorn: Shadowfax (White)');
    expect(first?.textContent).toContain('Pickup at 47.63000, -122.33000');
    const time = first?.querySelector('time');
    expect(time?.getAttribute('dateTime')).toBe(newest.RequestTime);
    expect(time?.textContent).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(newest.RequestTime)),
    );
    expect(second?.textContent).toContain('Unicorn: Bucephalus (Golden)');
    expect(screen.getAllByTestId('marker').map((m) => m.textContent)).toEqual([
      `47.63,-122.33 Pickup of the ride at ${time?.textContent}`,
      expect.stringMatching(/^47\.61,-122\.31 Pickup of the ride at /),
    ]);
    // The raw ID token and the default page size; no "Load more" after the last page.
    expect(listRides).toHaveBeenCalledWith(idToken, { limit: 20 });
    expect(screen.getByRole('status')?.textContent).toContain('Rides shown: 2. That is all your rides.');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('“Load more” asks for the next page with the cursor, appends it and moves focus to it', async () => {
    const listRides = vi
      .fn<ListRides>()
      .mockResolvedValueOnce(page([newest, middle], 'cursor-2'))
      .mockResolvedValueOnce(page([oldest]));
    renderRides(listRides, { path: '/rides?limit=2' });
    const more = await screen.findByRole('button', { name: 'Load more' });
    expect(listRides).toHaveBeenLastCalledWith(expect.any(String), { limit: 2 });
    await userEvent.click(more);
    await waitFor(() => expect(rideItems()).toHaveLength(3));
    expect(listRides).toHaveBeenLastCalledWith(expect.any(String), { limit: 2, cursor: 'cursor-2' });
    expect(rideItems().map((li) => li.querySelector('p:nth-child(2)')?.textContent)).toEqual([
      'Unicorn: Shadowfax (White)',
      'Unicorn: Rocinante (Yellow)',
      'Unicorn: Bucephalus (Golden)',
    ]);
    // Focus moves in an effect after the render: wait for it rather than race it.
    await waitFor(() => expect(document.activeElement).toBe(rideItems()[2]));
    expect(screen.getByRole('status')?.textContent).toContain('Loaded 1 more. Rides shown: 3. That is all your rides.');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getAllByTestId('marker')).toHaveLength(3);
  });

  it('shows an empty state that leads to the ride page', async () => {
    renderRides(async () => page([]));
    expect(await screen.findByText('No rides yet — request your first unicorn')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Request a unicorn' }).getAttribute('href')).toBe('/ride');
    expect(screen.queryByTestId('map')).toBeNull();
  });

  it('shows an error with its reference inline, and Retry loads the same page again', async () => {
    const listRides = vi
      .fn<ListRides>()
      .mockResolvedValueOnce(page([newest], 'cursor-1'))
      .mockResolvedValueOnce({ ok: false, kind: 'http', status: 500, message: 'Something went wrong on our side.', reference: 'req-9' })
      .mockResolvedValueOnce(page([oldest]));
    renderRides(listRides, { path: '/rides?limit=1' });
    await userEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert?.textContent).toContain('Your rides could not be loaded: Something went wrong on our side.'));
    expect(alert?.textContent).toContain('Reference: req-9');
    expect(rideItems()).toHaveLength(1); // what was loaded stays
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(rideItems()).toHaveLength(2));
    expect(listRides).toHaveBeenLastCalledWith(expect.any(String), { limit: 1, cursor: 'cursor-1' });
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('says when the ride service does not answer in time, in Korean too', async () => {
    renderRides(async () => ({ ok: false, kind: 'timeout' }), { lang: 'ko' });
    expect(await screen.findByRole('button', { name: '다시 시도' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/^라이드를 불러오지 못했습니다: /);
  });

  it('sends the rider to sign in and back when the session is dead', async () => {
    // The refresh of the refused token goes to Cognito, which refuses it too.
    vi.stubGlobal(
      'fetch',
      async () => new Response(JSON.stringify({ __type: 'NotAuthorizedException', message: 'Refresh Token has expired' }), { status: 400 }),
    );
    const listRides = vi.fn<ListRides>(async () => ({ ok: false, kind: 'http', status: 401, message: 'Unauthorized' }));
    try {
      renderRides(listRides, { path: '/rides?limit=5' });
      await waitFor(() => expect(window.location.pathname).toBe('/signin'));
      expect(new URLSearchParams(window.location.search).get('next')).toBe('/rides?limit=5');
      expect(listRides).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('on a refused token, refreshes it once and asks again', async () => {
    const fresh = fakeJwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    vi.stubGlobal(
      'fetch',
      async () => new Response(JSON.stringify({ AuthenticationResult: { IdToken: fresh, AccessToken: 'a2' } }), { status: 200 }),
    );
    const listRides = vi
      .fn<ListRides>()
      .mockResolvedValueOnce({ ok: false, kind: 'http', status: 401, message: 'Unauthorized' })
      .mockResolvedValueOnce(page([newest]));
    try {
      const { idToken } = renderRides(listRides);
      await waitFor(() => expect(rideItems()).toHaveLength(1));
      expect(listRides.mock.calls.map(([token]) => token)).toEqual([idToken, fresh]);
      expect(window.location.pathname).toBe('/rides');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('My rides: status, drop-off and cancel', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const NOW = Date.parse('2026-11-23T10:03:10Z');
  const at = (ms: number) => new Date(NOW + ms).toISOString();
  // On its way (pickup in 20 s, drop-off 5 min later at another point), and one cancelled earlier.
  const active: Ride = {
    ...ride(3, 'Shadowfax', 'White'),
    DropoffLocation: { Latitude: 47.65, Longitude: -122.31 },
    Status: 'Assigned',
    PickupTime: at(20_000),
    DropoffTime: at(320_000),
  };
  const cancelledEarlier: Ride = { ...middle, Status: 'Cancelled', CancelTime: '2026-11-22T10:02:30.000Z' };
  const statusOf = (item: HTMLElement | undefined) => item?.querySelector('.ride-state')?.textContent;

  it('shows each ride’s status, the drop-off where it differs, and moves the status on at PickupTime', async () => {
    fakeClock(NOW);
    const listRides = vi.fn<ListRides>(async () => page([active, cancelledEarlier, oldest]));
    renderRides(listRides);
    await waitFor(() => expect(rideItems()).toHaveLength(3));
    const [first, second, third] = rideItems();
    expect(statusOf(first)).toBe('Status: Unicorn on the way');
    expect(statusOf(second)).toBe('Status: Cancelled');
    expect(statusOf(third)).toBe('Status: Completed');
    expect(first?.textContent).toContain('Drop-off at 47.65000, -122.31000');
    expect(third?.textContent).not.toContain('Drop-off');
    expect(within(first as HTMLElement).getByRole('button', { name: /^Cancel the ride of / })).toBeTruthy();
    expect(within(second as HTMLElement).queryByRole('button')).toBeNull();

    // The page's effects may still be settling from the load: wait for the status to follow.
    act(() => {
      vi.advanceTimersByTime(20_000);
    });
    await waitFor(() => expect(statusOf(rideItems()[0])).toBe('Status: Riding'));
    expect(within(rideItems()[0] as HTMLElement).queryByRole('button')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(300_000);
    });
    await waitFor(() => expect(statusOf(rideItems()[0])).toBe('Status: Completed'));
    // The clock did it: the list was read once.
    expect(listRides).toHaveBeenCalledTimes(1);
  });

  it('says the status in Korean', async () => {
    renderRides(async () => page([cancelledEarlier, oldest]), { lang: 'ko' });
    await waitFor(() => expect(within(screen.getByRole('list', { name: '내 라이드 목록' })).getAllByRole('listitem')).toHaveLength(2));
    const items = within(screen.getByRole('list', { name: '내 라이드 목록' })).getAllByRole('listitem');
    expect(items.map(statusOf)).toEqual(['상태: 취소됨', '상태: 완료']);
  });

  it('cancels an Assigned ride from the list: progress, then Cancelled, announced, focus on the ride', async () => {
    fakeClock(NOW);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    let resolve: (result: ApiResult<Ride>) => void = () => undefined;
    const cancelRide = vi.fn<CancelRide>(
      () =>
        new Promise((r) => {
          resolve = r;
        }),
    );
    const { idToken } = renderRides(async () => page([active, oldest]), { cancelRide });
    await waitFor(() => expect(rideItems()).toHaveLength(2));
    await user.click(within(rideItems()[0] as HTMLElement).getByRole('button', { name: /^Cancel the ride of / }));
    expect(cancelRide).toHaveBeenCalledWith(idToken, 'ride-3');
    const busy = within(rideItems()[0] as HTMLElement).getByRole('button');
    expect(busy.textContent).toBe(' Cancelling…');
    expect(busy.getAttribute('aria-busy')).toBe('true');

    act(() => resolve({ ok: true, value: { ...active, Status: 'Cancelled', CancelTime: at(1000) } }));
    await waitFor(() => expect(statusOf(rideItems()[0])).toBe('Status: Cancelled'));
    expect(within(rideItems()[0] as HTMLElement).queryByRole('button')).toBeNull();
    expect(document.activeElement).toBe(rideItems()[0]);
    const time = rideItems()[0]?.querySelector('time')?.textContent;
    expect(document.querySelector('.visually-hidden[aria-live="polite"]')?.textContent).toBe(`The ride of ${time} is cancelled.`);
    // The page's status line still reports the load.
    expect(screen.getByRole('status').textContent).toContain('Rides shown: 2.');
  });

  it('a cancel that comes too late says so next to the ride', async () => {
    fakeClock(NOW);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const cancelRide = vi.fn<CancelRide>(async () => ({ ok: false, kind: 'http', status: 409, message: 'too late' }));
    renderRides(async () => page([active]), { cancelRide });
    await waitFor(() => expect(rideItems()).toHaveLength(1));
    await user.click(within(rideItems()[0] as HTMLElement).getByRole('button', { name: /^Cancel the ride of / }));
    await waitFor(() => expect(rideItems()[0]?.textContent).toContain('Too late to cancel: your unicorn has already picked you up.'));
    // The server says it has begun: no more Cancel, whatever this browser's clock says.
    expect(statusOf(rideItems()[0])).toBe('Status: Riding');
    expect(within(rideItems()[0] as HTMLElement).queryByRole('button')).toBeNull();
  });
});
