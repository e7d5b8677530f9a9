/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { bootPage, precompress } from './build/plugins';

const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [svelte(), bootPage(), precompress()],
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The app already needs it (String.replaceAll, class fields); the old target only added
    // helpers every phone downloaded for nothing.
    target: 'es2022',
    // Browsers without <link rel=modulepreload> load the organiser pages one step later;
    // every phone would otherwise carry the polyfill.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'build/**/*.test.js'],
    environment: 'node',
  },
});
