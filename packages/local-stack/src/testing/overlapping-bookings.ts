/**
 * Every pair of stored rides that held one unicorn at the same time: [BookedFrom, DropoffTime), or
 * for a cancelled ride up to its CancelTime (a cancel frees the unicorn then; a ride cancelled while
 * still queued never held it). Empty when no unicorn was ever booked twice at once.
 */
export function overlappingBookings(rides: readonly Record<string, unknown>[]): string[] {
  const byUnicorn = new Map<string, { id: string; from: number; until: number }[]>();
  for (const ride of rides) {
    if (typeof ride.BookedFrom !== 'string' || typeof ride.DropoffTime !== 'string') continue;
    const from = Date.parse(ride.BookedFrom);
    const until = Math.min(Date.parse(ride.DropoffTime), typeof ride.CancelTime === 'string' ? Date.parse(ride.CancelTime) : Infinity);
    if (until <= from) continue;
    const spans = byUnicorn.get(String(ride.UnicornName)) ?? [];
    spans.push({ id: String(ride.RideId), from, until });
    byUnicorn.set(String(ride.UnicornName), spans);
  }
  const overlaps: string[] = [];
  for (const [name, spans] of byUnicorn) {
    spans.sort((a, b) => a.from - b.from);
    for (let i = 1; i < spans.length; i++) {
      const [before, after] = [spans[i - 1], spans[i]] as [(typeof spans)[number], (typeof spans)[number]];
      if (after.from < before.until) overlaps.push(`${name}: ${before.id} until ${before.until} overlaps ${after.id} from ${after.from}`);
    }
  }
  return overlaps;
}
