import type { Logger } from 'pino';
import type { Actor } from './context';

declare global {
  namespace Express {
    interface Request {
      actor?: Actor;
      /** The request's id (`X-Request-Id`), set by `requestLogger` (request-log.ts). */
      id?: string;
      /** A logger bound to this request (`installRequestLog`: created when first read). */
      log: Logger;
    }
  }
}
