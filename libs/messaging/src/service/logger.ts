import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '@prosmed/config';
import { currentRequestId } from './request-context';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

type Level = Exclude<LogLevel, 'silent'>;

export interface JsonLoggerOptions {
  service: string;
  level: LogLevel;
  /** Where lines go; stdout by default (tests capture it). */
  write?: (line: string) => void;
}

/**
 * Nest's logger as one JSON object per line: `time`, `level`, `service`, `context`, `msg`, `requestId`
 * (when a message is being handled), plus `stack` for errors. A line below the level costs one comparison.
 */
export class JsonLogger implements LoggerService {
  private readonly min: number;
  private readonly write: (line: string) => void;

  constructor(private readonly opts: JsonLoggerOptions) {
    this.min = RANK[opts.level];
    this.write = opts.write ?? ((line) => process.stdout.write(line));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.emit('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.emit('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.emit('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.emit('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.emit('debug', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.emit('error', message, params);
  }

  enabled(level: Level): boolean {
    return RANK[level] >= this.min;
  }

  private emit(level: Level, message: unknown, params: unknown[]): void {
    if (RANK[level] < this.min) return;
    const time = new Date().toISOString();
    const line: Record<string, unknown> = { time, level, service: this.opts.service };
    // Nest appends the context as the last string argument; an error's stack comes before it.
    const rest = [...params];
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') line.context = rest.pop();
    const requestId = currentRequestId();
    if (requestId) line.requestId = requestId;
    if (message instanceof Error) {
      line.msg = message.message;
      line.err = message.name;
      line.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(line, message);
    } else {
      line.msg = String(message);
    }
    for (const p of rest) {
      if (p === undefined) continue;
      if (typeof p === 'string') line.stack = p;
      else if (p instanceof Error) line.stack = p.stack;
      else if (typeof p === 'object' && p !== null) Object.assign(line, p);
    }
    // Fields of a logged object never overwrite the line's own.
    line.time = time;
    line.level = level;
    line.service = this.opts.service;
    this.write(`${safeJson(line)}\n`);
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return JSON.stringify({ msg: 'unserialisable log line' });
  }
}
