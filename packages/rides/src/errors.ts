/**
 * Every way a ride request, a cancel, a history read or an account deletion is refused, in one
 * place. Each error has a `code`; packages/functions answers each code over HTTP from one table
 * (http/error-answers.ts), so a new refusal is its code below, one line here and one row there.
 * Messages are written for the rider.
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
  /** Extra fields of the answer's body: the ride in the way, for the refusals that name one. */
  readonly details: { RideId?: string } = {};
}

/** The class of a refusal named `code`; `message` is what the rider reads unless the thrower says more. */
function refusal<const Code extends DomainErrorCode>(code: Code, message?: string) {
  return class extends DomainError {
    override name = code;
    readonly code = code;
    constructor(detail: string | undefined = message, options?: ErrorOptions) {
      super(detail, options);
    }
  };
}

/** The class of a refusal because of the rider's ride still on its way: it names the ride (`RideId`). */
function rideInTheWay<const Code extends DomainErrorCode>(code: Code, message: string) {
  return class extends DomainError {
    override name = code;
    readonly code = code;
    override readonly details: { RideId: string };
    constructor(readonly rideId: string) {
      super(message);
      this.details = { RideId: rideId };
    }
  };
}

/** A history cursor that is not one this rider was given. */
export class InvalidCursor extends refusal('InvalidCursor') {}

/** An Idempotency-Key reused for a different request. */
export class IdempotencyKeyReused extends refusal('IdempotencyKeyReused') {}

/** No such ride for this rider (someone else's ride looks the same). */
export class RideNotFound extends refusal('RideNotFound', 'No such ride') {}

/** Fair use: one active ride per rider. */
export class ActiveRide extends rideInTheWay(
  'ActiveRide',
  'You already have a ride on its way: one ride at a time (cancel it, or wait until it ends)',
) {}

/** An account deletion while a ride is on its way: cancel it (or wait for it) first. */
export class AccountInUse extends rideInTheWay(
  'AccountInUse',
  'Your ride is still on its way: cancel it, or wait until it ends, before deleting your account',
) {}

/** A cancel after the unicorn picked the rider up (or after the ride ended). */
export class TooLateToCancel extends refusal('TooLateToCancel', 'This ride can no longer be cancelled: the unicorn has picked you up') {}

/** No unicorn can reach the pickup within the longest wait: nothing was booked. */
export class NoUnicornNearby extends refusal('NoUnicornNearby') {
  constructor(maxWaitMinutes: number) {
    super(`No unicorn is free near this pickup within ${maxWaitMinutes} minutes; try again in a little while`);
  }
}

/** Every candidate was booked by other requests while this one was being placed: worth a retry. */
export class DispatchContended extends refusal('DispatchContended') {}

/**
 * Too little time was left to start a step that writes, or a store call was cut off by the
 * deadline: worth a retry in a moment (with the same Idempotency-Key, which answers with the ride
 * if a cut-off booking did land).
 */
export class DeadlineExceeded extends refusal('DeadlineExceeded') {}

/** A request from a token issued before its account was deleted: nothing is written for it. */
export class AccountDeleted extends refusal('AccountDeleted', 'This account has been deleted') {}
