import 'reflect-metadata';
import { startReporting } from './service';

startReporting().catch((err: unknown) => {
  const line = {
    time: new Date().toISOString(),
    level: 'error',
    service: 'reporting',
    msg: `start failed: ${err instanceof Error ? err.message : String(err)}`,
    stack: err instanceof Error ? err.stack : undefined,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
  process.exit(1);
});
