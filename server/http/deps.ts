import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import type { Config } from '../config';
import type { Clock } from '../shared/clock';

/** What the HTTP app is built from; tests pass an in-memory db and a fixed clock. */
export type AppDeps = { db: Db; clock: Clock; config: Config; log: Logger; startedAt: Date };
