import type { LiveMessage } from '@wildrydes/contract';
import type { Push } from '../../../src/live/push';
import type { LiveConnections } from '../../../src/store/dynamodb-live-connections';

/** An in-memory LiveConnections with the same rules as the DynamoDB one (unit tests only). */
export function memoryConnections() {
  const riders = new Map<string, string>();
  const cells = new Map<string, string[]>();
  const connections: LiveConnections = {
    async add(id, rider) {
      riders.set(id, rider);
      cells.set(id, []);
    },
    async remove(id) {
      riders.delete(id);
      cells.delete(id);
    },
    async watch(id, watched) {
      if (!riders.has(id)) return false;
      cells.set(id, [...watched]);
      return true;
    },
    async ofRider(rider) {
      return [...riders].filter(([, r]) => r === rider).map(([id]) => id);
    },
    async watchersOf(wanted) {
      return [...cells].filter(([, watched]) => watched.some((cell) => wanted.includes(cell))).map(([id]) => id);
    },
  };
  return { connections, riders, cells };
}

/** A Push that records what each connection received; `gone` ids answer 410, `failing` ids throw. */
export function recordingPush(options: { gone?: string[]; failing?: string[] } = {}) {
  const received = new Map<string, LiveMessage[]>();
  const push: Push = async (id, message) => {
    if (options.failing?.includes(id)) throw new Error('socket hang up');
    if (options.gone?.includes(id)) return 'gone';
    received.set(id, [...(received.get(id) ?? []), message]);
    return 'sent';
  };
  return { push, received, of: (id: string) => received.get(id) ?? [] };
}
