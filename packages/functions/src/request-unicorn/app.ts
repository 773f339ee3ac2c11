import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { parseRideRequest, type PickupLocation } from '@wildrydes/contract';
import { IdempotencyKeyReused, isValidIdempotencyKey, type RideRequestResult } from '@wildrydes/rides';
import { JwksUnavailable, Unauthorized, type IdTokenVerifier } from '../auth/id-token';
import { corsHeaders } from '../http/cors';
import { clientError, header, json, serverError } from '../http/response';
import { describeError, log } from '../logger';
import { isTransient } from '../store/dynamodb-client';

export interface RequestUnicornDeps {
  verifier: IdTokenVerifier;
  requestRide: (rider: string, pickup: PickupLocation, idempotencyKey?: string) => Promise<RideRequestResult>;
  allowedOrigins: readonly string[];
}

export type Handler = (event: APIGatewayProxyEvent, context: Pick<Context, 'awsRequestId'>) => Promise<APIGatewayProxyResult>;

/** `POST /ride`: verify the rider, validate the pickup, book the ride, answer in the workshop's shape. */
export function createRequestUnicornHandler(deps: RequestUnicornDeps): Handler {
  return async (event, context) => {
    const requestId = context.awsRequestId;
    const cors = corsHeaders(deps.allowedOrigins, header(event.headers, 'origin'));
    try {
      // Identity first, as the API's authorizer would: a stranger learns nothing about the body.
      const rider = await deps.verifier.verify(header(event.headers, 'authorization'));
      const request = parseRideRequest(bodyText(event));
      if (!request.ok) {
        log('info', 'ride request refused', { requestId, status: request.status, reason: request.message });
        return clientError(request.status, request.message, cors);
      }
      const idempotencyKey = header(event.headers, 'idempotency-key');
      if (idempotencyKey !== undefined && !isValidIdempotencyKey(idempotencyKey)) {
        return clientError(400, 'Idempotency-Key must be 1-128 letters, digits or -_.: (a UUID is ideal)', cors);
      }
      const { response, replayed } = await deps.requestRide(rider.username, request.value.PickupLocation, idempotencyKey);
      log('info', replayed ? 'ride replayed' : 'ride booked', { requestId, rideId: response.RideId, unicorn: response.UnicornName });
      return json(201, response, replayed ? { ...cors, 'Idempotent-Replayed': 'true' } : cors);
    } catch (error) {
      if (error instanceof IdempotencyKeyReused) return clientError(422, error.message, cors);
      if (error instanceof Unauthorized) {
        log('info', 'ride request unauthorized', { requestId, reason: error.message });
        return clientError(401, error.message, cors);
      }
      const transient = error instanceof JwksUnavailable || isTransient(error);
      log('error', 'ride request failed', { requestId, transient, ...describeError(error) });
      return serverError(transient ? 503 : 500, requestId, cors);
    }
  };
}

/** The body as text. API Gateway sends a string (or base64); serverless-offline may hand over parsed JSON. */
function bodyText(event: APIGatewayProxyEvent): string | null {
  const body: unknown = event.body;
  if (body === null || body === undefined) return null;
  if (typeof body !== 'string') return JSON.stringify(body);
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}
