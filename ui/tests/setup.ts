// jsdom lacks the observers that Svelte's size bindings use; sizes stay as jsdom says (0).
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
