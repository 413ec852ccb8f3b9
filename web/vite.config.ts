import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
// Same PORT variable as the API, so `PORT=3100 npm run dev` moves both ends together.
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

// The API runs on its own port in development; Vite proxies /api to it so the
// session cookie stays same-origin, exactly as when express serves web/dist.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // Builds (npm run build:web, test set-up) write beside the sources; they are not sources.
    watch: { ignored: ['**/dist/**', '**/.dist-*/**'] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
