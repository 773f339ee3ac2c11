import { apiDeps, history } from '../runtime';
import { createGetRideHandler } from './app';

export const handler = createGetRideHandler({ ...apiDeps, history, now: () => new Date() });
