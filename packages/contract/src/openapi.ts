import * as z from 'zod/mini';
import { AccountDeletion } from './account';
import { ErrorResponse } from './errors';
import { Ride, RidePage } from './history';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './history-limits';
import { MAX_BODY_BYTES } from './parse';
import { RideRequest, RideResponse } from './ride';

type JsonSchema = Record<string, unknown>;

/** A component schema from a zod schema: requests as accepted (input), responses as sent (output). */
function schema(type: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const error = (description: string) => ({ description, content: json('Error') });

const authErrors = {
  '401': error('Missing, expired or forged ID token (from the gateway’s authorizer or the function)'),
  '500': error('Unexpected failure; `Reference` is the request id in the logs'),
  '503': error('A dependency is briefly unavailable; retry after `Retry-After` seconds'),
};

/**
 * The API's OpenAPI 3.1 document, built from the same zod schemas the handlers validate with and
 * the web app's types come from: one source for validation, types and docs.
 */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'WildRydes API',
      version: '1.0.0',
      description:
        'Request a unicorn and read your ride history. Every route but this document needs a Cognito ID token, raw, in `Authorization` (as the workshop’s ride.js sends it).',
    },
    components: {
      securitySchemes: {
        CognitoIdToken: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'The rider’s Cognito ID token (no "Bearer" needed).',
        },
      },
      schemas: {
        RideRequest: schema(RideRequest, 'input'),
        RideResponse: schema(RideResponse, 'output'),
        Ride: schema(Ride, 'output'),
        RidePage: schema(RidePage, 'output'),
        AccountDeletion: schema(AccountDeletion, 'output'),
        Error: schema(ErrorResponse, 'output'),
      },
    },
    security: [{ CognitoIdToken: [] }],
    paths: {
      '/ride': {
        post: {
          operationId: 'requestUnicorn',
          summary: 'Book the nearest unicorn to a pickup point',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Makes retries safe: the same key and body book one ride; another body with the key gets 422.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' },
            },
          ],
          requestBody: { required: true, content: json('RideRequest') },
          responses: {
            '201': {
              description: 'The ride is booked (or, for a retried Idempotency-Key, was booked)',
              headers: { 'Idempotent-Replayed': { description: '`true` when this answers a retry', schema: { type: 'string' } } },
              content: json('RideResponse'),
            },
            '400': error('The body is not a valid ride request; the message names the problem'),
            '413': error(`The body is over ${MAX_BODY_BYTES} bytes`),
            '409': error('The rider already has an active ride (`RideId` names it): one ride at a time'),
            '422': error('The Idempotency-Key was used for a different request'),
            ...authErrors,
            '503': error(
              'No unicorn can reach the pickup within the longest wait, or a dependency is briefly unavailable; nothing was booked: retry after `Retry-After` seconds',
            ),
          },
        },
      },
      '/rides': {
        get: {
          operationId: 'listRides',
          summary: 'The signed-in rider’s rides, newest first',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
            },
            { name: 'cursor', in: 'query', required: false, description: 'The previous page’s NextCursor', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'A page of rides', content: json('RidePage') },
            '400': error('A bad limit or cursor'),
            ...authErrors,
          },
        },
      },
      '/rides/{rideId}': {
        get: {
          operationId: 'getRide',
          summary: 'One of the signed-in rider’s rides',
          parameters: [{ name: 'rideId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The ride', content: json('Ride') },
            '404': error('No such ride for this rider (someone else’s ride looks the same)'),
            ...authErrors,
          },
        },
      },
      '/rides/{rideId}/cancel': {
        post: {
          operationId: 'cancelRide',
          summary: 'Cancel one of the signed-in rider’s rides before pickup; the unicorn is free again',
          parameters: [{ name: 'rideId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The ride, `Cancelled` (cancelling twice answers the same)', content: json('Ride') },
            '404': error('No such ride for this rider (someone else’s ride looks the same)'),
            '409': error('The unicorn has already picked the rider up (or the ride is over): too late to cancel'),
            ...authErrors,
          },
        },
      },
      '/me': {
        delete: {
          operationId: 'deleteAccount',
          summary:
            'Delete the signed-in rider’s account: their rides, idempotency claims and sign-in. Asking again after a failure finishes the job',
          responses: {
            '200': { description: 'The account is deleted; its tokens can book nothing more', content: json('AccountDeletion') },
            '409': error('A ride is still on its way (`RideId` names it): cancel it, or wait until it ends, first'),
            ...authErrors,
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  };
}
