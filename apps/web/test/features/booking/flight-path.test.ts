import { describe, expect, it } from 'vitest';
import { entryPoint } from '../../../src/features/booking/flight-path';

describe('where the unicorn enters the map', () => {
  const W = 800;
  const H = 600;
  const pickup = { x: 400, y: 300 };

  it('starts where the unicorn is when that is already in view', () => {
    expect(entryPoint({ x: 100, y: 50 }, pickup, W, H)).toEqual({ x: 100, y: 50 });
  });

  it('enters at the edge facing where the unicorn comes from', () => {
    expect(entryPoint({ x: -400, y: 300 }, pickup, W, H)).toEqual({ x: 0, y: 300 }); // from the west
    expect(entryPoint({ x: 400, y: -300 }, pickup, W, H)).toEqual({ x: 400, y: 0 }); // from the north
    expect(entryPoint({ x: 1600, y: 900 }, pickup, W, H)).toEqual({ x: 800, y: 500 }); // from the east-south-east
  });

  it('gives up when the pickup is out of view and the path misses the map', () => {
    expect(entryPoint({ x: -100, y: -100 }, { x: -50, y: 900 }, W, H)).toBeUndefined();
  });
});
