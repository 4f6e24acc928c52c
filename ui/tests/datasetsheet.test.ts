import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import type { DatasetInfo } from "../src/bindings/DatasetInfo";
import type { DatasetSummary } from "../src/bindings/DatasetSummary";
import type { TeamStatus } from "../src/bindings/TeamStatus";
import { vocabularies } from "./fixtures";

type Call = { cmd: string; args: Record<string, unknown> };

const kinds: DatasetInfo[] = [
  {
    kind: "pax", name: "PA-X", title: "PA-X Peace Agreements Database", published_by: "PeaceRep",
    url: "https://www.peaceagreements.org", licence: "the publisher's terms of use", citation: "Bell et al.",
    what_a_row_is: "an agreement",
  },
  {
    kind: "ucdp", name: "UCDP", title: "UCDP Peace Agreement Dataset", published_by: "Uppsala Conflict Data Program",
    url: "https://ucdp.uu.se/downloads/", licence: "CC BY 4.0", citation: "Pettersson et al.",
    what_a_row_is: "an agreement",
  },
];

const none = { proposals: 0, parties: 0, conditions: 0, events: 0 };
const summary: DatasetSummary = {
  added: { proposals: 4, parties: 8, conditions: 19, events: 35 },
  updated: none,
  unchanged: none,
  skipped: [
    { row: 6, reason: "PA-X 2004 has no date in Dat" },
    { row: 8, reason: "AgtId 1364 is on row 2 already; the first is kept" },
  ],
};

const notJoined: TeamStatus = {
  joined: false, url: null, user: null, role: null, synced_at: null, last_pushed: 0, last_pulled: 0, waiting: 3,
  device: null, ca_file: null,
};

/** An empty database, a shell that previews and imports, and a team server to join. */
function shell(answers: { preview?: () => unknown; join?: () => unknown; sync?: () => unknown; joined?: boolean } = {}) {
  const calls: Call[] = [];
  let joined = answers.joined ?? false;
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    switch (cmd) {
      case "vocabularies":
        return vocabularies;
      case "database_info":
        return { path: "/home/analyst/tracker.db", empty: true };
      case "list_page":
      case "parties_page":
      case "sources_page":
        return { total: 0, offset: 0, rows: [] };
      case "list_parties":
      case "list_processes":
      case "list_deadlines":
        return [];
      case "get_settings":
        return { name: null, signs_as: "analyst", deadlines_notice_dismissed_on: null };
      case "dataset_kinds":
        return kinds;
      case "preview_dataset":
        return answers.preview ? answers.preview() : summary;
      case "import_dataset":
        return summary;
      case "team_status":
        return joined
          ? { ...notJoined, joined: true, url: "postgres://db.example.org/gaza", user: "olena", role: "editor" }
          : notJoined;
      case "join_team": {
        answers.join?.();
        joined = true;
        return {
          status: { ...notJoined, joined: true, url: "postgres://db.example.org/gaza", user: "olena", role: "editor" },
          renamed: 3,
          password_kept: true,
        };
      }
      case "sync_now":
        return answers.sync ? answers.sync() : { pushed: 3, pulled: 0 };
      default:
        return null;
    }
  }, { shouldMockEvents: true });
  return calls;
}

