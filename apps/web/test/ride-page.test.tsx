import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RideResponse } from '@wildrydes/contract';
import { describe, expect, it, vi } from 'vitest';
import { AppContext } from '../src/app/app-context';
import { SessionExpiredError } from '../src/auth/session';
import { I18nProvider } from '../src/i18n/i18n';
import RidePage from '../src/pages/ride/RidePage';
import type { BookRide } from '../src/ride/book-ride';
import type { RideMapProps } from '../src/ride/RideMap';
import type { RideResult } from '../src/ride/ride-client';
import { fakeJwt, renderApp, storeSession, testConfig } from './helpers';

// Leaflet needs real layout; jsdom has none. The stand-in map offers what the page relies on:
// a click that sets the pickup, and the end of the unicorn's flight.
vi.mock('../src/ride/RideMap', () => ({
  default: ({ pickup, flight, onPick }: RideMapProps) => (
    <div>
      <button type="button" onClick={() => onPick({ Latitude: 47.61, Longitude: -122.33 })}>
        test: click map
      </button>
      {pickup ? <span data-testid="marker">{`${pickup.Latitude},${pickup.Longitude}`}</span> : null}
      {flight ? (
        <button type="button" onClick={flight.onArrived}>
          test: unicorn lands
        </button>
      ) : null}
    </div>
  ),
}));

const ride = (gender: 'Male' | 'Female'): RideResponse => {
  // Built apart from its type so it fits contracts with and without EtaSeconds/UnicornPosition.
  const answer = {
    RideId: `ride-${gender}`,
    Unicorn: { Name: gender === 'Male' ? 'Rocinante' : 'Shadowfax', Color: gender === 'Male' ? 'Yellow' : 'White', Gender: gender },
    UnicornName: 'x',
    Eta: '30 seconds',
    Rider: 'rider@example.com',
    EtaSeconds: 30,
    UnicornPosition: { Latitude: 47.62, Longitude: -122.35 },
  };
  return answer;
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function renderRide(bookRide: BookRide, session: { exp?: number } = {}) {
  storeSession(session);
  window.history.replaceState(null, '', '/ride');
  return render(
    <I18nProvider initialLang="en">
      <AppContext.Provider value={{ config: testConfig }}>
        <RidePage bookRide={bookRide} />
      </AppContext.Provider>
    </I18nProvider>,
  );
}

const status = () => screen.getAllByRole('status').find((el) => el.classList.contains('ride-status'))?.textContent;

describe('ride page', () => {
  it('requests a unicorn for the pickup, shows progress, then the workshop’s messages', async () => {
    const user = userEvent.setup();
    const answer = deferred<RideResult>();
    const bookRide = vi.fn<BookRide>(() => answer.promise);
    renderRide(bookRide);

    const request = await screen.findByRole('button', { name: 'Request Unicorn' });
    expect((request as HTMLButtonElement).disabled).toBe(true);
    expect(status()).toBe('Click the map, or use a button below, to set your pickup point.');

    await user.click(screen.getByRole('button', { name: 'test: click map' }));
    expect(status()).toBe('Pickup set at 47.61000, -122.33000. Press Request Unicorn.');
    expect((request as HTMLButtonElement).disabled).toBe(false);

    await user.click(request);
    expect(bookRide).toHaveBeenCalledWith({ Latitude: 47.61, Longitude: -122.33 }, expect.stringMatching(/^[0-9a-f-]{36}$/));
    const busy = screen.getByRole('button', { name: 'Requesting a unicorn…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    expect(busy.getAttribute('aria-busy')).toBe('true');

    answer.resolve({ ok: true, value: ride('Male') });
    await waitFor(() => expect(status()).toBe('Rocinante, your Yellow unicorn, is on his way. Arriving in about 30 seconds.'));
    await user.click(screen.getByRole('button', { name: 'test: unicorn lands' }));
    expect(status()).toBe('Rocinante has arrived. Giddy up!');
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
      const body = JSON.parse(String(fetchFn.mock.calls[0]?.[1]?.body)) as { AuthFlow: string };
      expect(body.AuthFlow).toBe('REFRESH_TOKEN_AUTH');
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
