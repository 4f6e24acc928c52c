// A test-only page: the real window with `mockIPC` answering for the desktop shell, so
// it can be looked at in a plain browser. Query: ?empty, ?many=N, ?open=record|new|retract|party,
// ?proposal=ID, ?asof=YYYY-MM-DD, ?error (the next save is refused with a field error).
import { mockIPC } from "@tauri-apps/api/mocks";
import {
  answerLists, cyrillicState, jeddahState, manySummaries, parties, sources, summaries, vocabularies,
} from "../fixtures";

const query = new URLSearchParams(location.search);
let empty = query.has("empty");
const many = Number(query.get("many") ?? 0);
const list = many > 0 ? [...summaries, ...manySummaries(many)] : summaries;

mockIPC(
  (cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case "vocabularies":
        return vocabularies;
      case "database_info":
        return { path: "/home/analyst/.local/share/ceasefire-tracker/tracker.db", empty };
      case "load_demo":
        empty = false;
        return true;
      case "list_page":
      case "list_position":
      case "list_processes":
      case "parties_page":
      case "sources_page":
        return answerLists(cmd, a, { proposals: empty ? [] : list, parties: empty ? [] : parties, sources: empty ? [] : sources });
      case "get_proposal": {
        const viewpoint = a.viewpoint as typeof jeddahState.viewpoint;
        const state = a.id === 3 ? cyrillicState : jeddahState;
        return { ...state, viewpoint, proposal: { ...state.proposal, id: a.id as number } };
      }
      case "list_parties":
        return empty ? [] : parties;
      case "search_sources":
        return empty ? [] : sources.filter((s) => s.title.includes(a.text as string)).slice(0, a.limit as number);
      case "record_event":
      case "add_condition":
      case "add_proposal":
        if (query.has("error")) {
          throw { code: "invalid", message: "2031-01-01 is in the future; record only what has happened", field: "date" };
        }
        return { id: 99, warnings: ["The proposal was collapsed: moving it out of a closed status is unusual."] };
      case "list_deadlines":
        return [];
      default:
        return null;
    }
  },
  { shouldMockEvents: true },
);

await import("../../src/main");

async function until<T>(find: () => T | null | undefined): Promise<T> {
  for (;;) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function click(testId: string) {
  document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.click();
}

if (!empty) {
  const id = query.get("proposal") ?? "1";
  (await until(() => document.querySelector<HTMLElement>(`[data-testid="proposal-row"][data-id="${id}"]`))).click();
  await until(() => document.querySelector('[data-testid="proposal-page"]'));
  const asOf = query.get("asof");
  if (asOf) {
    const input = document.querySelector<HTMLInputElement>('[data-testid="as-of"]') as HTMLInputElement;
    input.value = asOf;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  const open = query.get("open");
  if (open === "record") click("record-change");
  if (open === "new") click("new-proposal");
  if (open === "retract") click("retract");
  if (open === "party") {
    click("nav-parties");
    await until(() => document.querySelector('[data-testid="new-party"]'));
    click("new-party");
  }
  if (open && query.has("error")) {
    await until(() => document.querySelector('[data-testid="save"]'));
    if (open === "record") {
      const status = document.querySelector<HTMLSelectElement>('[data-testid="field-status"]') as HTMLSelectElement;
      status.value = "in_effect";
      status.dispatchEvent(new Event("change", { bubbles: true }));
    }
    click("save");
  }
}
