import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import { answerLists, jeddahState, parties, sources, summaries, vocabularies } from "./fixtures";

type Call = { cmd: string; args: Record<string, unknown> };

/** Stands in for the shell; `refuse` answers a command with a refusal. */
function backend(
  options: { empty?: boolean; refuse?: Record<string, unknown>; list?: typeof summaries; changed?: (typeof summaries)[0] } = {},
) {
  const calls: Call[] = [];
  let empty = options.empty ?? false;
  let changedYet = false;
  const state = {
    fill() {
      empty = false;
    },
  };
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (options.refuse && cmd in options.refuse) throw options.refuse[cmd];
    const proposals = empty ? [] : changedYet && options.changed
      ? (options.list ?? summaries).map((p) => (p.id === options.changed?.id ? options.changed : p))
      : (options.list ?? summaries);
    const listed = answerLists(cmd, a, { proposals, parties: empty ? [] : parties, sources: empty ? [] : sources });
    if (listed !== undefined) return listed;
    switch (cmd) {
      case "vocabularies":
        return vocabularies;
      case "database_info":
        return { path: "/home/analyst/.local/share/ceasefire-tracker/tracker.db", empty };
      case "load_demo":
        empty = false;
        return true;
      case "get_proposal":
        return { ...jeddahState, viewpoint: a.viewpoint, proposal: { ...jeddahState.proposal, id: a.id } };
      case "search_sources":
        return empty ? [] : sources.filter((s) => s.title.includes(a.text as string)).slice(0, a.limit as number);
      case "record_event":
        changedYet = true;
        return { id: 50, warnings: ["Moving out of a closed status is unusual."] };
      case "add_proposal":
        return { id: 50, warnings: ["Moving out of a closed status is unusual."] };
      case "list_deadlines":
        return [];
      default:
        return null;
    }
  }, { shouldMockEvents: true });
  return Object.assign(calls, state);
}

afterEach(() => {
  cleanup();
  clearMocks();
});

async function openProposal(id = 1) {
  render(App);
  await screen.findByTestId("app");
  const row = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(`[data-testid="proposal-row"][data-id="${id}"]`);
    if (!found) throw new Error("no row yet");
    return found;
  });
  await fireEvent.click(row);
  await screen.findByTestId("proposal-page");
}

