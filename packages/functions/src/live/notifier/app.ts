import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { LiveMessage } from '@wildrydes/contract';
import { type FleetUnicorn, type RideRecord, ridePush, unicornPush } from '@wildrydes/rides';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describeError, log } from '../../logger';
import { flushMetrics, record } from '../../metrics';
import type { LiveConnections } from '../../store/dynamodb-live-connections';
import type { Push } from '../push';

interface NotifierDeps {
  /** Which stream is which: records name their table in `eventSourceARN`. */
  tables: { rides: string; unicorns: string };
  connections: LiveConnections;
  push: Push;
  now: () => number;
}

interface NotifierReport {
  sent: number;
  gone: number;
  failed: number;
}

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const native = <T>(image: Image | undefined): T | undefined =>
  // Lambda's stream images are DynamoDB JSON, which the SDK's own unmarshall reads.
  image ? (unmarshall(image as Parameters<typeof unmarshall>[0]) as T) : undefined;

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` → `<name>`. */
export const tableOfStream = (arn: string | undefined): string | undefined => /:table\/([^/]+)\/stream\//.exec(arn ?? '')?.[1];

/**
 * The live pushes start here, from the data: each written ride goes to its rider's connections,
 * each moved or booked unicorn to the watchers of the cells it left and entered (who receives
 * what: @wildrydes/rides live.ts). A connection API Gateway no longer knows (410) is forgotten.
 * One failed post is logged and skipped, never retried by failing the batch: a push is a hint
 * (the page can always read the ride), and a retried batch would repeat every other push.
 */
export function createNotifier(deps: NotifierDeps): (event: DynamoDBStreamEvent) => Promise<NotifierReport> {
  return async (event) => {
    const report: NotifierReport = { sent: 0, gone: 0, failed: 0 };
    const now = deps.now();
    for (const record of event.Records) {
      const table = tableOfStream(record.eventSourceARN);
      const { OldImage, NewImage } = record.dynamodb ?? {};
      let targets: string[] = [];
      let message: LiveMessage | undefined;
      if (table === deps.tables.rides) {
        const push = ridePush(native<RideRecord>(OldImage), native<RideRecord>(NewImage), now);
        if (push) [targets, message] = [await deps.connections.ofRider(push.rider), push.message];
      } else if (table === deps.tables.unicorns) {
        const push = unicornPush(native<FleetUnicorn>(OldImage), native<FleetUnicorn>(NewImage));
        if (push) [targets, message] = [await deps.connections.watchersOf(push.cells), push.message];
      } else {
        log('warn', 'live notifier: a record from an unknown table', { eventSourceARN: record.eventSourceARN });
      }
      if (!message) continue;
      const sent = message;
      await Promise.all(targets.map((connectionId) => deliver(deps, connectionId, sent, report)));
    }
    if (report.sent + report.gone + report.failed > 0) {
      log('info', 'live pushes', { ...report, records: event.Records.length });
      record('PushesSent', report.sent);
      record('ConnectionsGone', report.gone);
      record('PushesFailed', report.failed);
      flushMetrics();
    }
    return report;
  };
}

async function deliver(deps: NotifierDeps, connectionId: string, message: LiveMessage, report: NotifierReport): Promise<void> {
  try {
    if ((await deps.push(connectionId, message)) === 'sent') {
      report.sent += 1;
      return;
    }
    report.gone += 1;
    await deps.connections.remove(connectionId);
  } catch (error) {
    report.failed += 1;
    log('warn', 'live push failed', { connectionId, type: message.type, ...describeError(error) });
  }
}
