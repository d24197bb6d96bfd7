import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-log';
import { JsonLogger } from './logger';
import { requestScope } from './request-context';

describe('JSON logger', () => {
  const capture = (level: 'debug' | 'info' | 'warn' | 'error' | 'silent') => {
    const lines: string[] = [];
    return { lines, logger: new JsonLogger({ service: 'land', level, write: (l) => lines.push(l) }) };
  };

  it('writes one JSON object per line with the Nest context and the request id in scope', () => {
    const { lines, logger } = capture('info');
    requestScope.run({ requestId: 'r-9' }, () => logger.log('hello', 'CofoService'));
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 'info',
      service: 'land',
      context: 'CofoService',
      msg: 'hello',
      requestId: 'r-9',
    });
  });

  it('drops lines below the level', () => {
    const { lines, logger } = capture('warn');
    logger.log('no');
    logger.debug('no');
    logger.warn('yes');
    logger.error('yes too', 'stack here', 'Ctx');
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['warn', 'error']);
    expect(JSON.parse(lines[1])).toMatchObject({ stack: 'stack here', context: 'Ctx' });
    const silent = capture('silent');
    silent.logger.error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('merges logged objects without letting them overwrite the line fields', () => {
    const { lines, logger } = capture('debug');
    logger.log({ msg: 'handled', level: 'fake', ms: 3 });
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'handled', level: 'info', ms: 3 });
    logger.error(new Error('boom'));
    expect(JSON.parse(lines[1])).toMatchObject({ msg: 'boom', err: 'Error' });
  });
});

describe('kafkajs logs', () => {
  it('go through the JSON logger, without the bounded-retries warning', () => {
    const lines: string[] = [];
    const logger = new JsonLogger({ service: 'land', level: 'info', write: (l) => lines.push(l) });
    const log = kafkaLogCreator(logger)(logLevel.WARN);
    const entry = (level: logLevel, message: string, extra: object = {}) =>
      log({
        namespace: 'x',
        level,
        label: 'x',
        log: { message, timestamp: 't', logger: 'kafkajs', ...extra },
      });
    entry(
      logLevel.WARN,
      '[Producer] Limiting retries for the idempotent producer may invalidate EoS guarantees',
    );
    entry(logLevel.ERROR, 'Connection error', { broker: '127.0.0.1:9092' });
    entry(logLevel.DEBUG, 'noise');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        level: 'error',
        context: 'kafkajs',
        msg: 'Connection error',
        broker: '127.0.0.1:9092',
      }),
    ]);
  });
});
