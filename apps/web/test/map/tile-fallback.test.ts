import { describe, expect, it } from 'vitest';
import { watchTiles } from '../../src/map/tile-fallback';

describe('watchTiles', () => {
  it('counts errors since the last load', () => {
    const watch = watchTiles(3);
    expect([watch.failed(), watch.failed()]).toEqual([false, false]);
    watch.loaded();
    expect([watch.failed(), watch.failed(), watch.failed()]).toEqual([false, false, true]);
  });
});
