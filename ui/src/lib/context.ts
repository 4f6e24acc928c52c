import { getContext, setContext } from "svelte";
import type { AppState } from "./state.svelte";

const KEY = Symbol("app");

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
