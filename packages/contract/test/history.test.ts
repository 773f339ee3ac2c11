import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, parsePageQuery } from '../src';

describe('parsePageQuery', () => {
  it('defaults to a page of 20 from the start', () => {
    expect(parsePageQuery(null)).toEqual({ ok: true, value: { limit: DEFAULT_PAGE_SIZE } });
  });

  it('takes a limit and a cursor', () => {
    expect(parsePageQuery({ limit: '5', cursor: 'eyJh_-' })).toEqual({ ok: true, value: { limit: 5, cursor: 'eyJh_-' } });
  });

  it.each(['0', '51', '2.5', '-1', 'ten', ''])('refuses limit=%j', (limit) => {
    expect(parsePageQuery({ limit })).toMatchObject({ ok: false, code: 'InvalidRequest', message: expect.stringMatching(/limit must be/) });
  });

  it('refuses a cursor with characters no cursor of ours has', () => {
    expect(parsePageQuery({ cursor: '{"RideId":"x"}' })).toMatchObject({
      ok: false,
      code: 'InvalidRequest',
      message: expect.stringMatching(/cursor/),
    });
  });
});
