import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { asyncApiDocument, LIVE_MESSAGES } from '../src/asyncapi';
import { LiveMessage } from '../src/live';

const committed = JSON.parse(readFileSync(new URL('../asyncapi.json', import.meta.url), 'utf8')) as Record<string, unknown>;
type Messages = Record<string, { payload: Record<string, unknown> }>;
const messages = () => (asyncApiDocument().channels as { live: { messages: Messages } }).live.messages;

describe('the AsyncAPI document of the live API', () => {
  it('is valid AsyncAPI 3.0 (the AsyncAPI parser, with its rules)', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApiDocument()));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(
      document
        ?.operations()
        .all()
        .map((o) => [o.id(), o.action()]),
    ).toEqual(
      expect.arrayContaining([
        ['receiveWatch', 'receive'],
        ['sendRide', 'send'],
      ]),
    );
  });

  it('is committed as generated (run `pnpm --filter @wildrydes/contract asyncapi` after changing a schema)', () => {
    expect(committed).toEqual(asyncApiDocument());
  });

  it('documents every message the server pushes, each from the schema the code parses it with', () => {
    const pushed = LiveMessage._zod.def.options.map((option) => [...option.shape.type._zod.def.values][0]).sort();
    const documented = Object.entries(LIVE_MESSAGES)
      .filter(([, m]) => m.from === 'server')
      .map(([name]) => name)
      .sort();
    expect(documented).toEqual(pushed);
    for (const [name, message] of Object.entries(LIVE_MESSAGES)) {
      const { $schema: _dialect, ...expected } = z.toJSONSchema(message.schema, {
        io: message.from === 'client' ? 'input' : 'output',
        unrepresentable: 'any',
      }) as Record<string, unknown>;
      expect(messages()[name]?.payload, name).toEqual(expected);
    }
  });

  it('says how the token is sent: in the query string parameter the authorizer reads', () => {
    expect(asyncApiDocument().components).toMatchObject({
      securitySchemes: { idToken: { type: 'httpApiKey', in: 'query', name: 'token' } },
    });
  });
});
