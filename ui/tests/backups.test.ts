import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import type { Backups } from "../src/bindings/Backups";
import { answerLists, parties, sources, summaries, vocabularies } from "./fixtures";

type Call = { cmd: string; args: Record<string, unknown> };

const FOLDER = "/home/analyst/.local/share/ceasefire-tracker/backups";
const backups: Backups = {
  folder: FOLDER,
  backups: [
    { path: `${FOLDER}/tracker-2025-03-18.db`, kind: "daily", written_at: "2025-03-18T09:12:00Z", proposals: 2 },
    { path: `${FOLDER}/tracker-schema-1-20250301T080000Z.db`, kind: "before_upgrade", written_at: "2025-03-01T08:00:00Z", proposals: null },
  ],
};

/** A shell whose database cannot be opened until a backup is restored. */
function shell(options: { damaged: boolean; refuseRestore?: unknown }) {
  const calls: Call[] = [];
  let damaged = options.damaged;
  const problem = { code: "not_a_database", message: "/home/analyst/tracker.db is damaged and was left as it is; restore the latest backup" };
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    const open = (answer: unknown) => {
      if (damaged) throw problem;
      return answer;
    };
    switch (cmd) {
      case "vocabularies":
        return vocabularies;
      case "database_info":
        return open({ path: "/home/analyst/tracker.db", empty: false });
      case "list_page":
      case "list_position":
      case "list_parties":
      case "list_processes":
        return open(answerLists(cmd, (args ?? {}) as Record<string, unknown>, { proposals: summaries, parties, sources }));
      case "list_backups":
        return backups;
      case "restore_backup":
        if (options.refuseRestore) throw options.refuseRestore;
        damaged = false;
        return { kept: "/home/analyst/tracker.before-restore-20251203T101500.000000Z.db" };
      case "list_deadlines":
        return [];
      default:
        return null;
    }
  }, { shouldMockEvents: true });
  return calls;
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("going back to a backup", () => {
  it("offers the backups when the data cannot be opened, and opens the restored data", async () => {
    const calls = shell({ damaged: true });
    render(App);
    const page = await screen.findByTestId("database-problem");
    expect(page.textContent).toContain("is damaged and was left as it is");
    const offered = await screen.findAllByTestId("backup");
    expect(offered).toHaveLength(2);
    expect(offered[0].textContent).toContain("Daily backup");
    expect(offered[0].textContent).toContain("2 proposals");
    expect(offered[1].textContent).toContain("Contents cannot be read");

    // A first click only asks; nothing is restored yet.
    await fireEvent.click(offered[0].querySelector<HTMLElement>('[data-testid="restore-backup"]')!);
    expect(calls.some((c) => c.cmd === "restore_backup")).toBe(false);
    await fireEvent.click(await screen.findByTestId("confirm-restore"));

    await screen.findByTestId("app");
    expect(calls.find((c) => c.cmd === "restore_backup")?.args).toEqual({ path: backups.backups[0].path });
    expect(screen.getByTestId("notice").textContent).toContain("tracker.before-restore-");
    expect(screen.getAllByTestId("proposal-row")).toHaveLength(summaries.length);
  });

  it("opens from File › Restore… and says why a restore was refused, changing nothing", async () => {
    const calls = shell({
      damaged: false,
      refuseRestore: { code: "not_a_database", message: "tracker-2025-03-18.db is not a Ceasefire Tracker database: it is damaged" },
    });
    render(App);
    await screen.findByTestId("app");
    await emit("menu", "restore");
    const offered = await screen.findAllByTestId("backup");
    await fireEvent.click(offered[0].querySelector<HTMLElement>('[data-testid="restore-backup"]')!);
    await fireEvent.click(await screen.findByTestId("confirm-restore"));
    expect((await screen.findByTestId("restore-error")).textContent).toContain("it is damaged");
    expect(screen.queryByTestId("notice")).toBeNull();
    await waitFor(() => expect(calls.filter((c) => c.cmd === "restore_backup")).toHaveLength(1));
  });
});
