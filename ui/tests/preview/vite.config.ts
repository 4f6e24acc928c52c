// Builds the test-only preview page the way the app itself is built (CSS in files, no
// inline script), so that its strict CSP holds as it does in the desktop window.
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);
const ui = path("../..");

export default defineConfig({
  root: ui,
  base: "./",
  plugins: [svelte()],
  build: {
    outDir: "node_modules/.preview",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: { input: path("./index.html") },
  },
  preview: { port: 4173, strictPort: true },
});
