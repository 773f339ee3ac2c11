/**
 * The SDK floor (sdk-floor.ts) plus what WildRydes logged and measured before Powertools, written
 * by hand: one JSON log line and one embedded-metric-format line per invocation. The baseline the
 * Powertools variants are compared with.
 */
import type { Context } from 'aws-lambda';
import { handler as floor } from './sdk-floor';

export const handler = async (_event: unknown, context: Pick<Context, 'awsRequestId'>) => {
  const answer = await floor();
  console.log(JSON.stringify({ level: 'info', message: 'ride booked', time: new Date().toISOString(), requestId: context.awsRequestId }));
  console.log(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          { Namespace: 'WildRydes', Dimensions: [['service', 'stage']], Metrics: [{ Name: 'RidesBooked', Unit: 'Count' }] },
        ],
      },
      service: 'wildrydes',
      stage: 'bench',
      RidesBooked: 1,
    }),
  );
  return answer;
};
