// jsdom lacks the observers that Svelte's size bindings use; sizes stay as jsdom says (0).
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// Nor can jsdom scroll; the forms scroll to their first error.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
