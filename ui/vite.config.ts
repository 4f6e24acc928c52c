import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  // The desktop shell serves the bundle from its own origin: asset paths stay relative.
  base: "./",
  clearScreen: false,
  // The desktop shell loads the window from here in development (its devUrl).
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // A strict CSP forbids inline scripts: keep even small modules as files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  // Tests mount components in jsdom: use the browser build of Svelte there.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
  },
}));
