import { endpoint as checkedEndpoint, required } from '../config';

/** What the live functions add to the common configuration (../config.ts), read once per container. */
interface LiveConfig {
  connectionsTable: string;
  watchesTable: string;
  /** The management endpoint connections are posted to: the stage's `https://…/stage`, or serverless-offline's. */
  endpoint: string;
}

export function readLiveConfig(env: NodeJS.ProcessEnv = process.env): LiveConfig {
  // Missing: `required` names it.
  const endpoint = checkedEndpoint(env, 'LIVE_ENDPOINT') ?? required(env, 'LIVE_ENDPOINT');
  return { connectionsTable: required(env, 'CONNECTIONS_TABLE'), watchesTable: required(env, 'WATCHES_TABLE'), endpoint };
}

/** API Gateway closes a WebSocket after 2 hours; the record outlives that a little, then the TTL forgets it. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 10 * 60;
