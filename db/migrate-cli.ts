import { loadConfig } from '../server/config';
import { migrate, migrationVersion, openDb } from './client';

const config = loadConfig(process.env, { demo: true, demoSecret: () => 'x'.repeat(32) });
const db = openDb(config.DB_PATH);
migrate(db);
console.log(`${config.DB_PATH}: migrations applied, now at ${migrationVersion(db).latest}`);
db.$client.close();
