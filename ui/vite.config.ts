import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  // The desktop shell serves the bundle from its own origin: asset paths stay relative.
  base: "./",
  clearScreen: false,
  server: {
    // The desktop shell loads the window from here in development (its devUrl).
    port: 5173,
    strictPort: true,
    // The window shows the user guide as it is in docs/; the tests read the core's test
    // corpus as it is (tests/corpus/), not a copy of it.
    fs: { allow: mode === "test" ? [".", "../docs", "../tests/corpus"] : [".", "../docs"] },
  },
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
