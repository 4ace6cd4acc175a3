import pino, { type Logger as PinoLogger } from 'pino';
import type pinoPrettyModule from 'pino-pretty';

/**
 * Structured logs through pino: one JSON object per line on stdout, `level`
 * as a word, ISO `time`, then `msg` and the fields, so log collectors can
 * parse them. With `format: 'pretty'` (`LOG_FORMAT=pretty`, what `npm run dev`
 * uses) the same lines are printed readably, coloured on a terminal. API
 * keys and request bodies are never passed here.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'pretty';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Writes out what is buffered (before the process exits). */
  flush?(): void;
}

export function createLogger(level: LogLevel = 'info', format: LogFormat = 'json'): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  const logger: PinoLogger =
    format === 'pretty'
      ? pino(options, loadPinoPretty()({ sync: true, colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }))
      : pino(options, pino.destination({ dest: 1, sync: false, minLength: 0 }));
  // `msg` first in the object keeps it before the fields in the line (`"msg":"listening","url":…`).
  const write = (at: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields: Record<string, unknown> = {}) => {
    if (logger.isLevelEnabled(at)) logger[at]({ msg: message, ...fields });
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), flush: () => logger.flush() };
}

// pino-pretty (and its colour and date libraries) is loaded only for the pretty format: JSON logs,
// the default and what `npm start` writes, no longer pay 40–140 ms of module loading at start-up.
function loadPinoPretty(): typeof pinoPrettyModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('pino-pretty') as { default?: typeof pinoPrettyModule } & typeof pinoPrettyModule).default ?? require('pino-pretty');
}
