import { cutOffAt, type Deadline } from './deadline';
import { AccountInUse } from './errors';

/**
 * How long a deleted account's rider record stays, refusing every booking: a day, the longest any
 * Cognito ID token can live, so a token issued before the deletion can book nothing after it.
 */
export const DELETED_ACCOUNT_HOLD_SECONDS = 24 * 60 * 60;

export type CloseOutcome = { status: 'closed' } | { status: 'active'; rideId: string };

/** Where a rider's data is kept. Each call gives up when `signal` aborts. */
export interface AccountStore {
  /**
   * Marks the rider's record deleted (until `holdUntil`, epoch ms), unless a ride is still on its
   * way: from then on no booking for this rider can land. Closing a closed record is fine.
   */
  close(rider: string, now: number, holdUntil: number, signal?: AbortSignal): Promise<CloseOutcome>;
  /** Deletes every ride of the rider with the idempotency claim that booked it; answers how many. */
  deleteRides(rider: string, signal?: AbortSignal): Promise<number>;
}

/** The sign-in side of an account (Cognito): deleting a user that is already gone is not an error. */
export interface Identities {
  deleteUser(username: string, signal?: AbortSignal): Promise<void>;
}

export interface DeleteAccountDeps {
  accounts: AccountStore;
  identities: Identities;
  now: () => Date;
  deadline: Deadline;
}

/**
 * The use case behind `DELETE /me`. Data first, sign-in last: the rider's record is closed (no
 * booking can land after), their rides and claims are deleted, and only then the Cognito user, so
 * a deletion cut off half-way leaves an account that can sign in and ask again, never data that no
 * one can reach. Every step can run twice, so asking again finishes the job. A ride still on its
 * way must be cancelled (or end) first: its unicorn is someone's booking until then.
 */
export async function deleteAccount(rider: string, deps: DeleteAccountDeps): Promise<{ deletedRides: number }> {
  const { deadline, accounts, identities } = deps;
  const { signal } = deadline;
  const now = deps.now().getTime();
  const closed = await cutOffAt(
    deadline,
    () => accounts.close(rider, now, now + DELETED_ACCOUNT_HOLD_SECONDS * 1000, signal),
    'closing the account',
  );
  if (closed.status === 'active') throw new AccountInUse(closed.rideId);
  const deletedRides = await cutOffAt(deadline, () => accounts.deleteRides(rider, signal), 'deleting the rides');
  await cutOffAt(deadline, () => identities.deleteUser(rider, signal), 'deleting the sign-in');
  return { deletedRides };
}
