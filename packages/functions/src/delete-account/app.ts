import { type DeleteAccountDeps, deleteAccount } from '@wildrydes/rides';
import { type ApiDeps, createApiHandler, type Handler } from '../http/api-handler';
import { log } from '../logger';
import { record } from '../metrics';

/**
 * `DELETE /me`: the caller's account goes (rides, idempotency claims, sign-in); another rider's
 * data is never touched, since the rider comes from the verified token only.
 */
export function createDeleteAccountHandler(deps: ApiDeps & Omit<DeleteAccountDeps, 'deadline'>): Handler {
  return createApiHandler('account delete', deps, async ({ rider, requestId, deadline }) => {
    const { deletedRides } = await deleteAccount(rider.username, { ...deps, deadline });
    log('info', 'account deleted', { requestId, deletedRides });
    record('AccountsDeleted');
    return { status: 200, body: { Deleted: true, DeletedRides: deletedRides } };
  });
}
