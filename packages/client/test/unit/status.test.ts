import { describe, expect, it } from 'vitest';
import { isActive, isCancellable, nextStatusChange, rideStatusAt } from '../../src';

const at = (iso: string) => Date.parse(iso);
const ride = { PickupTime: '2026-11-21T10:01:00.000Z', DropoffTime: '2026-11-21T10:16:00.000Z' };

describe('rideStatusAt: the API’s rule, in the browser', () => {
  it('is Assigned until PickupTime, PickedUp until DropoffTime, then Completed', () => {
    expect(rideStatusAt(ride, at('2026-11-21T10:00:59.999Z'))).toBe('Assigned');
    expect(rideStatusAt(ride, at('2026-11-21T10:01:00.000Z'))).toBe('PickedUp');
    expect(rideStatusAt(ride, at('2026-11-21T10:15:59.999Z'))).toBe('PickedUp');
    expect(rideStatusAt(ride, at('2026-11-21T10:16:00.000Z'))).toBe('Completed');
  });

  it('keeps a cancelled ride cancelled, by its CancelTime or by the API’s status', () => {
    const later = at('2026-11-21T11:00:00Z');
    expect(rideStatusAt({ ...ride, CancelTime: '2026-11-21T10:00:30.000Z' }, later)).toBe('Cancelled');
    expect(rideStatusAt({ ...ride, Status: 'Cancelled' }, later)).toBe('Cancelled');
  });

  it('never goes back behind the status the API answered (a browser clock that runs slow)', () => {
    const early = at('2026-11-21T10:00:00Z');
    expect(rideStatusAt({ ...ride, Status: 'PickedUp' }, early)).toBe('PickedUp');
    expect(rideStatusAt({ ...ride, Status: 'Assigned' }, at('2026-11-21T10:02:00Z'))).toBe('PickedUp');
  });
});

describe('nextStatusChange', () => {
  it('names the next boundary, and none once the ride is over', () => {
    expect(nextStatusChange(ride, at('2026-11-21T10:00:00Z'))).toBe(at(ride.PickupTime));
    expect(nextStatusChange(ride, at('2026-11-21T10:05:00Z'))).toBe(at(ride.DropoffTime));
    expect(nextStatusChange(ride, at('2026-11-21T10:20:00Z'))).toBeUndefined();
    expect(nextStatusChange({ ...ride, Status: 'Cancelled' }, at('2026-11-21T10:00:00Z'))).toBeUndefined();
  });
});

describe('isActive and isCancellable', () => {
  it('a ride is active before its end, and cancellable only before pickup', () => {
    expect(['Assigned', 'PickedUp', 'Completed', 'Cancelled'].map((s) => isActive(s as never))).toEqual([true, true, false, false]);
    expect(['Assigned', 'PickedUp', 'Completed', 'Cancelled'].map((s) => isCancellable(s as never))).toEqual([true, false, false, false]);
  });
});
