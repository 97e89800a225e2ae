// The dashboard: `npm run build` writes client/dashboard/dist, which the server serves at `/`;
// `npm run dashboard:dev` serves it with hot reload and passes /graphql and /api (imports) to a server on :4000.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts and exceljs are big on their own; the export's chunk loads only when asked for.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/api': 'http://127.0.0.1:4000' },
  },
});
