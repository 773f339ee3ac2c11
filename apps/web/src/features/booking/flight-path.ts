/** How long a unicorn flies onto the map to its pickup (or drop-off). */
export const FLIGHT_MS = 2000;

/** Ease-out: fast from the edge, gentle landing. The share of the way flown after `t` of the flight (0 to 1). */
export function ease(t: number): number {
  return 1 - (1 - t) ** 3;
}

/** A point in map-container pixels. */
interface Point {
  x: number;
  y: number;
}

/**
 * Where a unicorn coming from `from` towards `to` first appears in a `width` × `height` map: `from`
 * itself when it is in view, else the point where the straight path enters the view (Liang–Barsky
 * clipping). So a unicorn from across town still "flies in from the edge", from the right side.
 * Undefined when the path never crosses the view (the rider has panned the pickup away).
 */
export function entryPoint(from: Point, to: Point, width: number, height: number): Point | undefined {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, from.x], // left:   x >= 0
    [dx, width - from.x], // right:  x <= width
    [-dy, from.y], // top:    y >= 0
    [dy, height - from.y], // bottom: y <= height
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return undefined; // parallel to this edge and outside it
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return undefined;
  }
  return { x: from.x + t0 * dx, y: from.y + t0 * dy };
}
