/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The app is served from the Tauri asset protocol only: no dev server URL is ever loaded
// by the shell, no remote resources, no inline scripts (the CSP forbids them).
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15',
    // One CSS file and modules only: nothing inline for the strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
})
