/** Where the test fleet is: its cities, and pickups spread over them, so tests book where unicorns are. */
import { distanceKm, type FleetSeed, generateFleet } from '@wildrydes/rides';
import { config } from './stack-access';

/** A point on the map, as the API's PickupLocation. */
type PickupLocation = FleetSeed['Home'];

/** One city of the test fleet: its herd's centre, and every unicorn seeded within 20 km of it. */
interface FleetCity {
  name: string;
  centre: PickupLocation;
  unicorns: FleetSeed[];
}

let cities: FleetCity[] | undefined;
/**
 * The cities the stack's fleet serves, read from the fleet it seeds (`generateFleet`: herds named
 * `<city> <n>` within about 15 km of their city's centre, plus the named unicorns): each centre is
 * its herd's mean position. Pickups within ~10 km of a centre are within reach of the whole herd.
 */
export function fleetCities(): FleetCity[] {
  if (cities) return cities;
  const fleet = generateFleet(config.fleetSize);
  const herds = new Map<string, FleetSeed[]>();
  for (const unicorn of fleet) {
    const city = /^(.+) \d{6}$/.exec(unicorn.Name)?.[1];
    if (!city) continue;
    const herd = herds.get(city) ?? [];
    herd.push(unicorn);
    herds.set(city, herd);
  }
  cities = [...herds].map(([name, herd]) => {
    const centre = {
      Latitude: herd.reduce((sum, u) => sum + u.Home.Latitude, 0) / herd.length,
      Longitude: herd.reduce((sum, u) => sum + u.Home.Longitude, 0) / herd.length,
    };
    return { name, centre, unicorns: fleet.filter((u) => distanceKm(u.Home, centre) <= 20) };
  });
  return cities;
}

/** A city of the test fleet by name. */
export function fleetCity(name: string): FleetCity {
  const city = fleetCities().find((c) => c.name === name);
  if (!city) throw new Error(`The test fleet has no herd in ${name}`);
  return city;
}

/**
 * The city dispatch.test.ts fills with a burst of 200 riders, which needs every unicorn there:
 * other tests book elsewhere (sharedCities).
 */
export const BURST_CITY = 'Seoul';

/** The fleet's cities that tests share: all but the burst's. */
export const sharedCities = (): FleetCity[] => fleetCities().filter((c) => c.name !== BURST_CITY);

/**
 * `count` pickups spread evenly over a disc of `radiusKm` around `centre` (a sunflower pattern:
 * deterministic, no two alike).
 */
export function pickupsAround(centre: PickupLocation, count: number, radiusKm = 10): PickupLocation[] {
  const kmPerDegree = 111.195;
  const golden = Math.PI * (3 - Math.sqrt(5));
  return Array.from({ length: count }, (_, i) => {
    const r = (radiusKm * Math.sqrt((i + 0.5) / count)) / kmPerDegree;
    const theta = i * golden;
    return {
      Latitude: Math.round((centre.Latitude + r * Math.cos(theta)) * 1e6) / 1e6,
      Longitude: Math.round((centre.Longitude + (r * Math.sin(theta)) / Math.cos((centre.Latitude * Math.PI) / 180)) * 1e6) / 1e6,
    };
  });
}

/** `count` pickups dealt round the given cities in turn, each within `radiusKm` of its city's centre. */
export function pickupsAcross(cityList: readonly FleetCity[], count: number, radiusKm = 10): PickupLocation[] {
  const perCity = cityList.map((city, c) => pickupsAround(city.centre, Math.ceil((count - c) / cityList.length), radiusKm));
  return Array.from({ length: count }, (_, i) => perCity[i % cityList.length]?.[Math.floor(i / cityList.length)] as PickupLocation);
}
