// The keyboard shortcuts, as the Keyboard shortcuts sheet and the user guide list them.
export type Shortcut = { keys: string; does: string };

export const SHORTCUTS: { group: string; shortcuts: Shortcut[] }[] = [
  {
    group: "Anywhere",
    shortcuts: [
      { keys: "Ctrl+N", does: "New proposal" },
      { keys: "Ctrl+R", does: "Record a change on the selected proposal" },
      { keys: "Ctrl+F", does: "Search the proposals" },
      { keys: "Ctrl+P", does: "Print the report chosen on the Reports page" },
      { keys: "Ctrl+,", does: "Settings (your name)" },
      { keys: "Ctrl+Shift+S", does: "Sync now with the team's server" },
      { keys: "F1", does: "User guide" },
      { keys: "F5", does: "Read the data again" },
      { keys: "Ctrl+Q", does: "Quit" },
    ],
  },
  {
    group: "In the proposals list",
    shortcuts: [
      { keys: "↑ ↓", does: "The previous or next proposal" },
      { keys: "Page Up, Page Down", does: "A screenful up or down" },
      { keys: "Home, End", does: "The first or last proposal" },
      { keys: "↓ in the search box", does: "Into the results" },
    ],
  },
  {
    group: "In a form",
    shortcuts: [
      { keys: "Enter", does: "Save" },
      { keys: "Esc", does: "Close the form (it asks first when something typed would be lost)" },
      { keys: "Tab, Shift+Tab", does: "The next or previous field" },
    ],
  },
  {
    group: "In the As of date",
    shortcuts: [
      { keys: "Enter", does: "Show the window as of the date typed" },
      { keys: "Esc", does: "Put back the date shown" },
    ],
  },
];