describe("the window", () => {
  it("offers the demo data on an empty database, then shows it", async () => {
    const calls = backend({ empty: true });
    render(App);
    await screen.findByTestId("first-run");
    await fireEvent.click(screen.getByTestId("load-demo"));
    await screen.findByTestId("proposal-page");
    expect(calls.some((c) => c.cmd === "load_demo")).toBe(true);
    expect(screen.queryByTestId("first-run")).toBeNull();
  });

  it("leaves the welcome panel when data arrives from outside (an import)", async () => {
    const shell = backend({ empty: true });
    render(App);
    await screen.findByTestId("first-run");
    shell.fill();
    await emit("data-changed");
    await waitFor(() => expect(screen.queryByTestId("first-run")).toBeNull());
    expect(screen.getAllByTestId("proposal-row").length).toBe(summaries.length);
  });

  it("reads the data again when the window gets the focus back", async () => {
    const calls = backend();
    render(App);
    await screen.findByTestId("app");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_page").length).toBe(1));
    await fireEvent.focus(window);
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_page").length).toBe(2));
  });

  it("opens a form from the native menu", async () => {
    backend();
    render(App);
    await screen.findByTestId("app");
    await emit("menu", "new_proposal");
    expect(await screen.findByTestId("field-title")).toBeTruthy();
  });

  it("shows each history entry in the words the core sent, newest first", async () => {
    backend();
    await openProposal();
    const shown = screen.getAllByTestId("history-entry").map((li) => li.querySelector(".what")?.textContent);
    expect(shown).toEqual([...jeddahState.history].reverse().map((entry) => entry.words));
    expect(shown[0]).toBe(
      "Condition “No Ukrainian mobilisation or rearmament during the truce” (raised by Russia): Under negotiation",
    );
  });

  it("shows the refusal next to the date field, and the form stays open", async () => {
    const calls = backend({
      refuse: { record_event: { code: "invalid", message: "2031-01-01 is in the future; record only what has happened", field: "date" } },
    });
    await openProposal();
    await fireEvent.click(screen.getByTestId("record-change"));
    await fireEvent.change(screen.getByTestId("field-status"), { target: { value: "in_effect" } });
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2025-03-14" } });
    await fireEvent.click(screen.getByTestId("save"));
    const message = await screen.findByTestId("error-date");
    expect(message.textContent).toBe("2031-01-01 is in the future; record only what has happened");
    expect(screen.getByTestId("field-date").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("save")).toBeTruthy();
    const sent = calls.find((c) => c.cmd === "record_event");
    expect(sent?.args).toEqual({
      event: {
        proposal: 1, change: { kind: "status", status: "in_effect" }, occurred_on: "2025-03-14", note: "", sources: [],
      },
    });
  });

  it("does not even send a date that is not one", async () => {
    const calls = backend();
    await openProposal();
    await fireEvent.click(screen.getByTestId("record-change"));
    await fireEvent.change(screen.getByTestId("field-status"), { target: { value: "agreed" } });
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "14/03/2025" } });
    await fireEvent.click(screen.getByTestId("save"));
    expect((await screen.findByTestId("error-date")).textContent).toContain("is not a date");
    expect(calls.some((c) => c.cmd === "record_event")).toBe(false);
  });

  it("records a change, closes the form and shows the warning", async () => {
    backend();
    await openProposal();
    await fireEvent.click(screen.getByTestId("record-change"));
    expect(document.activeElement).toBe(screen.getByTestId("field-change-kind"));
    await fireEvent.change(screen.getByTestId("field-status"), { target: { value: "in_effect" } });
    await fireEvent.click(screen.getByTestId("save"));
    expect((await screen.findByTestId("warning")).textContent).toContain("unusual");
    expect(screen.queryByTestId("save")).toBeNull();
  });

  it("after a change, reads the rows in view and the page again, not the whole list", async () => {
    const calls = backend({ changed: { ...summaries[0], status: "agreed" } });
    await openProposal();
    const before = calls.length;
    await fireEvent.click(screen.getByTestId("record-change"));
    await fireEvent.change(screen.getByTestId("field-status"), { target: { value: "agreed" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => {
      const badge = document.querySelector('[data-testid="proposal-row"][data-id="1"] [data-testid="status-badge"]');
      expect(badge?.getAttribute("data-status")).toBe("agreed");
    });
    const pages = calls.slice(before).filter((c) => c.cmd === "list_page");
    expect(pages.length).toBe(1);
    expect((pages[0].args.request as { limit: number }).limit).toBeLessThan(100);
    expect(document.querySelectorAll('[data-testid="proposal-row"]').length).toBe(summaries.length);
  });

  it("opens the form on the kind of change asked for", async () => {
    backend();
    await openProposal();
    await fireEvent.click(screen.getByText("Record a stance"));
    expect((screen.getByTestId("field-change-kind") as HTMLSelectElement).value).toBe("stance");
    expect(screen.getByTestId("field-party")).toBeTruthy();
    expect(screen.getByTestId("field-stance")).toBeTruthy();
  });

  it("moves through the list with the arrow keys from the search box", async () => {
    const calls = backend();
    render(App);
    await screen.findByTestId("app");
    const search = await screen.findByTestId("search");
    await fireEvent.keyDown(search, { key: "ArrowDown" });
    await screen.findByTestId("proposal-page");
    await fireEvent.keyDown(screen.getByTestId("proposal-list"), { key: "ArrowDown" });
    const asked = calls.filter((c) => c.cmd === "get_proposal").map((c) => c.args.id);
    // Newest change first: the energy halt (2), then the Jeddah proposal (1).
    expect(asked).toEqual([2, 1]);
  });

  it("closes a form with Esc", async () => {
    backend();
    await openProposal();
    await fireEvent.keyDown(window, { key: "n", ctrlKey: true });
    await screen.findByTestId("field-title");
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("field-title")).toBeNull();
  });

  it("marks the window while it shows a past date, and goes back to today", async () => {
    const calls = backend();
    await openProposal();
    expect(screen.queryByTestId("as-of-banner")).toBeNull();
    await fireEvent.input(screen.getByTestId("as-of"), { target: { value: "2025-03-12" } });
    expect((await screen.findByTestId("as-of-banner")).textContent).toContain("12 March 2025");
    await waitFor(() =>
      expect(calls.at(-1)).toMatchObject({ cmd: "get_proposal", args: { viewpoint: { as_of: "2025-03-12", known_on: null } } }),
    );
    await fireEvent.click(screen.getByTestId("back-to-today"));
    await waitFor(() => expect(screen.queryByTestId("as-of-banner")).toBeNull());
  });

  it("takes a month for its last day on Enter, and says when the as-of date is not one", async () => {
    backend();
    await openProposal();
    const asOf = screen.getByTestId("as-of") as HTMLInputElement;
    await fireEvent.input(asOf, { target: { value: "2025-02" } });
    expect(screen.queryByTestId("as-of-banner")).toBeNull();
    await fireEvent.keyDown(asOf, { key: "Enter" });
    expect((await screen.findByTestId("as-of-banner")).textContent).toContain("28 February 2025");
    expect(asOf.value).toBe("2025-02-28");
    await fireEvent.input(asOf, { target: { value: "yesterday" } });
    await fireEvent.keyDown(asOf, { key: "Enter" });
    expect((await screen.findByTestId("error-as-of")).textContent).toContain("is not a date");
  });

  it("shows a title with markup as text", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    backend({ list: [{ ...summaries[0], title: evil }] });
    render(App);
    const row = await screen.findByTestId("proposal-row");
    expect(row.querySelector("img")).toBeNull();
    expect(row.textContent).toContain(evil);
  });

  it("strikes through a retracted entry with its reason and offers Retract on the others", async () => {
    backend();
    await openProposal();
    const entries = screen.getAllByTestId("history-entry");
    const retracted = entries.filter((e) => e.dataset.retracted === "true");
    expect(retracted).toHaveLength(1);
    expect(retracted[0].textContent).toContain("Only Ukraine agreed; entered in error.");
    expect(retracted[0].querySelector('[data-testid="retract"]')).toBeNull();
    expect(screen.getAllByTestId("retract")).toHaveLength(entries.length - 1);
  });
});
