/**
 * `npm run build -w @cairn/web` writes packages/web/dist, which the server
 * serves at `/` with an SPA fallback; `npm run dev -w @cairn/web` serves the
 * app with hot reload and sends /api to the server on port 3000. Core is
 * bundled from its TypeScript source through its package `exports`.
 *
 * Core's modules are pure (STYLE.md: no IO, nothing runs at import), so they
 * are declared free of side effects: importing `formatKpiValue` from the
 * `@cairn/core/metrics` barrel then brings that one file, not the metric
 * compiler and its YAML parser.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The KPI detail chunk carries ECharts (about 570 kB, 195 kB gzipped) and loads only with that page.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      treeshake: { moduleSideEffects: [{ test: /[\\/]packages[\\/]core[\\/]src[\\/].*\.ts$/, sideEffects: false }] },
      // The libraries every page needs, in one long-cached chunk; ECharts and the XLSX writer stay in their lazy chunks.
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|@mantine|@tanstack|zod|clsx)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
