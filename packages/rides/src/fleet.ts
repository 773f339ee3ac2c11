import type { PickupLocation, Unicorn } from '@wildrydes/contract';
import type { FleetUnicorn } from './dispatch';
import { indexKeys } from './geo';

export interface FleetSeed extends Unicorn {
  Home: PickupLocation;
}

/**
 * The fleet the local stack and each deploy seed into the unicorns table (never overwriting a
 * unicorn already there). The workshop's three live in Seattle, where its map opens; the rest
 * spread the service around the world.
 */
export const SEED_FLEET: readonly FleetSeed[] = Object.freeze([
  { Name: 'Bucephalus', Color: 'Golden', Gender: 'Male', Home: { Latitude: 47.6205, Longitude: -122.3493 } },
  { Name: 'Shadowfax', Color: 'White', Gender: 'Male', Home: { Latitude: 47.6097, Longitude: -122.3422 } },
  { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female', Home: { Latitude: 47.6505, Longitude: -122.3493 } },
  { Name: 'Pegasus', Color: 'Silver', Gender: 'Male', Home: { Latitude: 40.7812, Longitude: -73.9665 } },
  { Name: 'Epona', Color: 'Chestnut', Gender: 'Female', Home: { Latitude: 51.5073, Longitude: -0.1657 } },
  { Name: 'Kirin', Color: 'Jade', Gender: 'Female', Home: { Latitude: 37.5796, Longitude: 126.977 } },
  { Name: 'Tsukuyomi', Color: 'Violet', Gender: 'Male', Home: { Latitude: 35.6852, Longitude: 139.7528 } },
  { Name: 'Artax', Color: 'Brown', Gender: 'Male', Home: { Latitude: -33.8568, Longitude: 151.2153 } },
  ...herd(),
]);

/**
 * The rest of the herd: five more unicorns around each named one's home, about 2 km apart, so a
 * busy city still has unicorns to send (and a burst of requests has unicorns to spread over).
 */
function herd(): FleetSeed[] {
  const cities: { home: [number, number]; names: string[] }[] = [
    { home: [47.6062, -122.3321], names: ['Stardust', 'Comet', 'Luna', 'Orion', 'Willow'] }, // Seattle
    { home: [40.7128, -74.006], names: ['Nova', 'Zephyr', 'Celeste', 'Ember', 'Halo'] }, // New York
    { home: [51.5072, -0.1276], names: ['Mistral', 'Aria', 'Flint', 'Juniper', 'Nimbus'] }, // London
    { home: [37.5665, 126.978], names: ['Saffron', 'Tempest', 'Vesper', 'Wren', 'Astra'] }, // Seoul
    { home: [35.6762, 139.6503], names: ['Briar', 'Cinder', 'Dusk', 'Echo', 'Fable'] }, // Tokyo
    { home: [-33.8688, 151.2093], names: ['Gale', 'Iris', 'Moonbeam', 'Sparkle', 'Solstice'] }, // Sydney
  ];
  const colors = ['Rose', 'Azure', 'Amber', 'Ivory', 'Onyx'] as const;
  return cities.flatMap(({ home: [lat, lng], names }, city) =>
    names.map((Name, i) => ({
      Name,
      Color: colors[(i + city) % colors.length] ?? colors[0],
      Gender: (i + city) % 2 === 0 ? ('Female' as const) : ('Male' as const),
      // On a ring of about 2 km around the city centre.
      Home: {
        Latitude: Math.round((lat + 0.02 * Math.cos((i * 2 * Math.PI) / 5)) * 1e4) / 1e4,
        Longitude: Math.round((lng + 0.02 * Math.sin((i * 2 * Math.PI) / 5)) * 1e4) / 1e4,
      },
    })),
  );
}

/** The workshop's three, by the names its ride.js and tutorial use. */
export const WORKSHOP_FLEET: readonly Unicorn[] = SEED_FLEET.slice(0, 3).map(({ Name, Color, Gender }) => ({ Name, Color, Gender }));

/** The default fleet's size: the named unicorns above (`pnpm fleet` seeds more). */
export const DEFAULT_FLEET_SIZE = SEED_FLEET.length;

/** Cities a large fleet spreads over (centres); the default fleet's six come first. */
const CITIES: readonly [string, number, number][] = [
  ['Seattle', 47.6062, -122.3321],
  ['New York', 40.7128, -74.006],
  ['London', 51.5072, -0.1276],
  ['Seoul', 37.5665, 126.978],
  ['Tokyo', 35.6762, 139.6503],
  ['Sydney', -33.8688, 151.2093],
  ['San Francisco', 37.7749, -122.4194],
  ['Chicago', 41.8781, -87.6298],
  ['Mexico City', 19.4326, -99.1332],
  ['São Paulo', -23.5505, -46.6333],
  ['Paris', 48.8566, 2.3522],
  ['Berlin', 52.52, 13.405],
  ['Madrid', 40.4168, -3.7038],
  ['Lagos', 6.5244, 3.3792],
  ['Cairo', 30.0444, 31.2357],
  ['Mumbai', 19.076, 72.8777],
  ['Singapore', 1.3521, 103.8198],
  ['Busan', 35.1796, 129.0756],
  ['Osaka', 34.6937, 135.5023],
  ['Auckland', -36.8485, 174.7633],
];
const COLORS = ['Rose', 'Azure', 'Amber', 'Ivory', 'Onyx', 'Golden', 'Silver', 'Violet', 'Jade', 'Chestnut'] as const;
/** How far from a city's centre its herd spreads, in degrees of latitude (about 15 km). */
const CITY_SPREAD_DEGREES = 0.135;

/** A small deterministic PRNG (mulberry32): the same fleet for the same size, on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A fleet of `size` unicorns: the named ones first, then herds spread over real cities, each
 * unicorn uniformly within about 15 km of its city's centre. Deterministic.
 */
export function generateFleet(size: number): FleetSeed[] {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`a fleet size is a whole number, not ${size}`);
  const fleet = SEED_FLEET.slice(0, size);
  const random = seeded(2026);
  for (let i = fleet.length; i < size; i++) {
    const [city, lat, lng] = CITIES[i % CITIES.length] ?? ['Seattle', 47.6062, -122.3321];
    const r = CITY_SPREAD_DEGREES * Math.sqrt(random());
    const theta = 2 * Math.PI * random();
    fleet.push({
      Name: `${city} ${String(i).padStart(6, '0')}`,
      Color: COLORS[i % COLORS.length] ?? 'Rose',
      Gender: i % 2 === 0 ? 'Female' : 'Male',
      Home: {
        Latitude: Math.round((lat + r * Math.cos(theta)) * 1e5) / 1e5,
        Longitude: Math.round((lng + (r * Math.sin(theta)) / Math.cos((lat * Math.PI) / 180)) * 1e5) / 1e5,
      },
    });
  }
  return fleet;
}

/** A seed as a free unicorn at its home: the item the unicorns table starts with. */
export const toFleetUnicorn = (seed: FleetSeed): FleetUnicorn => ({
  Name: seed.Name,
  Color: seed.Color,
  Gender: seed.Gender,
  Position: seed.Home,
  BusyUntil: 0,
});

/** A unicorn as stored: with the geo index's keys of its position (one home for that rule). */
export const fleetItem = (unicorn: FleetUnicorn) => ({ ...unicorn, ...indexKeys(unicorn.Position) });

export const unicornOf = ({ Name, Color, Gender }: Unicorn): Unicorn => ({ Name, Color, Gender });

/** How much of the fleet is free at `now` and how much busy (on its way to a pickup, or on a ride). */
export interface FleetCensus {
  free: number;
  busy: number;
}

/** Adds a page of unicorns (only `BusyUntil` is read) to a census at `now`. */
export function countFleet(census: FleetCensus, unicorns: readonly Pick<FleetUnicorn, 'BusyUntil'>[], now: number): FleetCensus {
  let busy = 0;
  for (const unicorn of unicorns) if (unicorn.BusyUntil > now) busy++;
  return { free: census.free + unicorns.length - busy, busy: census.busy + busy };
}
