/**
 * The parts of API Gateway's WebSocket events the live functions read. For `$connect` the
 * authorizer's context arrives in `requestContext.authorizer` (principalId and `rider`).
 */
interface LiveEvent {
  requestContext: {
    connectionId?: string;
    requestId?: string;
    authorizer?: { principalId?: unknown; rider?: unknown } | null;
  };
  body?: string | null;
  isBase64Encoded?: boolean;
}

/**
 * A WebSocket route's result. Not an HTTP answer to the rider, so not in http/error-answers.ts:
 * API Gateway reads `statusCode` only on `$connect` (anything but 2xx refuses the socket); on
 * other routes it goes nowhere, and the rider hears of a refusal through an `error` message.
 */
interface LiveResult {
  statusCode: number;
  body?: string;
}

export type LiveHandler = (event: LiveEvent) => Promise<LiveResult>;

/** The connection the event is about; API Gateway always sets it on WebSocket routes. */
export function connectionIdOf(event: LiveEvent): string {
  const id = event.requestContext.connectionId;
  if (!id) throw new Error('The event names no connection');
  return id;
}
