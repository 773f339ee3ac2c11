import { describe, expect, it } from 'vitest';
import { overlappingBookings } from '../../src/testing/overlapping-bookings';

const ride = (RideId: string, UnicornName: string, from: string, until: string, CancelTime?: string) => ({
  RideId,
  UnicornName,
  BookedFrom: `2026-01-01T${from}:00.000Z`,
  DropoffTime: `2026-01-01T${until}:00.000Z`,
  ...(CancelTime ? { CancelTime: `2026-01-01T${CancelTime}:00.000Z` } : {}),
});

describe('overlappingBookings', () => {
  it('finds a unicorn booked for two rides at once', () => {
    const found = overlappingBookings([ride('r1', 'Bucephalus', '10:00', '10:30'), ride('r2', 'Bucephalus', '10:20', '10:50')]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^Bucephalus: r1 until \d+ overlaps r2 from \d+$/);
  });

  it('accepts rides back to back, rides of different unicorns, and a ride cancelled before the next began', () => {
    expect(
      overlappingBookings([
        ride('r1', 'Bucephalus', '10:00', '10:30'),
        ride('r2', 'Bucephalus', '10:30', '11:00'),
        ride('r3', 'Shadowfax', '10:10', '10:40'),
        ride('r4', 'Shadowfax', '10:00', '10:50', '10:05'),
        // Cancelled while still queued: it never held the unicorn.
        ride('r5', 'Bucephalus', '11:00', '11:30', '10:45'),
        ride('r6', 'Bucephalus', '11:00', '11:20'),
      ]),
    ).toEqual([]);
  });

  it('skips items that are not booked rides', () => {
    expect(overlappingBookings([{ RideId: 'r1', UnicornName: 'Bucephalus' }, ride('r2', 'Bucephalus', '10:00', '10:30')])).toEqual([]);
  });
});
