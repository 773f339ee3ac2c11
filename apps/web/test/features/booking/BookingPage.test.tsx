import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Ride, RideResponse } from '@wildrydes/contract';
import type { Map as LeafletMap } from 'leaflet';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../src/api/api';
import { AppContext } from '../../../src/config/app-context';
import { SessionExpiredError } from '../../../src/features/auth/session/session';
import BookingPage from '../../../src/features/booking/BookingPage';
import type { BookRide, CancelRide } from '../../../src/features/booking/book-ride';
import type { RideMapProps } from '../../../src/features/booking/RideMap';
import { I18nProvider, type Lang } from '../../../src/i18n/i18n';
import { fakeClock, fakeJwt, renderApp, storeSession, testConfig } from '../../helpers';

// Leaflet needs real layout; jsdom has none. The stand-in map offers what the page relies on: a
// click that sets a point, the map's centre, the markers, and the unicorn's flight and its end.
const CENTRE = { Latitude: 47.6062, Longitude: -122.3321 };
vi.mock('../../../src/features/booking/RideMap', () => ({
  default: ({ pickup, dropoff, picking, unicorn, onPick, onReady }: RideMapProps) => (
    <section
      aria-label={`test map (${picking})`}
      ref={() => onReady({ getCenter: () => ({ lat: 47.6062, lng: -122.3321 }), setView: () => undefined } as unknown as LeafletMap)}
    >
      <button type="button" onClick={() => onPick({ Latitude: 47.61, Longitude: -122.33 })}>
        test: click map
      </button>
      <button type="button" onClick={() => onPick({ Latitude: 47.65, Longitude: -122.31 })}>
        test: click map elsewhere
      </button>
      {pickup ? <span data-testid="marker">{`${pickup.Latitude},${pickup.Longitude}`}</span> : null}
      {dropoff ? <span data-testid="dropoff-marker">{`${dropoff.Latitude},${dropoff.Longitude}`}</span> : null}
      {unicorn ? <span data-testid="unicorn">{`${unicorn.to.Latitude},${unicorn.to.Longitude}`}</span> : null}
    </section>
  ),
}));

const PICKUP_IN_MS = 30_000;
const RIDE_MS = 15 * 60_000;

/** The booking answer, its times counted from now (the page derives the status from them). */
const ride = (gender: 'Male' | 'Female', dropoff = { Latitude: 47.61, Longitude: -122.33 }): RideResponse => ({
  RideId: `ride-${gender}`,
  Unicorn: { Name: gender === 'Male' ? 'Rocinante' : 'Shadowfax', Color: gender === 'Male' ? 'Yellow' : 'White', Gender: gender },
  UnicornName: 'x',
  Eta: '30 seconds',
  Rider: 'rider@example.com',
  EtaSeconds: 30,
  UnicornPosition: { Latitude: 47.62, Longitude: -122.35 },
  Status: 'Assigned',
  PickupTime: new Date(Date.now() + PICKUP_IN_MS).toISOString(),
  DropoffTime: new Date(Date.now() + PICKUP_IN_MS + RIDE_MS).toISOString(),
  DropoffLocation: dropoff,
});

