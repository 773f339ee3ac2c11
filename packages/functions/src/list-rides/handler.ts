import { apiDeps, history } from '../runtime';
import { createListRidesHandler } from './app';

export const handler = createListRidesHandler({ ...apiDeps, history, now: () => new Date() });
