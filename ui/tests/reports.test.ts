import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import { buildRequest, fileNameTitle, pdfFileName, previewUrl, type ReportChoice } from "../src/reports/choice";
import { answerLists, jeddahState, parties, sources, summaries, vocabularies } from "./fixtures";

const TODAY = "2026-11-25";

function choice(overrides: Partial<ReportChoice> = {}): ReportChoice {
  return {
    type: "status", coverage: "all", chosen: [], status: null, asOf: "2025-03-20",
    from: "2025-03-10", to: "2025-03-20", process: "", paper: "a4", ...overrides,
  };
}

describe("the report request", () => {
  it("covers every proposal, the selected one, or those ticked", () => {
    expect(buildRequest(choice(), 7, TODAY)).toEqual({
      request: { kind: { type: "status", proposals: [] }, viewpoint: { as_of: "2025-03-20", known_on: null }, paper: "a4" },
    });
    const selected = buildRequest(choice({ coverage: "selected" }), 7, TODAY);
    expect("request" in selected && selected.request.kind).toEqual({ type: "status", proposals: [7] });
    const ticked = buildRequest(choice({ coverage: "chosen", chosen: [3, 1] }), null, TODAY);
    expect("request" in ticked && ticked.request.kind).toEqual({ type: "status", proposals: [3, 1] });
  });

  it("says which field is wrong rather than asking the core", () => {
    expect(buildRequest(choice({ coverage: "selected" }), null, TODAY)).toMatchObject({ field: "proposals" });
    expect(buildRequest(choice({ coverage: "chosen" }), null, TODAY)).toMatchObject({ field: "proposals" });
    expect(buildRequest(choice({ asOf: "2025-02-30" }), null, TODAY)).toMatchObject({ field: "as_of" });
    const backwards = buildRequest(choice({ type: "changes", from: "2025-03-20", to: "2025-03-10" }), null, TODAY);
    expect(backwards).toMatchObject({ field: "from" });
    expect("problem" in backwards && backwards.problem).toContain("2025-03-20");
  });

  it("reads a month as its first day at the start of a period and its last day at the end", () => {
    const built = buildRequest(choice({ type: "changes", from: "2025-03", to: "2025-03" }), null, TODAY);
    expect("request" in built && built.request).toEqual({
      kind: { type: "changes", from: "2025-03-01", to: "2025-03-31" },
      viewpoint: { as_of: "2025-03-31", known_on: null },
      paper: "a4",
    });
  });

  it("is as of the last day of a month typed, never after today", () => {
    const month = buildRequest(choice({ asOf: "2025-02" }), null, TODAY);
    expect("request" in month && month.request.viewpoint.as_of).toBe("2025-02-28");
    const future = buildRequest(choice({ asOf: "2030-01-01", type: "overview", paper: "letter" }), null, TODAY);
    expect("request" in future && future.request).toEqual({
      kind: { type: "overview", status: null }, viewpoint: { as_of: TODAY, known_on: null }, paper: "letter",
    });
  });

  it("names the PDF after the report and its date", () => {
    const status = buildRequest(choice(), null, TODAY);
    const changes = buildRequest(choice({ type: "changes" }), null, TODAY);
    if (!("request" in status) || !("request" in changes)) throw new Error("requests expected");
    expect(pdfFileName(status.request)).toBe("Status of all proposals 2025-03-20.pdf");
    expect(pdfFileName(changes.request)).toBe("Changes 2025-03-10 to 2025-03-20.pdf");
    const one = buildRequest(choice({ coverage: "selected" }), 7, TODAY);
    if (!("request" in one)) throw new Error("a request expected");
    const titles = new Map([[7, "Gaza ceasefire: phase one / 42 days"]]);
    expect(pdfFileName(one.request, titles)).toBe("Gaza ceasefire phase one 42 days status 2025-03-20.pdf");
  });

  it("keeps a long title short enough for a file name, cut at a word", () => {
    const name = fileNameTitle("Agreement on a Comprehensive Ceasefire and Permanent Cessation of Hostilities ".repeat(3));
    expect([...name].length).toBeLessThanOrEqual(101);
    expect(name.endsWith("…")).toBe(true);
    expect(name).not.toMatch(/ …$/);
  });

  it("prints the timeline of the process chosen, and asks for one when none is", () => {
    const built = buildRequest(choice({ type: "process", process: "Israel–Hamas war" }), null, TODAY);
    expect(built).toEqual({
      request: { kind: { type: "process", name: "Israel–Hamas war" }, viewpoint: { as_of: "2025-03-20", known_on: null }, paper: "a4" },
    });
    if (!("request" in built)) throw new Error("a request expected");
    expect(pdfFileName(built.request)).toBe("Israel–Hamas war process 2025-03-20.pdf");
    expect(buildRequest(choice({ type: "process" }), null, TODAY)).toMatchObject({ field: "process" });
  });

  it("puts the whole request in the preview's address, read back as sent", () => {
    const built = buildRequest(choice({ type: "changes" }), null, TODAY);
    if (!("request" in built)) throw new Error("a request expected");
    const url = new URL(previewUrl("report://localhost/", built.request, 4));
    expect(JSON.parse(url.searchParams.get("request") ?? "")).toEqual(built.request);
    expect(url.searchParams.get("revision")).toBe("4");
  });
});

