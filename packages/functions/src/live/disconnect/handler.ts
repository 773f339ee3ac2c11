import { connections } from '../runtime';
import { createDisconnectHandler } from './app';

export const handler = createDisconnectHandler({ connections });
