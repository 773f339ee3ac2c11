import type { PickupLocation, Ride, RideResponse } from '@wildrydes/contract';
import type { ApiFailure } from '../../api/api';

/** The booked ride as the page knows it: the booking answer, updated by a cancel's answer. */
type BookedRide = RideResponse & { CancelTime?: string };

/** The Cancel button's progress. */
type CancelState = { phase: 'idle' } | { phase: 'cancelling' } | { phase: 'failed'; failure: ApiFailure };

/**
 * The ride page's states. The points can be moved until the request leaves; the idempotency key is
 * made when the rider presses "Request Unicorn" and kept for a retry of that same request. Once
 * booked, the ride's status follows its times (the page's clock, see rides/use-status-clock.ts); the
 * page lets the rider set new points only when that ride is over, one ride at a time.
 */
export type RideState =
  | { status: 'idle'; dropoff?: PickupLocation }
  | { status: 'ready'; pickup: PickupLocation; dropoff?: PickupLocation }
  | { status: 'requesting'; pickup: PickupLocation; dropoff?: PickupLocation; idempotencyKey: string }
  | { status: 'error'; pickup: PickupLocation; dropoff?: PickupLocation; idempotencyKey: string; failure: ApiFailure }
  | {
      status: 'booked';
      pickup: PickupLocation;
      dropoff?: PickupLocation;
      ride: BookedRide;
      cancel: CancelState;
    };

export type RideEvent =
  | { type: 'setPickup'; pickup: PickupLocation }
  | { type: 'setDropoff'; dropoff: PickupLocation }
  | { type: 'clearDropoff' }
  | { type: 'request'; idempotencyKey: string }
  | { type: 'succeeded'; ride: RideResponse }
  | { type: 'failed'; failure: ApiFailure }
  | { type: 'retry' }
  | { type: 'cancel' }
  | { type: 'cancelled'; ride: Ride }
  /** The ride as the API has it now: pushed over the live connection, or read while polling. */
  | { type: 'updated'; ride: Ride }
  | { type: 'cancelFailed'; failure: ApiFailure };

export const initialRideState: RideState = { status: 'idle' };

const withDropoff = (dropoff: PickupLocation | undefined) => (dropoff ? { dropoff } : {});

/** New points start a new request (and a new key): a retry must send what the key was made for. */
function withPoints(pickup: PickupLocation | undefined, dropoff: PickupLocation | undefined): RideState {
  return pickup ? { status: 'ready', pickup, ...withDropoff(dropoff) } : { status: 'idle', ...withDropoff(dropoff) };
}

export function rideReducer(state: RideState, event: RideEvent): RideState {
  switch (event.type) {
    case 'setPickup':
      // While a request is out the points stay put.
      if (state.status === 'requesting') return state;
      return withPoints(event.pickup, state.dropoff);
    case 'setDropoff':
      if (state.status === 'requesting') return state;
      return withPoints(state.status === 'idle' ? undefined : state.pickup, event.dropoff);
    case 'clearDropoff':
      if (state.status === 'requesting' || !state.dropoff) return state;
      return withPoints(state.status === 'idle' ? undefined : state.pickup, undefined);
    case 'request':
      if (state.status !== 'ready') return state;
      return { status: 'requesting', pickup: state.pickup, ...withDropoff(state.dropoff), idempotencyKey: event.idempotencyKey };
    case 'succeeded':
      if (state.status !== 'requesting') return state;
      return {
        status: 'booked',
        pickup: state.pickup,
        ...withDropoff(state.dropoff),
        ride: event.ride,
        cancel: { phase: 'idle' },
      };
    case 'failed':
      if (state.status !== 'requesting') return state;
      return { ...state, status: 'error', failure: event.failure };
    case 'retry':
      if (state.status !== 'error') return state;
      return { status: 'requesting', pickup: state.pickup, ...withDropoff(state.dropoff), idempotencyKey: state.idempotencyKey };
    case 'cancel':
      if (state.status !== 'booked' || state.cancel.phase === 'cancelling') return state;
      return { ...state, cancel: { phase: 'cancelling' } };
    case 'cancelled':
      if (state.status !== 'booked' || event.ride.RideId !== state.ride.RideId) return state;
      return {
        ...state,
        ride: {
          ...state.ride,
          Status: event.ride.Status,
          ...(event.ride.CancelTime ? { CancelTime: event.ride.CancelTime } : {}),
        },
        cancel: { phase: 'idle' },
      };
    case 'updated':
      if (state.status !== 'booked' || event.ride.RideId !== state.ride.RideId) return state;
      return {
        ...state,
        ride: {
          ...state.ride,
          Status: event.ride.Status,
          PickupTime: event.ride.PickupTime,
          DropoffTime: event.ride.DropoffTime,
          ...(event.ride.CancelTime ? { CancelTime: event.ride.CancelTime } : {}),
        },
        // A cancel made elsewhere settles this page's own cancel too.
        cancel: event.ride.CancelTime && state.cancel.phase === 'cancelling' ? { phase: 'idle' } : state.cancel,
      };
    case 'cancelFailed': {
      if (state.status !== 'booked' || state.cancel.phase !== 'cancelling') return state;
      // A 409 means the unicorn has picked the rider up already: hold the ride there even if this
      // browser's clock has not got that far, so the Cancel button goes.
      const tooLate = event.failure.kind === 'http' && event.failure.status === 409 && state.ride.Status === 'Assigned';
      return {
        ...state,
        ride: tooLate ? { ...state.ride, Status: 'PickedUp' } : state.ride,
        cancel: { phase: 'failed', failure: event.failure },
      };
    }
  }
}

export function canRequest(state: RideState): boolean {
  return state.status === 'ready';
}
