import type { Unicorn } from '@wildrydes/contract';

/** The workshop's fleet: the original `ride.js` and its tutorial expect these three. */
export const WORKSHOP_FLEET: readonly Unicorn[] = Object.freeze([
  { Name: 'Bucephalus', Color: 'Golden', Gender: 'Male' },
  { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
]);

/** A source of numbers in [0, 1), like Math.random; injected so tests can pick deterministically. */
export type Random = () => number;

/** Picks one unicorn uniformly from the fleet. */
export function pickUnicorn(fleet: readonly Unicorn[], random: Random): Unicorn {
  if (fleet.length === 0) throw new Error('The fleet is empty');
  const index = Math.min(Math.floor(random() * fleet.length), fleet.length - 1);
  return fleet[index]!;
}
