import { defineConfig } from 'vite';

// The dealer calculator widget: one small, framework-free IIFE (dist/widget/calculator.js) for
// <script src> embedding, and calculator.html for <iframe> embedding (copied from
// src/widget/public). Built after the console, whose build empties dist/.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  publicDir: 'src/widget/public',
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: 'src/widget/calculator.ts',
      name: 'AutofinCalculator',
      formats: ['iife'],
      fileName: () => 'calculator.js',
    },
  },
});
