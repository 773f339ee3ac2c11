import { useEffect, useState } from 'react';
import { nextStatusChange, type RideTimes } from '../api/api';

/** setTimeout's longest delay; a later boundary just takes one more round. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The time to derive ride statuses from (rideStatusAt), moved on at each ride's next status
 * change: one timer for the earliest boundary, no polling. A tab in the background may have its
 * timers held back, so coming back to it reads the clock again.
 */
export function useStatusClock(rides: readonly RideTimes[]): number {
  const [now, setNow] = useState(Date.now);
  let next: number | undefined;
  for (const ride of rides) {
    const at = nextStatusChange(ride, now);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `now` re-arms the timer after each tick, also after one that came a little early
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const onVisible = () => {
      if (document.visibilityState === 'visible') tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    // `now` may be from before the ride was booked: the delay is measured from the real time.
    const timer = next === undefined ? undefined : window.setTimeout(tick, Math.min(Math.max(0, next - Date.now()), MAX_DELAY_MS));
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [next, now]);

  return now;
}
