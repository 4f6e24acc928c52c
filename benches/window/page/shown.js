// After the first paint (a task queued from the frame callback runs once the frame is
// drawn), tell the shell, the way the app does when its list is on screen.
requestAnimationFrame(() =>
  setTimeout(() => window.__TAURI_INTERNALS__.invoke("window_shown").catch(() => {})),
);
