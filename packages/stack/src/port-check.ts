import { createServer } from 'node:net';
import { StartupError } from './startup-error';

/** A port the platform will listen on and the setting that chooses it. */
export interface PortSetting {
  setting: string;
  port: number;
}

/** The one line for a port something else already listens on. */
export function portInUseMessage(p: PortSetting, what = 'it'): string {
  return `Port ${p.port} is already in use (${p.setting}): stop what listens there, or set ${p.setting} to a free port (e.g. ${p.setting}=${p.port < 65000 ? p.port + 100 : p.port - 100} npm start) — ${what} cannot start`;
}

/** Resolves when the port can be listened on now; rejects with the listen error otherwise. */
export function probePort(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve()));
  });
}

/**
 * Fails with one line naming the setting to change when a port is taken (or not ours to take),
 * before anything is started. Duplicates among the settings are reported too.
 */
export async function assertPortsFree(ports: PortSetting[], host = '127.0.0.1'): Promise<void> {
  const seen = new Map<number, string>();
  for (const p of ports) {
    const other = seen.get(p.port);
    if (other) throw new StartupError(`${p.setting} and ${other} are both ${p.port}: give each a different port`);
    seen.set(p.port, p.setting);
  }
  for (const p of ports) {
    if (p.port === 0) continue;
    try {
      await probePort(p.port, host);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new StartupError(portInUseMessage(p, `the platform`));
      if (code === 'EACCES') throw new StartupError(`Port ${p.port} needs privileges this user lacks (${p.setting}): set ${p.setting} to a port above 1023`);
      if (code === 'EADDRNOTAVAIL')
        throw new StartupError(`Cannot listen on ${host}:${p.port}: HOST=${host} is not an address of this machine; set HOST (default 127.0.0.1)`);
      throw e;
    }
  }
}
