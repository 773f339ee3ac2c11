import { describe, expect, it } from 'vitest';
import { json, serverError } from '../../../src/http/response';
import { handler as openApi } from '../../../src/openapi/handler';

describe('every answer', () => {
  it('is never stored by a browser or proxy, and never sniffed as another type, whatever a route adds', async () => {
    const answers = [
      json(200, { ok: true }, { 'Cache-Control': 'public, max-age=600', 'Access-Control-Allow-Origin': 'https://example.com' }),
      json(400, { message: 'bad' }),
      serverError(503, 'req-1'),
      serverError(500, 'req-2'),
      await openApi(),
    ];
    for (const answer of answers) {
      expect(answer.headers).toMatchObject({
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Type': 'application/json',
      });
    }
    expect(answers[0]?.headers?.['Access-Control-Allow-Origin']).toBe('https://example.com');
  });
});
