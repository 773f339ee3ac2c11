/**
 * Every way a ride request, a cancel or a history read is refused, in one place. Each error has a
 * `code`; packages/functions maps codes to HTTP in one table (http/domain-errors.ts), so a new
 * refusal is one class here and one line there. Messages are written for the rider.
 */
export type DomainErrorCode =
  | 'InvalidCursor'
  | 'IdempotencyKeyReused'
  | 'RideNotFound'
  | 'ActiveRide'
  | 'TooLateToCancel'
  | 'NoUnicornNearby'
  | 'DispatchContended'
  | 'DeadlineExceeded'
  | 'AccountInUse'
  | 'AccountDeleted';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  /** Extra fields of the answer's body, such as the active ride's id. */
  readonly details: Record<string, string> = {};
}

/** A history cursor that is not one this rider was given. */
export class InvalidCursor extends DomainError {
  override name = 'InvalidCursor';
  readonly code = 'InvalidCursor';
}

/** An Idempotency-Key reused for a different request. */
export class IdempotencyKeyReused extends DomainError {
  override name = 'IdempotencyKeyReused';
  readonly code = 'IdempotencyKeyReused';
}

/** No such ride for this rider (someone else's ride looks the same). */
export class RideNotFound extends DomainError {
  override name = 'RideNotFound';
  readonly code = 'RideNotFound';
  constructor() {
    super('No such ride');
  }
}

/** Fair use: one active ride per rider. Names the ride that is still active. */
export class ActiveRide extends DomainError {
  override name = 'ActiveRide';
  readonly code = 'ActiveRide';
  override readonly details: { RideId: string };
  constructor(readonly rideId: string) {
    super('You already have a ride on its way: one ride at a time (cancel it, or wait until it ends)');
    this.details = { RideId: rideId };
  }
}

/** A cancel after the unicorn picked the rider up (or after the ride ended). */
export class TooLateToCancel extends DomainError {
  override name = 'TooLateToCancel';
  readonly code = 'TooLateToCancel';
  constructor() {
    super('This ride can no longer be cancelled: the unicorn has picked you up');
  }
}

/** No unicorn can reach the pickup within the longest wait: nothing was booked. */
export class NoUnicornNearby extends DomainError {
  override name = 'NoUnicornNearby';
  readonly code = 'NoUnicornNearby';
  constructor(maxWaitMinutes: number) {
    super(`No unicorn is free near this pickup within ${maxWaitMinutes} minutes; try again in a little while`);
  }
}

/** Every candidate was booked by other requests while this one was being placed: worth a retry. */
export class DispatchContended extends DomainError {
  override name = 'DispatchContended';
  readonly code = 'DispatchContended';
}

/**
 * Too little time was left to start a step that writes, or a store call was cut off by the
 * deadline: worth a retry in a moment (with the same Idempotency-Key, which answers with the ride
 * if a cut-off booking did land).
 */
export class DeadlineExceeded extends DomainError {
  override name = 'DeadlineExceeded';
  readonly code = 'DeadlineExceeded';
}

/** An account deletion while a ride is on its way: names the ride to cancel (or wait for) first. */
export class AccountInUse extends DomainError {
  override name = 'AccountInUse';
  readonly code = 'AccountInUse';
  override readonly details: { RideId: string };
  constructor(readonly rideId: string) {
    super('Your ride is still on its way: cancel it, or wait until it ends, before deleting your account');
    this.details = { RideId: rideId };
  }
}

/** A request from a token issued before its account was deleted: nothing is written for it. */
export class AccountDeleted extends DomainError {
  override name = 'AccountDeleted';
  readonly code = 'AccountDeleted';
  constructor() {
    super('This account has been deleted');
  }
}
