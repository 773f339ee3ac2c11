import { describe, expect, it } from 'vitest';
import { parseLiveMessage, parseWatchRequest } from '../src/live';
import { LIVE_PROTOCOL_VERSION, MAX_LIVE_REQUEST_BYTES } from '../src/live-limits';

const area = { South: 47.59, West: -122.36, North: 47.63, East: -122.31 };

describe('parseWatchRequest', () => {
  it('accepts a watch of a map view', () => {
    expect(parseWatchRequest(JSON.stringify({ action: 'watch', Area: area }))).toEqual({
      ok: true,
      value: { action: 'watch', Area: area },
    });
  });

  it.each([
    [undefined, /empty/],
    ['', /empty/],
    ['x'.repeat(MAX_LIVE_REQUEST_BYTES + 1), new RegExp(`over ${MAX_LIVE_REQUEST_BYTES}`)],
    ['{not json', /not valid JSON/],
    [JSON.stringify({ action: 'watch' }), /^Area /],
    [JSON.stringify({ action: 'book', Area: area }), /^action /],
    [JSON.stringify({ action: 'watch', Area: { ...area, South: 48 } }), /South must not be north of North/],
    [JSON.stringify({ action: 'watch', Area: { ...area, West: -181 } }), /^Area\.West /],
    [JSON.stringify({ action: 'watch', Area: { ...area, North: '47' } }), /^Area\.North must be a number/],
  ])('refuses %s, naming the problem', (body, message) => {
    const result = parseWatchRequest(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('parseLiveMessage', () => {
  const spot = { Name: 'Shadowfax', Position: { Latitude: 47.6, Longitude: -122.3 }, FreeFrom: '2026-12-03T12:00:00.000Z' };
  const ride = {
    RideId: 'r1',
    Rider: 'rider-1',
    Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
    UnicornName: 'Shadowfax',
    RequestTime: '2026-12-03T11:59:00.000Z',
    PickupLocation: { Latitude: 47.61, Longitude: -122.33 },
    DropoffLocation: { Latitude: 47.61, Longitude: -122.33 },
    Status: 'Assigned',
    PickupTime: '2026-12-03T12:01:00.000Z',
    DropoffTime: '2026-12-03T12:16:00.000Z',
  };
  const messages = [
    {
      type: 'ride',
      version: LIVE_PROTOCOL_VERSION,
      Change: 'booked',
      RideId: 'r1',
      Status: 'Assigned',
      Ride: ride,
      Path: { From: spot.Position, To: ride.PickupLocation, Departs: ride.RequestTime, Arrives: ride.PickupTime },
    },
    { type: 'unicorns', version: LIVE_PROTOCOL_VERSION, Area: area, Unicorns: [spot] },
    { type: 'unicorn', version: LIVE_PROTOCOL_VERSION, Unicorn: spot },
    { type: 'error', version: LIVE_PROTOCOL_VERSION, message: 'zoom in' },
  ];

  it.each(messages.map((m) => [m.type, m]))('reads a %s message as sent', (_type, message) => {
    expect(parseLiveMessage(JSON.stringify(message))).toEqual(message);
  });

  it('ignores what this client does not understand: another type, another version, a wrong shape, not JSON', () => {
    expect(parseLiveMessage(JSON.stringify({ type: 'weather', version: 1 }))).toBeUndefined();
    expect(parseLiveMessage(JSON.stringify({ ...messages[2], version: LIVE_PROTOCOL_VERSION + 1 }))).toBeUndefined();
    expect(parseLiveMessage(JSON.stringify({ ...messages[0], Status: 'Flying' }))).toBeUndefined();
    expect(parseLiveMessage('{')).toBeUndefined();
  });
});
