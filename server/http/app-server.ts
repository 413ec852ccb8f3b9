import { createServer, IncomingMessage, type Server, type ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type express from 'express';
import { answerClientErrors, MAX_HEADER_BYTES } from './client-errors';

/**
 * The node HTTP server that serves `app` (main.ts; tests reach it through `startServer`).
 *
 * Node builds each request and response with `app`'s own prototypes (`app.request`,
 * `app.response`: express's, bound to this app), instead of plain `IncomingMessage` and
 * `ServerResponse` objects that express re-parents with `Object.setPrototypeOf` on every request
 * (server/http/chain.ts `frontOf` skips the call when the prototype is already right). Re-parenting
 * a live object made V8 keep most of each request's objects through its young-generation
 * collections: the heap grew ~5 MB every 80 ms under one sequential client and a full collection
 * ran every 1.3 s, where the same objects built with the right prototype die young (issue 16,
 * bench/README.md, twenty-first pass). Nothing else changes: the objects are node's own
 * constructors' work, with express's methods (`req.path`, `res.json`…) found one link up.
 *
 * Also applies the server's header limit and the SPEC §10 answer to requests node's parser
 * refuses (`answerClientErrors`).
 */
export function createAppServer(app: express.Express): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, ...appServerOptions(app) }, app);
  answerClientErrors(server);
  return server;
}

/**
 * node's server options that build each request and response with `app`'s prototypes (see
 * `createAppServer`). Also used by the bench's floors (bench/baseline-server.ts), so the server
 * and its floors stand on the same node server.
 */
export function appServerOptions(app: express.Express): Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'> {
  // Function constructors (node's own are): `IncomingMessage.call` initialises the object that
  // `new AppRequest` created with `app.request` as its prototype.
  function AppRequest(this: IncomingMessage, socket: Socket) {
    IncomingMessage.call(this, socket);
  }
  AppRequest.prototype = (app as unknown as { request: object }).request;
  function AppResponse(this: ServerResponse, req: IncomingMessage, options?: object) {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: object) => void).call(
      this,
      req,
      options,
    );
  }
  AppResponse.prototype = (app as unknown as { response: object }).response;
  return {
    IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof ServerResponse,
  };
}
