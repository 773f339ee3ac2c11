import { createServer } from 'node:net';
import { PORT_ENV, type Ports } from './config';
import { StackError } from './processes';

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'EADDRINUSE' && error.code !== 'EACCES'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails with one line naming the busy port and the variable that moves it. */
export async function assertPortsFree(ports: Partial<Ports>): Promise<void> {
  for (const [name, port] of Object.entries(ports) as [keyof Ports, number][]) {
    // Services bind to localhost, which may mean either address family.
    const free = (await canListen(port, '127.0.0.1')) && (await canListen(port, '::1'));
    if (!free) {
      throw new StackError(`Port ${port} (${name}) is busy: stop what is using it, or pick another with ${PORT_ENV[name]}=<port>.`);
    }
  }
}