type Call = { cmd: string; args: Record<string, unknown> };

/** Stands in for the shell; a print lasts until `printing` settles, if given. */
function backend(refuse: Record<string, unknown> = {}, printing?: Promise<unknown>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd in refuse) throw refuse[cmd];
    const listed = answerLists(cmd, a, { proposals: summaries, parties, sources });
    if (listed !== undefined) return listed;
    switch (cmd) {
      case "vocabularies":
        return vocabularies;
      case "database_info":
        return { path: "/tmp/tracker.db", empty: false };
      case "get_proposal":
        return jeddahState;
      case "search_sources":
        return sources.filter((s) => s.title.includes(a.text as string)).slice(0, a.limit as number);
      case "export_pdf":
        return { outcome: "done", path: `/home/analyst/${a.fileName as string}` };
      case "print_report":
        return (printing ?? Promise.resolve()).then(() => ({ outcome: "cancelled" }));
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

async function openReports() {
  render(App);
  await screen.findByTestId("app");
  await fireEvent.click(screen.getByTestId("nav-reports"));
  return screen.findByTestId("report-preview");
}

describe("the Reports page", () => {
  it("previews the report the shell renders for the choice, as of the window's date", async () => {
    backend();
    const frame = await openReports();
    const url = new URL(frame.getAttribute("src") ?? "");
    const request = JSON.parse(url.searchParams.get("request") ?? "");
    expect(request.kind).toEqual({ type: "status", proposals: [] });
    expect(request.viewpoint.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await fireEvent.change(screen.getByTestId("report-paper"), { target: { value: "letter" } });
    await waitFor(() => expect(screen.getByTestId("report-preview").getAttribute("src")).toContain("letter"));
  });

  it("exports a PDF under the name it offers and says where it went", async () => {
    const calls = backend();
    await openReports();
    await fireEvent.input(screen.getByTestId("report-as-of"), { target: { value: "2025-03-20" } });
    await fireEvent.click(screen.getByTestId("report-export"));
    const note = await screen.findByTestId("report-note");
    expect(note.textContent).toBe("Saved as /home/analyst/Status of all proposals 2025-03-20.pdf");
    const sent = calls.find((c) => c.cmd === "export_pdf");
    expect(sent?.args.fileName).toBe("Status of all proposals 2025-03-20.pdf");
    expect(sent?.args.request).toMatchObject({ viewpoint: { as_of: "2025-03-20" }, paper: "a4" });
  });

  it("shows why an export failed", async () => {
    backend({ export_pdf: { code: "unsupported", message: "Export PDF is not available on this system.", field: null } });
    await openReports();
    await fireEvent.click(screen.getByTestId("report-export"));
    expect((await screen.findByTestId("report-problem")).textContent).toBe("Export PDF is not available on this system.");
  });

  it("prints from the menu on any page, and a second request while printing is ignored", async () => {
    let closeDialog = () => {};
    const calls = backend({}, new Promise<void>((resolve) => (closeDialog = resolve)));
    render(App);
    await screen.findByTestId("app");
    await emit("menu", "print");
    await screen.findByTestId("report-preview");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "print_report").length).toBe(1));
    // The dialog is still open: Ctrl+P again does not open a second one.
    await fireEvent.keyDown(window, { key: "p", ctrlKey: true });
    expect(screen.getByTestId("report-print").textContent?.trim()).toBe("Printing…");
    closeDialog();
    await waitFor(() => expect(screen.getByTestId("report-print").textContent?.trim()).toBe("Print…"));
    expect(calls.filter((c) => c.cmd === "print_report").length).toBe(1);
    // A cancelled print says nothing.
    expect(screen.queryByTestId("report-note")).toBeNull();
    await fireEvent.keyDown(window, { key: "p", ctrlKey: true });
    await waitFor(() => expect(calls.filter((c) => c.cmd === "print_report").length).toBe(2));
  });

  it("offers the processes of the proposals and previews the timeline of the one chosen", async () => {
    backend();
    await openReports();
    await fireEvent.change(screen.getByTestId("report-type"), { target: { value: "process" } });
    const chooser = (await screen.findByTestId("report-process")) as HTMLSelectElement;
    expect([...chooser.options].map((o) => o.value)).toEqual(["Russia–Ukraine war"]);
    await waitFor(() => {
      const url = new URL(screen.getByTestId("report-preview").getAttribute("src") ?? "");
      expect(JSON.parse(url.searchParams.get("request") ?? "").kind).toEqual({ type: "process", name: "Russia–Ukraine war" });
    });
  });
});
