import type { ErrorResponse } from '@wildrydes/contract';
import { type Deadline, DomainError } from '@wildrydes/rides';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { type IdTokenVerifier, type Rider, Unauthorized } from '../auth/id-token';
import { describeError, log, withContext } from '../logger';
import { flushMetrics, record, recordTokenRefusal } from '../metrics';
import { corsHeaders } from './cors';
import { startDeadline } from './deadline';
import { ERROR_ANSWERS, failureCode } from './error-answers';
import { type Headers, header, json, serverError } from './response';

/** What a handler reads of Lambda's context: the request id, and the time left before it is stopped. */
export type Handler = (
  event: APIGatewayProxyEvent,
  context: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>,
) => Promise<APIGatewayProxyResult>;

interface ApiRequest {
  event: APIGatewayProxyEvent;
  /** The caller, from a verified ID token: the only source of identity. */
  rider: Rider;
  requestId: string;
  /** When the route must stop working and answer: its timeout less `answerReserveMs`. */
  deadline: Deadline;
}

interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Headers;
}

export interface ApiDeps {
  verifier: IdTokenVerifier;
  allowedOrigins: readonly string[];
  /** Kept back from the function's remaining time to send the answer (serverless.yml's `answerReserveMs`). */
  answerReserveMs: number;
}

/**
 * What every authenticated route shares: CORS on every answer, the ID token verified before
 * anything else (as the API's authorizer would: a stranger learns nothing), and every failure
 * answered as its row of http/error-answers.ts says, never with a stack trace. `name` labels the
 * log lines.
 */
export function createApiHandler(name: string, deps: ApiDeps, route: (request: ApiRequest) => Promise<ApiAnswer>): Handler {
  return async (event, context) => {
    const requestId = context.awsRequestId;
    withContext(context);
    const cors = corsHeaders(deps.allowedOrigins, header(event.headers, 'origin'));
    const deadline = startDeadline(context, deps.answerReserveMs);
    log('debug', `${name} started`, { requestId, remainingMs: context.getRemainingTimeInMillis() });
    try {
      const rider = await deps.verifier.verify(header(event.headers, 'authorization'));
      const answer = await route({ event, rider, requestId, deadline });
      return json(answer.status, answer.body, { ...cors, ...answer.headers });
    } catch (error) {
      return failed(name, error, requestId, cors);
    } finally {
      deadline.stop();
      flushMetrics(requestId);
    }
  };
}

/** The answer to a failed request, logged and counted as its row of ERROR_ANSWERS says. */
function failed(name: string, error: unknown, requestId: string, cors: Headers): APIGatewayProxyResult {
  const code = failureCode(error);
  const { status, retryAfterSeconds, fault, metric } = ERROR_ANSWERS[code];
  const headers: Headers = { ...cors, ...(retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {}) };
  if (fault) {
    const transient = status === 503;
    log('error', `${name} failed`, { requestId, transient, ...describeError(error) });
    record('ServerErrors');
    if (transient) record('TransientErrors');
    return serverError(transient ? 503 : 500, requestId, headers);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Unauthorized) {
    log('info', `${name} unauthorized`, { requestId, reason: message });
    recordTokenRefusal(error.reason, requestId);
  } else {
    log('info', `${name} refused`, { requestId, status, code, reason: message });
  }
  if (metric) record(metric);
  const body: ErrorResponse = {
    message,
    ...(status >= 500 ? { Error: message, Reference: requestId } : {}),
    ...(error instanceof DomainError ? error.details : {}),
  };
  return json(status, body, headers);
}

/**
 * The body as the client sent it. API Gateway passes it on as text (base64 for binary types), and
 * so does the local stack (serverless-offline, patched: it used to pass on the JSON it had parsed,
 * which turned the JSON string `"{…}"` into the object inside it). Anything else is refused loudly
 * rather than re-serialised: the body must be parsed here, once, from the bytes the client sent.
 */
export function bodyText(event: APIGatewayProxyEvent): string | null {
  const body: unknown = event.body;
  if (body === null || body === undefined) return null;
  if (typeof body !== 'string') throw new TypeError(`The event's body is ${typeof body}, not the request's text`);
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}