async function openImportSheet() {
  render(App);
  await fireEvent.click(await screen.findByTestId("start-from-dataset"));
  await screen.findByTestId("dataset-about");
}

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("importing a research dataset", () => {
  it("previews what the file adds and every row it skips, then imports it", async () => {
    const calls = shell();
    await openImportSheet();
    await fireEvent.input(screen.getByTestId("field-dataset-file"), { target: { value: "/data/pax.csv" } });
    await fireEvent.click(screen.getByTestId("dataset-submit"));

    const preview = await screen.findByTestId("dataset-preview");
    expect(screen.getByTestId("summary-proposals").textContent).toContain("4");
    const skipped = screen.getAllByTestId("skipped-row").map((row) => row.textContent);
    expect(skipped).toEqual([
      "Row 6 PA-X 2004 has no date in Dat",
      "Row 8 AgtId 1364 is on row 2 already; the first is kept",
    ]);
    expect(preview.textContent).toContain("2 rows skipped");
    expect(calls.some((c) => c.cmd === "import_dataset")).toBe(false);
    expect(screen.getByTestId("dataset-submit").textContent).toContain("Import");

    await fireEvent.click(screen.getByTestId("dataset-submit"));
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("Imported PA-X from pax.csv: added 4 proposals");
    expect(calls.find((c) => c.cmd === "import_dataset")?.args).toEqual({ kind: "pax", file: "/data/pax.csv" });
    await waitFor(() => expect(screen.queryByTestId("sheet")).toBeNull());
  });

  it("asks for a file before reading anything, and puts a refused file's message next to it", async () => {
    const message = "/data/pax.csv is a PA-X file, not UCDP: import it as pax; nothing was imported";
    const calls = shell({ preview: () => { throw { code: "import_refused", message, field: null }; } });
    await openImportSheet();
    await fireEvent.click(screen.getByTestId("dataset-submit"));
    expect((await screen.findByTestId("error-file")).textContent).toContain("Choose the dataset's CSV file");
    expect(calls.some((c) => c.cmd === "preview_dataset")).toBe(false);

    await fireEvent.click(screen.getByTestId("dataset-kind-ucdp"));
    await fireEvent.input(screen.getByTestId("field-dataset-file"), { target: { value: "/data/pax.csv" } });
    await fireEvent.click(screen.getByTestId("dataset-submit"));
    await waitFor(() => expect(screen.getByTestId("error-file").textContent).toBe(message));
    expect(calls.find((c) => c.cmd === "preview_dataset")?.args).toEqual({ kind: "ucdp", file: "/data/pax.csv" });
    expect(screen.queryByTestId("dataset-preview")).toBeNull();
  });
});

describe("joining a team", () => {
  it("opens on Ctrl+Shift+S before joining, puts a refused password next to its field, then syncs", async () => {
    let refuse = true;
    const calls = shell({
      join: () => {
        if (refuse) {
          refuse = false;
          throw { code: "wrong_password", message: "the team server refused the password of olena", field: null };
        }
      },
    });
    render(App);
    await fireEvent.click(await screen.findByTestId("start-empty"));
    await fireEvent.keyDown(window, { key: "S", ctrlKey: true, shiftKey: true });
    await fireEvent.input(await screen.findByTestId("field-team-url"), { target: { value: "postgres://db.example.org/gaza" } });
    await fireEvent.input(screen.getByTestId("field-team-user"), { target: { value: "olena" } });
    await fireEvent.input(screen.getByTestId("field-team-password"), { target: { value: "not it" } });
    await fireEvent.click(screen.getByTestId("join-team"));
    expect((await screen.findByTestId("error-password")).textContent).toContain("refused the password");

    await fireEvent.input(screen.getByTestId("field-team-password"), { target: { value: "the right one" } });
    await fireEvent.click(screen.getByTestId("join-team"));
    expect((await screen.findByTestId("team-user")).textContent).toBe("olena");
    expect((await screen.findByTestId("joined-note")).textContent).toContain("The 3 records made here before");
    await waitFor(() => expect(calls.some((c) => c.cmd === "sync_now")).toBe(true));
    expect(calls.find((c) => c.cmd === "join_team")?.args).toEqual({
      url: "postgres://db.example.org/gaza", user: "olena", password: "not it", caFile: "",
    });
    await screen.findByTestId("team-status");
  });
});

describe("a team password no longer kept or accepted", () => {
  it("asks for it in the Team sheet and joins again with the server, name and authority kept", async () => {
    let refuse = true;
    const calls = shell({
      joined: true,
      sync: () => {
        if (refuse) {
          refuse = false;
          throw { code: "wrong_password", message: "no password is kept for olena", field: null };
        }
        return { pushed: 0, pulled: 2 };
      },
    });
    render(App);
    await fireEvent.click(await screen.findByTestId("start-empty"));
    await fireEvent.keyDown(window, { key: "S", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByTestId("team-status").textContent).toBe("Password needed"));
    await fireEvent.click(screen.getByTestId("team-status"));
    expect((await screen.findByTestId("sync-problem")).textContent).toContain("type yours below and join again");
    await fireEvent.input(screen.getByTestId("field-team-password"), { target: { value: "a new one" } });
    await fireEvent.click(screen.getByTestId("join-team"));
    await screen.findByTestId("joined-note");
    expect(calls.find((c) => c.cmd === "join_team")?.args).toEqual({
      url: "postgres://db.example.org/gaza", user: "olena", password: "a new one", caFile: "",
    });
    await waitFor(() => expect(screen.getByTestId("sync-result").textContent).toContain("received 2 records"));
  });
});
