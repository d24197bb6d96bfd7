import { BadRequestException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { KafkaContext, RpcException } from '@nestjs/microservices';
import type { KafkaMessage } from 'kafkajs';
import { firstValueFrom } from 'rxjs';
import { validate } from 'class-validator';
import { IsIn } from 'class-validator';
import { domainError } from '@prosmed/contracts';
import { KafkaExceptionFilter } from './exception-filter';
import { JsonLogger } from './logger';
import { mapUniqueViolation, uniqueViolationOf } from './unique-violation';
import { outcomeOf } from './interceptor';

function setup() {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger({ service: 'test', level: 'debug', write: (l) => lines.push(JSON.parse(l)) });
  const ctx = new KafkaContext([
    { headers: { 'x-request-id': 'req-42' }, offset: '1' } as unknown as KafkaMessage,
    0,
    'land.cofo.create.v1',
    undefined as never,
    undefined as never,
    undefined as never,
  ]);
  const host = new ExecutionContextHost([{}, ctx]);
  host.setType('rpc');
  return { filter: new KafkaExceptionFilter(logger), host, lines };
}

const replyOf = async (exception: unknown) => {
  const { filter, host, lines } = setup();
  try {
    await firstValueFrom(filter.catch(exception, host));
  } catch (reply) {
    return { reply, lines };
  }
  throw new Error('the filter must answer with an error');
};

class Member {
  @IsIn(['F', 'M'])
  sex = 'X';
}

const pgUnique = (constraint: string) =>
  Object.assign(new Error('duplicate key value violates unique constraint "cofo_code_key"'), {
    name: 'QueryFailedError',
    query: 'INSERT INTO "land"."cofo" ...',
    driverError: { code: '23505', constraint, detail: 'Key (code)=(SEG01) already exists.' },
    code: '23505',
    constraint,
  });

describe('Kafka exception filter', () => {
  it('sends a domain error as its payload, and logs nothing', async () => {
    const { reply, lines } = await replyOf(domainError('VERSION_CONFLICT', { expected: 1, actual: 2 }));
    expect(reply).toEqual({ code: 'VERSION_CONFLICT', kind: 'conflict', params: { expected: 1, actual: 2 } });
    expect(lines).toEqual([]);
  });

  it('turns class-validator errors into VALIDATION_FAILED with field details', async () => {
    const errors = await validate(new Member());
    const { reply } = await replyOf(errors);
    expect(reply).toMatchObject({
      code: 'VALIDATION_FAILED',
      kind: 'validation',
      details: [{ field: 'sex', code: 'isIn' }],
    });
  });

  it('passes an RpcException that carries a payload', async () => {
    const { reply } = await replyOf(new RpcException({ code: 'OUT_OF_SCOPE', kind: 'forbidden' }));
    expect(reply).toEqual({ code: 'OUT_OF_SCOPE', kind: 'forbidden' });
  });

  it.each([
    ['a plain Error', new Error('boom: password=secret')],
    ['an HttpException', new BadRequestException('nope')],
    ['an unmapped unique violation', pgUnique('cofo_code_key')],
    ['a string', 'weird'],
  ])('answers %s with a bare internal error and logs it with the request id', async (_label, exception) => {
    const { reply, lines } = await replyOf(exception);
    expect(reply).toBe('Internal server error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', requestId: 'req-42', pattern: 'land.cofo.create.v1' });
  });
});

describe('unique violations', () => {
  it('maps only the constraints a handler declared, with the caller value as param', () => {
    expect(uniqueViolationOf(pgUnique('cofo_code_key'))).toEqual({
      constraint: 'cofo_code_key',
      params: { code: 'SEG01' },
    });
    const mapped = mapUniqueViolation(pgUnique('cofo_code_key'), { cofo_code_key: 'COFO_CODE_TAKEN' });
    expect(mapped?.toPayload()).toEqual({
      code: 'COFO_CODE_TAKEN',
      kind: 'conflict',
      params: { code: 'SEG01' },
    });
    expect(mapUniqueViolation(pgUnique('other_key'), { cofo_code_key: 'COFO_CODE_TAKEN' })).toBeUndefined();
    expect(mapUniqueViolation(pgUnique('cofo_code_key'), undefined)).toBeUndefined();
    expect(uniqueViolationOf(new Error('x'))).toBeUndefined();
    expect(uniqueViolationOf({ code: '23503', constraint: 'fk' })).toBeUndefined();
  });

  it('labels outcomes by code', () => {
    expect(outcomeOf(domainError('OUT_OF_SCOPE'))).toBe('OUT_OF_SCOPE');
    expect(outcomeOf(new Error('x'))).toBe('internal');
    expect(outcomeOf(new RpcException({ code: 'X', kind: 'conflict' }))).toBe('X');
  });
});
