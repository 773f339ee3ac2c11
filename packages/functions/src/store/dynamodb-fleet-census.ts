import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { countFleet, type FleetCensus, type FleetUnicorn } from '@wildrydes/rides';

/**
 * The fleet counted by reading it whole: a Scan of the unicorns' `BusyUntil` only, page by page.
 * The one Scan of the service, off the request path: FleetCensus runs it every few minutes for the
 * dashboard's free and busy unicorns (a count nothing else can give without reading the fleet).
 */
export function createDynamoDbFleetCensus(client: DynamoDBDocumentClient, unicornsTable: string) {
  return async function census(now: number, signal?: AbortSignal): Promise<FleetCensus> {
    let counted: FleetCensus = { free: 0, busy: 0 };
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: unicornsTable, ProjectionExpression: 'BusyUntil', ExclusiveStartKey: start }),
        { abortSignal: signal },
      );
      counted = countFleet(counted, (page.Items ?? []) as Pick<FleetUnicorn, 'BusyUntil'>[], now);
      start = page.LastEvaluatedKey;
    } while (start);
    return counted;
  };
}
