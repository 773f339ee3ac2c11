import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config';

/**
 * The event serverless-offline builds for a Lambda proxy integration, from a request as its HTTP
 * server prepares it (the text in `rawPayload`, the JSON parsed from it in `payload`). Checks the
 * patch in patches/serverless-offline@14.8.2.patch: the function gets the text, as from API Gateway.
 */
type ProxyEvent = { body: unknown; isBase64Encoded: boolean };
type EventClass = new (request: unknown, stage: string, path: string, routeKey: null, context: object) => { create(): ProxyEvent };

async function proxyEvent(text: string, contentType = 'application/json'): Promise<ProxyEvent> {
  const src = dirname(createRequire(join(REPO_ROOT, 'package.json')).resolve('serverless-offline'));
  const module = (await import(pathToFileURL(join(src, 'events/http/lambda-events/LambdaProxyIntegrationEvent.js')).href)) as {
    default: EventClass;
  };
  let payload: unknown = text;
  try {
    payload = JSON.parse(text); // what serverless-offline's HttpServer does for JSON content types
  } catch {}
  const request = {
    payload,
    rawPayload: text,
    headers: { 'content-type': contentType },
    raw: { req: { rawHeaders: ['Content-Type', contentType], url: '/ride', payload: Buffer.from(text) } },
    info: { received: Date.now(), remoteAddress: '127.0.0.1' },
    method: 'post',
    params: {},
    route: { path: '/ride' },
  };
  return new module.default(request, 'local', '/ride', null, {}).create();
}

describe('serverless-offline (patched) hands the function the body as sent', () => {
  it.each([
    ['a JSON object', '{"PickupLocation":{"Latitude":47.6,"Longitude":-122.3}}'],
    ['a JSON string holding a ride request', JSON.stringify('{"PickupLocation":{"Latitude":47.6,"Longitude":-122.3}}')],
    ['an empty JSON string', '""'],
    ['null', 'null'],
    ['the number 0', '0'],
    ['false', 'false'],
    ['text that is not JSON', '{"PickupLocation":'],
  ])('%s', async (_name, text) => {
    const event = await proxyEvent(text);
    expect(event.body).toBe(text);
    expect(event.isBase64Encoded).toBe(false);
  });
});
