import type { PickupLocation, RideResponse } from '@wildrydes/contract';
import type { RideFailure } from './ride-client';

/**
 * The ride page's states. A pickup can be moved until the request leaves; the idempotency key is
 * made when the rider presses "Request Unicorn" and kept for a retry of that same request.
 */
export type RideState =
  | { status: 'idle' }
  | { status: 'ready'; pickup: PickupLocation }
  | { status: 'requesting'; pickup: PickupLocation; idempotencyKey: string }
  | { status: 'enRoute'; pickup: PickupLocation; ride: RideResponse }
  | { status: 'arrived'; pickup: PickupLocation; ride: RideResponse }
  | { status: 'error'; pickup: PickupLocation; idempotencyKey: string; failure: RideFailure };

export type RideEvent =
  | { type: 'setPickup'; pickup: PickupLocation }
  | { type: 'request'; idempotencyKey: string }
  | { type: 'succeeded'; ride: RideResponse }
  | { type: 'failed'; failure: RideFailure }
  | { type: 'retry' }
  | { type: 'arrived' };

export const initialRideState: RideState = { status: 'idle' };

export function rideReducer(state: RideState, event: RideEvent): RideState {
  switch (event.type) {
    case 'setPickup':
      // While a request is out or a unicorn is flying, the pickup stays put.
      if (state.status === 'requesting' || state.status === 'enRoute') return state;
      return { status: 'ready', pickup: event.pickup };
    case 'request':
      if (state.status !== 'ready') return state;
      return { status: 'requesting', pickup: state.pickup, idempotencyKey: event.idempotencyKey };
    case 'succeeded':
      if (state.status !== 'requesting') return state;
      return { status: 'enRoute', pickup: state.pickup, ride: event.ride };
    case 'failed':
      if (state.status !== 'requesting') return state;
      return { status: 'error', pickup: state.pickup, idempotencyKey: state.idempotencyKey, failure: event.failure };
    case 'retry':
      if (state.status !== 'error') return state;
      return { status: 'requesting', pickup: state.pickup, idempotencyKey: state.idempotencyKey };
    case 'arrived':
      if (state.status !== 'enRoute') return state;
      return { status: 'arrived', pickup: state.pickup, ride: state.ride };
  }
}

export function canRequest(state: RideState): boolean {
  return state.status === 'ready';
}
