import { logLevel, type logCreator } from 'kafkajs';
import type { JsonLogger } from './logger';

/**
 * kafkajs' own logs as lines of the service's JSON logger. One warning is dropped: kafkajs warns that an
 * idempotent producer with bounded retries "may invalidate EoS guarantees". The platform does not rely on
 * exactly-once (consumers deduplicate on the message id); the bound is what lets a send fail, and the
 * service stop, while the broker is away.
 */
export function kafkaLogCreator(logger: JsonLogger): logCreator {
  return () =>
    ({ level, log }) => {
      const {
        message,
        timestamp: _t,
        logger: _l,
        ...extra
      } = log as { message: string; [k: string]: unknown };
      if (level === logLevel.WARN && message.includes('may invalidate EoS guarantees')) return;
      const line = { msg: message, ...extra };
      if (level === logLevel.ERROR) logger.error(line, 'kafkajs');
      else if (level === logLevel.WARN) logger.warn(line, 'kafkajs');
      else if (level === logLevel.INFO) logger.log(line, 'kafkajs');
      else logger.debug(line, 'kafkajs');
    };
}
