import { connections } from '../runtime';
import { createConnectHandler } from './app';

export const handler = createConnectHandler({ connections, now: Date.now });
