import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api, ApiError, fromRow, toApiError, toRow } from "../src/lib/api";

type Call = { cmd: string; args: Record<string, unknown> };
let calls: Call[];

beforeEach(() => {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    if (cmd === "add_party") throw { code: "duplicate", message: 'a party called "Russia" already exists', field: null };
    if (cmd === "record_event") throw { code: "invalid", message: "date: 2031-01-01 is in the future", field: "date" };
    if (cmd === "add_proposal") return { id: 7, warnings: [] };
    if (cmd === "list_page") return { total: 0, offset: 0, rows: [] };
    return null;
  });
});

afterEach(() => clearMocks());

describe("the IPC module", () => {
  it("reads the list's lines from the arrays the shell sends", async () => {
    const line = {
      id: 4, title: "Energy truce", proposed_by: "United States", proposed_on: "2025-03-18", kind: "partial" as const,
      process: "Russia–Ukraine", status: "in_effect" as const, status_since: "2025-03", days_in_status: 12,
      supporters: 2, conditional: 1, opposed: 0, open_conditions: 3, last_change: "2025-03-30", ends_on: null, days_left: null, overdue: false, violations_30_days: 0, implementation: null,
    };
    expect(fromRow(toRow(line))).toEqual(line);
    clearMocks();
    mockIPC((cmd) => (cmd === "list_page" ? { total: 12, offset: 5, rows: [toRow(line)] } : null));
    const request = {
      viewpoint: { as_of: "2025-03-30", known_on: null }, statuses: null, text: "", order: "title" as const,
      offset: 5, limit: 1,
    };
    expect(await api.listPage(request)).toEqual({ total: 12, offset: 5, rows: [line] });
  });

  it("names each command and its arguments as the shell expects", async () => {
    const viewpoint = { as_of: "2025-03-14", known_on: null };
    await api.vocabularies();
    await api.databaseInfo();
    await api.loadDemo();
    const request = { viewpoint, statuses: ["agreed" as const], text: "energy", order: "last_change" as const, offset: 0, limit: 60 };
    await api.listPage(request);
    await api.listPosition(request, 4);
    await api.getProposal(3, viewpoint);
    await api.retractEvent(12, "entered twice");
    await api.listParties();
    await api.partiesPage({ text: "uk", offset: 20, limit: 40 });
    await api.sourcesPage({ text: "", offset: 0, limit: 80 });
    await api.addSource({ title: "Jeddah statement", outlet: "", url: null, published_on: "2025-03" });
    await api.addCondition({
      proposal: 1, raised_by: 3, directed_at: null, text: "Verification", kind: "demand",
      category: "monitoring", raised_on: "2025-03-13", note: "", sources: [],
    });
    expect(calls).toEqual([
      { cmd: "vocabularies", args: {} },
      { cmd: "database_info", args: {} },
      { cmd: "load_demo", args: {} },
      { cmd: "list_page", args: { request } },
      { cmd: "list_position", args: { request, id: 4 } },
      { cmd: "get_proposal", args: { id: 3, viewpoint } },
      { cmd: "retract_event", args: { id: 12, reason: "entered twice" } },
      { cmd: "list_parties", args: {} },
      { cmd: "parties_page", args: { request: { text: "uk", offset: 20, limit: 40 } } },
      { cmd: "sources_page", args: { request: { text: "", offset: 0, limit: 80 } } },
      { cmd: "add_source", args: { source: { title: "Jeddah statement", outlet: "", url: null, published_on: "2025-03" } } },
      {
        cmd: "add_condition",
        args: {
          condition: {
            proposal: 1, raised_by: 3, directed_at: null, text: "Verification", kind: "demand",
            category: "monitoring", raised_on: "2025-03-13", note: "", sources: [],
          },
        },
      },
    ]);
  });

  it("wraps a new proposal and an event in the argument the command names", async () => {
    const recorded = await api.addProposal({
      title: "Truce", summary: "", full_text: null, proposed_by: 1, proposer_role: "mediator",
      proposed_on: "2025-03-11", kind: "general", scope: "", duration_days: 30, process: "",
      supersedes: null, co_proposers: [], phase_of: null, phase: null, sources: [{ type: "known", id: 2 }],
    });
    expect(recorded).toEqual({ id: 7, warnings: [] });
    expect(Object.keys(calls[0].args)).toEqual(["proposal"]);
    await expect(
      api.recordEvent({ proposal: 1, change: { kind: "status", status: "agreed" }, occurred_on: "2031-01-01", note: "", sources: [] }),
    ).rejects.toMatchObject({ code: "invalid", field: "date" });
    expect(Object.keys(calls[1].args)).toEqual(["event"]);
  });

  it("turns a refusal into an ApiError with its code, message and field", async () => {
    const error = await api.addParty({ name: "Russia", kind: "state", member_of: null, note: "" }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "duplicate", field: null, message: 'a party called "Russia" already exists' });
    expect(calls[0]).toEqual({
      cmd: "add_party",
      args: { party: { name: "Russia", kind: "state", member_of: null, note: "" } },
    });
  });

  it("makes sense of a bare string from the shell", () => {
    expect(toApiError("invalid args `event`")).toMatchObject({ code: "error", message: "invalid args `event`", field: null });
  });
});
