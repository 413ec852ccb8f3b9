import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/http';

// A server whose first answer on each connection waits one second, as a busy server makes the
// last of many new connections wait (bench/http.ts): the harness must report those answers
// apart, never as the tail of established connections.
const FIRST_ANSWER_DELAY_MS = 1000;
let server: http.Server;
let url: string;

beforeAll(async () => {
  const served = new WeakSet<object>();
  server = http.createServer((req, res) => {
    const first = !served.has(req.socket);
    served.add(req.socket);
    const answer = () => res.setHeader('content-type', 'application/json').end('{"ok":true}');
    if (first) setTimeout(answer, FIRST_ANSWER_DELAY_MS);
    else answer();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('bench load runs', () => {
  it("When each connection's first answer is slow, Then it is reported as the first answer, not in the percentiles", async () => {
    const run = await runLoad({ url, connections: 4, durationS: 2 });

    expect(run.firstAnswer.count).toBe(4);
    expect(run.firstAnswer.p50).toBeGreaterThanOrEqual(FIRST_ANSWER_DELAY_MS);
    expect(run.latency.count).toBe(run.ok - 4);
    expect(run.latency.count).toBeGreaterThan(0);
    // Every delayed answer is a first answer: none reaches the established connections' figures.
    expect(run.latency.max).toBeLessThan(FIRST_ANSWER_DELAY_MS);
  });
});
