import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console talks to the server on the same origin in production (the server serves
// apps/web/dist); in development the Vite server proxies the server's paths to :3000.
const backend = process.env.AUTOFIN_API_URL ?? 'http://localhost:3000';
const proxied = ['/api', '/v1', '/docs', '/healthz'];

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      output: {
        // Keep the large, rarely-changing libraries in their own cacheable chunks.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
});
