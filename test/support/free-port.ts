import { createServer, type AddressInfo } from 'node:net';

/** A TCP port free on this host right now (the OS picks it), for a service the test starts. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
