// Apollo's gateway otherwise probes cloud metadata endpoints and schedules usage reporting.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

import { createLogger, stopOnSignals } from '@khg/platform';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

const config = loadGatewayConfig();
const log = createLogger('gateway', config.LOG_LEVEL);
startGateway(config, log).then(
  (gw) => stopOnSignals(log, gw.stop),
  (e: unknown) => {
    process.stderr.write(`gateway failed to start: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
