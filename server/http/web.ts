import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { type Express } from 'express';
import { WEB_DIST_DIR } from '../shared/paths';

/**
 * Serves the built web app (web/dist) and answers every other page GET with index.html, so
 * that client-side routes like /admin/users survive a reload. /api is never touched.
 */
export function serveWebApp(app: Express, distDir = WEB_DIST_DIR): void {
  const indexFile = join(distDir, 'index.html');
  // Vite fingerprints everything under assets/: those files never change, index.html always may.
  app.use(
    '/assets',
    express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }),
  );
  app.use(express.static(distDir, { index: false, maxAge: 0 }));
  app.use((req, res, next) => {
    // A page address has no file extension, or is one a browser navigates to (« /reviews/1.5 »,
    // which no file answered): the app then says the page is not found, in French.
    const navigation = extname(req.path) === '' || (req.headers.accept ?? '').includes('text/html');
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && navigation;
    if (!isPage || req.path === '/api' || req.path.startsWith('/api/')) return next();
    if (!existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm run build:web`, then reload.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
}
