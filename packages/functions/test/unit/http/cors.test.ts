import { describe, expect, it } from 'vitest';
import { corsHeaders } from '../../../src/http/cors';

describe('corsHeaders', () => {
  it('allows every origin when configured with *', () => {
    expect(corsHeaders(['*'], 'https://evil.example')).toEqual({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Retry-After, Idempotent-Replayed',
    });
  });

  it('echoes an allowed origin and varies on Origin', () => {
    expect(corsHeaders(['https://a.example', 'https://b.example'], 'https://b.example')).toEqual({
      'Access-Control-Allow-Origin': 'https://b.example',
      Vary: 'Origin',
      'Access-Control-Expose-Headers': 'Retry-After, Idempotent-Replayed',
    });
  });

  it('never echoes an origin that is not allowed', () => {
    expect(corsHeaders(['https://a.example'], 'https://evil.example')['Access-Control-Allow-Origin']).toBe('https://a.example');
  });
});
