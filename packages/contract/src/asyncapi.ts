import * as z from 'zod/mini';
import { LiveErrorMessage, RideMessage, UnicornMessage, UnicornsMessage, WatchRequest } from './live';
import { LIVE_PROTOCOL_VERSION, LIVE_TOKEN_PARAMETER, MAX_WATCH_CELLS, MAX_WATCHED_UNICORNS, WATCH_PRECISION } from './live-limits';

type JsonSchema = Record<string, unknown>;

/** A message payload from a zod schema: what clients send as accepted (input), what the server sends as sent (output). */
function payload(type: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Every message of the live API: its name, who sends it, its schema, and what it means. */
export const LIVE_MESSAGES = {
  watch: {
    from: 'client',
    schema: WatchRequest,
    summary: 'Watch the free unicorns in a map view',
    description: `Replaces the connection's earlier watch. The area is covered by geohash cells of precision ${WATCH_PRECISION}; an area needing more than ${MAX_WATCH_CELLS} is refused with an \`error\` message ("zoom in"). Answered with a \`unicorns\` message.`,
  },
  ride: {
    from: 'server',
    schema: RideMessage,
    summary: "One of the rider's rides changed",
    description:
      "Sent to every open connection of the ride's rider (all their tabs and devices) and to nobody else, when the ride is written: booked (with the unicorn's `Path` to the pickup), cancelled (from any tab or device), or changed. `Status` is the ride's status at the moment of the push; it moves on with time (Assigned until `PickupTime`, PickedUp until `DropoffTime`, then Completed), so nothing is pushed when the unicorn arrives.",
  },
  unicorns: {
    from: 'server',
    schema: UnicornsMessage,
    summary: 'The free unicorns in a watched area',
    description: `The answer to \`watch\`: at most ${MAX_WATCHED_UNICORNS} free unicorns inside the area, nearest its centre first.`,
  },
  unicorn: {
    from: 'server',
    schema: UnicornMessage,
    summary: 'A unicorn in a watched cell was booked or released',
    description:
      'Sent to the watchers of the cell the unicorn left and of the cell it will be free in. Show it while `FreeFrom` has passed and `Position` is in view.',
  },
  error: {
    from: 'server',
    schema: LiveErrorMessage,
    summary: "The connection's last message was refused",
    description: '`message` names the problem; the connection stays open.',
  },
} as const;

/**
 * The live rides WebSocket API as an AsyncAPI 3.0 document, built from the schemas the functions
 * validate with and the web app parses with (as openapi.json is for the REST API).
 *
 * AsyncAPI 3 describes the application the document is about, here the server: `receive` is
 * what it takes from clients (`watch`), `send` what it pushes to them.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const entries = Object.entries(LIVE_MESSAGES);
  const messageRef = (name: string) => ({ $ref: `#/channels/live/messages/${name}` });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'WildRydes live rides',
      version: `${LIVE_PROTOCOL_VERSION}.0.0`,
      description:
        "A rider's rides and the free unicorns near them, pushed as they change. Every message is a JSON object with a string `type` (the `action` for what clients send) and the protocol's `version`; clients ignore types and versions they do not know. Pushes start from the data (the tables' streams), not from requests. A connection API Gateway no longer knows is forgotten at the next push (410); API Gateway closes connections after 2 hours.",
    },
    servers: {
      aws: {
        host: '{apiId}.execute-api.{region}.amazonaws.com',
        pathname: '/{stage}',
        protocol: 'wss',
        description: 'The deployed stage: the `LiveUrl` output of the stack, and `websocket.url` in the web app’s config.json.',
        variables: { apiId: { description: 'The WebSocket API id' }, region: { default: 'us-east-1' }, stage: { default: 'dev' } },
        security: [{ $ref: '#/components/securitySchemes/idToken' }],
      },
      local: {
        host: 'localhost:3001',
        protocol: 'ws',
        description: 'The local stack (`pnpm dev`): serverless-offline; `.local/stack.json` names the port in use.',
        security: [{ $ref: '#/components/securitySchemes/idToken' }],
      },
    },
    channels: {
      live: {
        address: '/',
        title: 'A live connection',
        description: 'One WebSocket per open page. Messages from the client are routed by `action`.',
        messages: Object.fromEntries(
          entries.map(([name, message]) => [
            name,
            {
              name,
              title: message.summary,
              summary: message.summary,
              description: message.description,
              contentType: 'application/json',
              payload: payload(message.schema, message.from === 'client' ? 'input' : 'output'),
            },
          ]),
        ),
      },
    },
    operations: Object.fromEntries(
      entries.map(([name, message]) => [
        message.from === 'client' ? 'receiveWatch' : `send${name[0]?.toUpperCase()}${name.slice(1)}`,
        {
          action: message.from === 'client' ? 'receive' : 'send',
          channel: { $ref: '#/channels/live' },
          summary: message.summary,
          messages: [messageRef(name)],
        },
      ]),
    ),
    components: {
      securitySchemes: {
        idToken: {
          type: 'httpApiKey',
          in: 'query',
          name: LIVE_TOKEN_PARAMETER,
          description:
            "The rider's Cognito ID token, checked when the connection opens (browsers cannot set headers on a WebSocket). A missing, expired, forged or foreign token, or an access token, is refused with 403 before the connection opens.",
        },
      },
    },
  };
}
