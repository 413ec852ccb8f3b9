/**
 * The reference point of every HTTP figure: a bare express app with one "hello" route,
 * started in its own process in the same run as the real server (SPEC §11).
 */
import express from 'express';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const app = express();
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});

const server = app.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`${JSON.stringify({ listening: actualPort })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
