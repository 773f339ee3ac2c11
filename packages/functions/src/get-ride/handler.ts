import { apiDeps } from '../http/api-runtime';
import { history } from '../runtime';
import { createGetRideHandler } from './app';

export const handler = createGetRideHandler({ ...apiDeps, history, now: () => new Date() });