/** The same ride as the cancel answers it. */
const cancelled = (booked: RideResponse): Ride => ({
  RideId: booked.RideId,
  Rider: booked.Rider,
  Unicorn: booked.Unicorn,
  UnicornName: booked.UnicornName,
  RequestTime: new Date(Date.now() - 5000).toISOString(),
  PickupLocation: { Latitude: 47.61, Longitude: -122.33 },
  DropoffLocation: booked.DropoffLocation,
  Status: 'Cancelled',
  PickupTime: booked.PickupTime,
  DropoffTime: booked.DropoffTime,
  CancelTime: new Date().toISOString(),
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const notCalled: CancelRide = async () => {
  throw new Error('no cancel expected');
};

function renderRide(bookRide: BookRide, session: { exp?: number } = {}, options: { cancelRide?: CancelRide; lang?: Lang } = {}) {
  storeSession(session);
  window.history.replaceState(null, '', '/ride');
  return render(
    <I18nProvider initialLang={options.lang ?? 'en'}>
      <AppContext.Provider value={{ config: testConfig }}>
        <BookingPage bookRide={bookRide} cancelRide={options.cancelRide ?? notCalled} />
      </AppContext.Provider>
    </I18nProvider>,
  );
}

const statusRegion = () => screen.getAllByRole('status').find((el) => el.classList.contains('ride-status'));
const status = () => statusRegion()?.textContent;
/** The "Your ride" box: its status line. */
const rideState = () => screen.getByRole('region', { name: 'Your ride' }).querySelector('.ride-state')?.textContent;

describe('ride page', () => {
  it('requests a unicorn for the pickup, shows progress, then the workshop’s messages', async () => {
    const user = userEvent.setup();
    const answer = deferred<ApiResult<RideResponse>>();
    const bookRide = vi.fn<BookRide>(() => answer.promise);
    renderRide(bookRide);

    const request = await screen.findByRole('button', { name: 'Request Unicorn' });
    expect((request as HTMLButtonElement).disabled).toBe(true);
    expect(status()).toBe('Click the map, or use a button below, to set your pickup point.');

    await user.click(screen.getByRole('button', { name: 'test: click map' }));
    expect(status()).toBe('Pickup set at 47.61000, -122.33000. Press Request Unicorn.');
    expect((request as HTMLButtonElement).disabled).toBe(false);

    await user.click(request);
    expect(bookRide).toHaveBeenCalledWith({ Latitude: 47.61, Longitude: -122.33 }, expect.stringMatching(/^[0-9a-f-]{36}$/), undefined);
    const busy = screen.getByRole('button', { name: 'Requesting a unicorn…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect(busy.getAttribute('aria-busy')).toBe('true');
    // A second press while the request is out sends nothing more; focus stays on the button.
    await user.click(busy);
    expect(bookRide).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(busy);

    answer.resolve({ ok: true, value: ride('Male') });
    await waitFor(() => expect(status()).toBe('Rocinante, your Yellow unicorn, is on his way. Arriving in about 30 seconds.'));
    expect(rideState()).toBe('Unicorn on the way');
    // The same button, now the ride's Cancel: a keyboard rider is still on it.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel ride' }));
    // The unicorn flies to the pickup; the ride itself is on its way until its PickupTime.
    expect(screen.getByTestId('unicorn').textContent).toBe('47.61,-122.33');
    // One ride at a time: the pickup cannot move and no second ride can be requested meanwhile.
    await user.click(screen.getByRole('button', { name: 'test: click map elsewhere' }));
    expect(screen.getByTestId('marker').textContent).toBe('47.61,-122.33');
    expect(screen.queryByRole('button', { name: 'Request Unicorn' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Use map centre' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Cancel ride' })).toBeTruthy();
  });

  it('says "her" for a female unicorn', async () => {
    const user = userEvent.setup();
    renderRide(async () => ({ ok: true, value: ride('Female') }));
    await user.click(await screen.findByRole('button', { name: 'test: click map' }));
    await user.click(screen.getByRole('button', { name: 'Request Unicorn' }));
    await waitFor(() => expect(status()).toBe('Shadowfax, your White unicorn, is on her way. Arriving in about 30 seconds.'));
  });

  it('shows the API’s message inline and retries with the same idempotency key', async () => {
    const user = userEvent.setup();
    const bookRide = vi
      .fn<BookRide>()
      .mockResolvedValueOnce({ ok: false, kind: 'http', status: 500, message: 'Something went wrong on our side.', reference: 'req-9' })
      .mockResolvedValueOnce({ ok: true, value: ride('Male') });
    const alert = vi.spyOn(window, 'alert');
    renderRide(bookRide);
    await user.click(await screen.findByRole('button', { name: 'test: click map' }));
    await user.click(screen.getByRole('button', { name: 'Request Unicorn' }));

    const error = await screen.findByText('The ride request failed: Something went wrong on our side.');
    expect(error.closest('[role="alert"]')).toBeTruthy();
    expect(screen.getByText('Reference: req-9')).toBeTruthy();
    expect(alert).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(status()).toBe('Rocinante, your Yellow unicorn, is on his way. Arriving in about 30 seconds.'));
    const keys = bookRide.mock.calls.map(([, key]) => key);
    expect(keys[0]).toBe(keys[1]);
  });

  it('sends the rider to sign in, and back here after, when the session is dead', async () => {
    const user = userEvent.setup();
    renderRide(async () => {
      throw new SessionExpiredError();
    });
    await user.click(await screen.findByRole('button', { name: 'test: click map' }));
    await user.click(screen.getByRole('button', { name: 'Request Unicorn' }));
    await waitFor(() => expect(window.location.pathname).toBe('/signin'));
    const query = new URLSearchParams(window.location.search);
    expect(query.get('next')).toBe('/ride');
    expect(query.get('reason')).toBe('expired');
  });

  it('is only for signed-in riders', async () => {
    renderApp('/ride');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(window.location.search).toBe('?next=%2Fride');
  });

  it('shows the ID token with a copy button', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderRide(async () => ({ ok: true, value: ride('Male') }));
    const { idToken } = storeSession();
    await user.click(await screen.findByText('Show my token'));
    const box = (await screen.findByLabelText('ID token')) as HTMLTextAreaElement;
    expect(box.value).toBe(idToken);
    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(writeText).toHaveBeenCalledWith(idToken);
    expect(await screen.findByText('Token copied.')).toBeTruthy();
  });

  it('refreshes an ID token that is about to expire while the page is open', async () => {
    const fresh = fakeJwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    const fetchFn = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify({ AuthenticationResult: { IdToken: fresh, AccessToken: 'a2' } }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchFn);
    try {
      renderRide(async () => ({ ok: true, value: ride('Male') }), { exp: Math.floor(Date.now() / 1000) + 120 });
      await waitFor(() => expect(localStorage.getItem('CognitoIdentityServiceProvider.client1.rider-1.idToken')).toBe(fresh));
      const body = JSON.parse(String(fetchFn.mock.calls[0]?.[1]?.body)) as { RefreshToken: string };
      expect(body.RefreshToken).toBe('refresh-token');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('sends the rider to sign in when Cognito refuses the refresh token', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }), { status: 400 }),
    );
    try {
      renderRide(async () => ({ ok: true, value: ride('Male') }), { exp: Math.floor(Date.now() / 1000) + 120 });
      await waitFor(() => expect(window.location.pathname).toBe('/signin'));
      expect(new URLSearchParams(window.location.search).get('reason')).toBe('expired');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

/** Sets the pickup with the stand-in map and requests the ride; resolves once the page shows it booked. */
async function book(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'test: click map' }));
  await user.click(screen.getByRole('button', { name: 'Request Unicorn' }));
  await screen.findByRole('region', { name: 'Your ride' });
}

describe('ride page: the ride’s status', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('moves the status on at PickupTime and DropoffTime by itself, announced politely, with no polling', async () => {
    fakeClock(Date.parse('2026-11-21T10:00:00Z'));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const answer = ride('Male');
    const bookRide = vi.fn<BookRide>(async () => ({ ok: true, value: answer }));
    renderRide(bookRide);
    await book(user);
    expect(status()).toBe('Rocinante, your Yellow unicorn, is on his way. Arriving in about 30 seconds.');
    expect(statusRegion()?.getAttribute('aria-live')).toBe('polite');
    expect(rideState()).toBe('Unicorn on the way');
    const pickupTime = screen.getByRole('region', { name: 'Your ride' }).querySelectorAll('time')[0];
    expect(pickupTime?.getAttribute('dateTime')).toBe(answer.PickupTime);

    act(() => {
      vi.advanceTimersByTime(Date.parse(answer.PickupTime) - Date.now() - 1000);
    });
    expect(rideState()).toBe('Unicorn on the way');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    await waitFor(() => expect(status()).toBe('Rocinante has arrived. Giddy up!'));
    expect(rideState()).toBe('Riding');
    expect(screen.queryByRole('button', { name: 'Cancel ride' })).toBeNull();
    expect(screen.getByText('One ride at a time: you can request another when this one ends.')).toBeTruthy();

    act(() => {
      vi.advanceTimersByTime(RIDE_MS);
    });
    await waitFor(() => expect(status()).toBe('Your ride with Rocinante is over. Thanks for riding Wild Rydes!'));
    expect(rideState()).toBe('Completed');
    // Over: the rider may book again, at the same pickup or a new one.
    await user.click(screen.getByRole('button', { name: 'Request another ride' }));
    expect(status()).toBe('Pickup set at 47.61000, -122.33000. Press Request Unicorn.');
    expect(bookRide).toHaveBeenCalledTimes(1);
  });

  it('flies the unicorn on to the drop-off once the rider is picked up', async () => {
    fakeClock(Date.now());
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const dropoff = { Latitude: 47.6062, Longitude: -122.3321 };
    renderRide(async () => ({ ok: true, value: ride('Male', dropoff) }));
    await user.click(await screen.findByRole('button', { name: 'Set drop-off' }));
    await user.click(screen.getByRole('button', { name: 'Use map centre' }));
    await book(user);
    expect(screen.getByTestId('unicorn').textContent).toBe('47.61,-122.33');
    act(() => {
      vi.advanceTimersByTime(PICKUP_IN_MS);
    });
    await waitFor(() => expect(screen.getByTestId('unicorn').textContent).toBe('47.6062,-122.3321'));
  });
});

describe('ride page: cancelling', () => {
  it('cancels while the unicorn is on its way: progress, then the result, and the unicorn leaves', async () => {
    const user = userEvent.setup();
    const booked = ride('Female');
    const answer = deferred<ApiResult<Ride>>();
    const cancelRide = vi.fn<CancelRide>(() => answer.promise);
    renderRide(async () => ({ ok: true, value: booked }), {}, { cancelRide });
    await book(user);

    const cancel = screen.getByRole('button', { name: 'Cancel ride' });
    await user.click(cancel);
    expect(cancelRide).toHaveBeenCalledWith('ride-Female');
    const busy = screen.getByRole('button', { name: 'Cancelling…' });
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    await user.click(busy);
    expect(cancelRide).toHaveBeenCalledTimes(1);

    answer.resolve({ ok: true, value: cancelled(booked) });
    await waitFor(() => expect(status()).toBe('Ride cancelled. Shadowfax is free for other riders.'));
    expect(rideState()).toBe('Cancelled');
    expect(screen.queryByTestId('unicorn')).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('');
    // The same button now offers a new ride, so keyboard focus is not lost.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Request another ride' }));
  });

  it('says plainly when it is too late (409), and stops offering the cancel', async () => {
    const user = userEvent.setup();
    const cancelRide = vi.fn<CancelRide>(async () => ({
      ok: false,
      kind: 'http',
      status: 409,
      message: 'This ride can no longer be cancelled: the unicorn has picked you up',
    }));
    renderRide(async () => ({ ok: true, value: ride('Male') }), {}, { cancelRide });
    await book(user);
    await user.click(screen.getByRole('button', { name: 'Cancel ride' }));
    expect(await screen.findByText('Too late to cancel: your unicorn has already picked you up.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Too late to cancel: your unicorn has already picked you up.');
    // The server says the ride has begun, even if this browser's clock says not yet.
    expect(rideState()).toBe('Riding');
    expect(screen.queryByRole('button', { name: 'Cancel ride' })).toBeNull();
  });

  it('on a network error says so, keeps the ride, and a second press cancels it', async () => {
    const user = userEvent.setup();
    const booked = ride('Male');
    const cancelRide = vi
      .fn<CancelRide>()
      .mockResolvedValueOnce({ ok: false, kind: 'network', detail: 'Failed to fetch' })
      .mockResolvedValueOnce({ ok: true, value: cancelled(booked) });
    renderRide(async () => ({ ok: true, value: booked }), {}, { cancelRide });
    await book(user);
    await user.click(screen.getByRole('button', { name: 'Cancel ride' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The ride could not be cancelled: Could not reach the ride service.'),
    );
    expect(rideState()).toBe('Unicorn on the way');
    await user.click(screen.getByRole('button', { name: 'Cancel ride' }));
    await waitFor(() => expect(rideState()).toBe('Cancelled'));
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('sends the rider to sign in when the session died before the cancel', async () => {
    const user = userEvent.setup();
    renderRide(
      async () => ({ ok: true, value: ride('Male') }),
      {},
      {
        cancelRide: async () => {
          throw new SessionExpiredError();
        },
      },
    );
    await book(user);
    await user.click(screen.getByRole('button', { name: 'Cancel ride' }));
    await waitFor(() => expect(window.location.pathname).toBe('/signin'));
  });
});

describe('ride page: refused requests', () => {
  it('one ride at a time: the 409 is a plain message with a link to the active ride', async () => {
    const user = userEvent.setup();
    renderRide(async () => ({
      ok: false,
      kind: 'http',
      status: 409,
      message: 'You already have a ride on its way: one ride at a time (cancel it, or wait until it ends)',
      rideId: 'ride-active',
    }));
    await user.click(await screen.findByRole('button', { name: 'test: click map' }));
    await user.click(screen.getByRole('button', { name: 'Request Unicorn' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() =>
      expect(alert.textContent).toContain('You already have a ride on its way. One ride at a time: cancel it, or wait until it ends.'),
    );
    expect(alert.textContent).not.toContain('The ride request failed');
    const link = within(alert).getByRole('link', { name: 'See your active ride in My rides' });
    expect(link.getAttribute('href')).toBe('/rides');
    await user.click(link);
    expect(window.location.pathname).toBe('/rides');
  });

  it('no unicorn within reach (503): a plain message to try again later, in Korean too', async () => {
    const user = userEvent.setup();
    const refusal = async (): Promise<ApiResult<RideResponse>> => ({
      ok: false,
      kind: 'http',
      status: 503,
      message: 'No unicorn is free near this pickup within 30 minutes; try again in a little while',
      reference: 'req-503',
    });
    const { unmount } = renderRide(refusal);
    await user.click(await screen.findByRole('button', { name: 'test: click map' }));
    await user.click(screen.getByRole('button', { name: 'Request Unicorn' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('No unicorn is free near here right now; try again in a few minutes.'),
    );
    expect(screen.getByRole('alert').textContent).not.toContain('The ride request failed');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    unmount();

    renderRide(refusal, {}, { lang: 'ko' });
    await user.click(await screen.findByRole('button', { name: 'test: click map' }));
    await user.click(screen.getByRole('button', { name: '유니콘 호출' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        '지금은 근처에 이용할 수 있는 유니콘이 없습니다. 몇 분 후에 다시 시도하세요.',
      ),
    );
  });
});

describe('ride page: drop-off', () => {
  it('“Set drop-off”, then a map click, sets a drop-off with its own marker; it can be removed', async () => {
    const user = userEvent.setup();
    const bookRide = vi.fn<BookRide>(async () => ({ ok: true, value: ride('Male', { Latitude: 47.65, Longitude: -122.31 }) }));
    renderRide(bookRide);
    await user.click(await screen.findByRole('button', { name: 'test: click map' }));

    const toggle = screen.getByRole('button', { name: 'Set drop-off' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(status()).toBe('Click the map, or press Use map centre, to set your drop-off point.');
    expect(screen.getByRole('region', { name: 'test map (dropoff)' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'test: click map elsewhere' }));
    expect(screen.getByTestId('dropoff-marker').textContent).toBe('47.65,-122.31');
    expect(screen.getByTestId('marker').textContent).toBe('47.61,-122.33');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(status()).toBe('Pickup set at 47.61000, -122.33000; drop-off at 47.65000, -122.31000. Press Request Unicorn.');

    await user.click(screen.getByRole('button', { name: 'Remove drop-off' }));
    expect(screen.queryByTestId('dropoff-marker')).toBeNull();
    expect(status()).toBe('Pickup set at 47.61000, -122.33000. Press Request Unicorn.');

    // Again, and request: the drop-off goes with the pickup.
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'test: click map elsewhere' }));
    await user.click(screen.getByRole('button', { name: 'Request Unicorn' }));
    expect(bookRide).toHaveBeenCalledWith({ Latitude: 47.61, Longitude: -122.33 }, expect.any(String), {
      Latitude: 47.65,
      Longitude: -122.31,
    });
  });

  it('works from the keyboard: the toggle, then “Use map centre” sets the drop-off', async () => {
    const user = userEvent.setup();
    renderRide(async () => ({ ok: true, value: ride('Male') }));
    const toggle = await screen.findByRole('button', { name: 'Set drop-off' });
    // After a navigation the page moves focus to its heading in an effect (for screen readers): on a
    // slow machine that can land after focus(), so focus the toggle until it stays focused.
    await waitFor(() => {
      toggle.focus();
      expect(document.activeElement).toBe(toggle);
    });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
    screen.getByRole('button', { name: 'Use map centre' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('dropoff-marker').textContent).toBe(`${CENTRE.Latitude},${CENTRE.Longitude}`);
    expect(status()).toBe('Drop-off set at 47.60620, -122.33210. Now set your pickup point: click the map, or use a button below.');
    expect((screen.getByRole('button', { name: 'Request Unicorn' }) as HTMLButtonElement).disabled).toBe(true);
    // The next press sets the pickup.
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('marker').textContent).toBe(`${CENTRE.Latitude},${CENTRE.Longitude}`);
  });
});
