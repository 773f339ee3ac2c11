import { config } from '../../runtime';
import { connections, push } from '../runtime';
import { createNotifier } from './app';

export const handler = createNotifier({
  tables: { rides: config.ridesTable, unicorns: config.unicornsTable },
  connections,
  push,
  now: Date.now,
});
