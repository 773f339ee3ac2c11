import type { PickupLocation, Unicorn } from '@wildrydes/contract';
import type { FleetUnicorn } from './dispatch';

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

/** A seed as a free unicorn: the item the unicorns table starts with. */
export const toFleetUnicorn = (seed: FleetSeed): FleetUnicorn => ({ ...seed, BusyUntil: 0 });

export const unicornOf = ({ Name, Color, Gender }: Unicorn): Unicorn => ({ Name, Color, Gender });
