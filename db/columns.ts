import { integer, text } from 'drizzle-orm/sqlite-core';

/** Instants are stored as ISO 8601 UTC text (`2026-11-23T08:00:00.000Z`), set by the use case's clock. */
export const instant = (name: string) => text(name);

export const id = () => integer('id').primaryKey({ autoIncrement: true });

/** A boolean stored as 0/1 with a CHECK written by the table. */
export const flag = (name: string) => integer(name, { mode: 'boolean' });
