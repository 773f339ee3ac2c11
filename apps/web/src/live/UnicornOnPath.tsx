import type { UnicornPath } from '@wildrydes/contract';
import { useEffect, useState } from 'react';
import { Marker } from 'react-leaflet';
import { useI18n } from '../i18n/i18n';
import { unicornIcon } from '../ride/marker-icon';

/** Where the unicorn is at `now` on its way: from `From` at `Departs` to `To` at `Arrives`, in a straight line. */
export function positionOnPath(path: UnicornPath, now: number): [number, number] {
  const departs = Date.parse(path.Departs);
  const arrives = Date.parse(path.Arrives);
  const k = arrives > departs ? Math.min(1, Math.max(0, (now - departs) / (arrives - departs))) : 1;
  return [
    path.From.Latitude + (path.To.Latitude - path.From.Latitude) * k,
    path.From.Longitude + (path.To.Longitude - path.From.Longitude) * k,
  ];
}

/** Moves once a second: the unicorn where it really is on its path (the live API's), not an animation. */
export const PATH_TICK_MS = 1000;

export function UnicornOnPath({ path }: { path: UnicornPath }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const arrives = Date.parse(path.Arrives);
    setNow(Date.now());
    if (Date.now() >= arrives) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= arrives) window.clearInterval(timer);
    }, PATH_TICK_MS);
    return () => window.clearInterval(timer);
  }, [path]);
  return (
    <Marker
      position={positionOnPath(path, now)}
      icon={unicornIcon}
      alt={t('ride.unicornAlt')}
      keyboard={false}
      interactive={false}
      zIndexOffset={1000}
    />
  );
}
