// Express adapter, not Fastify: a request through the gateway is dominated by the JWT check and the Kafka
// round trip (milliseconds), not by the adapter (tens of microseconds), and Express is what helmet,
// body-parser's error types and Swagger UI's static assets are written and tested against. Keep it unless
// a measurement on this path says otherwise (see the README for the latency figures).
import { loadGatewayConfig } from './config';
import { gatewayLogger, startGateway } from './gateway';

// kafkajs 2 warns at every start that its default partitioner changed; we never relied on the old one.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

async function main(): Promise<void> {
  const cfg = loadGatewayConfig();
  const logger = gatewayLogger(cfg);
  const gw = await startGateway(cfg, { logger, host: process.env.GATEWAY_HOST ?? '127.0.0.1' });
  gw.app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
}

main().catch((err: unknown) => {
  const line = {
    time: new Date().toISOString(),
    level: 'error',
    service: 'gateway',
    msg: `start failed: ${err instanceof Error ? err.message : String(err)}`,
    stack: err instanceof Error ? err.stack : undefined,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
  process.exit(1);
});
