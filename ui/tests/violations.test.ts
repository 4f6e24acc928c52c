import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import { countOf, violationProblems, type ViolationInput } from "../src/forms/checks";
import { lastDayOf } from "../src/lib/dates";
import { answerLists, jeddahState, parties, summaries, vocabularies } from "./fixtures";

const TODAY = "2025-03-25";

function report(typed: Partial<ViolationInput>): ViolationInput {
  return { date: "2025-03-18", until: "", reportedBy: 2, against: 3, hasSource: false, count: "", unit: "", ...typed };
}

describe("a violation report's checks", () => {
  it("accept a report with a count and its unit over a period", () => {
    expect(violationProblems(report({ until: "2025-03-24", count: "1,000", unit: "drones" }), TODAY)).toEqual({});
    expect(countOf("1,000")).toBe(1000);
  });

  it("refuse a count without its unit, and a unit without its count", () => {
    expect(violationProblems(report({ count: "1000" }), TODAY)).toEqual({
      unit: "Say what was counted: drones, shells, attacks",
    });
    expect(violationProblems(report({ unit: "drones" }), TODAY)).toEqual({
      count: "Write how many, or leave the unit empty too",
    });
  });

  it("refuse a count below zero or not a whole number", () => {
    expect(violationProblems(report({ count: "-3", unit: "shells" }), TODAY).count).toBe("A count cannot be below zero");
    expect(violationProblems(report({ count: "many", unit: "shells" }), TODAY).count).toMatch(/not a whole number/);
    expect(violationProblems(report({ count: "2.5", unit: "shells" }), TODAY).count).toMatch(/not a whole number/);
  });

  it("refuse a period that ends before it starts, and one that ends ahead", () => {
    expect(violationProblems(report({ until: "2025-03-10" }), TODAY)["period-until"]).toBe(
      "The period ends on 10 March 2025, before it starts on 18 March 2025",
    );
    expect(violationProblems(report({ until: "2025-04" }), TODAY)["period-until"]).toBe("April 2025 is in the future");
    // A month that contains the start is a period that ends after it.
    expect(violationProblems(report({ date: "2025-02-10", until: "2025-02" }), TODAY)).toEqual({});
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
  });

  it("want a reporter or a source, and a reporter other than the accused", () => {
    expect(violationProblems(report({ reportedBy: null }), TODAY)).toEqual({
      "reported-by": "Choose who reported it, or give the source that did",
    });
    expect(violationProblems(report({ reportedBy: null, hasSource: true }), TODAY)).toEqual({});
    expect(violationProblems(report({ against: 2 }), TODAY).against).toMatch(/against itself/);
  });
});

type Call = { cmd: string; args: Record<string, unknown> };

function backend(rows = summaries): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: a });
      const listed = answerLists(cmd, a, { proposals: rows, parties, sources: [] });
      if (listed !== undefined) return listed;
      switch (cmd) {
        case "vocabularies":
          return vocabularies;
        case "database_info":
          return { path: "/tmp/tracker.db", empty: false };
        case "get_proposal":
          return { ...jeddahState, viewpoint: a.viewpoint, proposal: { ...jeddahState.proposal, id: a.id as number } };
        case "record_event":
          return { id: 77, warnings: [] };
        case "list_parties":
          return parties;
        case "list_deadlines":
        case "search_sources":
          return [];
        default:
          return null;
      }
    },
    { shouldMockEvents: true },
  );
  return calls;
}

afterEach(() => {
  cleanup();
  clearMocks();
});

async function openRecordChange(kind: string) {
  render(App);
  await screen.findByTestId("app");
  const row = () => document.querySelector<HTMLElement>('[data-testid="proposal-row"][data-id="1"]');
  await waitFor(() => expect(row()).toBeTruthy());
  await fireEvent.click(row()!);
  await fireEvent.click(await screen.findByTestId("record-change"));
  const what = (await screen.findByTestId("field-change-kind")) as HTMLSelectElement;
  what.value = kind;
  await fireEvent.change(what);
}

function choose(testid: string, value: string) {
  const select = screen.getByTestId(testid) as HTMLSelectElement;
  const option = [...select.options].find((o) => o.textContent?.startsWith(value));
  if (!option) throw new Error(`no "${value}" in ${testid}`);
  select.value = option.value;
  return fireEvent.change(select);
}

describe("the Record change form, for a violation", () => {
  it("shows every mistake at once, takes the user to the first, and sends nothing", async () => {
    const calls = backend();
    await openRecordChange("violation");
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2025-03-18" } });
    await fireEvent.input(screen.getByTestId("field-period-until"), { target: { value: "2025-03-11" } });
    await fireEvent.input(screen.getByTestId("field-count"), { target: { value: "-5" } });
    await fireEvent.click(screen.getByTestId("save"));

    expect(screen.getByTestId("error-reported-by").textContent).toBe("Choose who reported it, or give the source that did");
    expect(screen.getByTestId("error-period-until").textContent).toBe(
      "The period ends on 11 March 2025, before it starts on 18 March 2025",
    );
    expect(screen.getByTestId("error-count").textContent).toBe("A count cannot be below zero");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("field-reported-by")));

    await fireEvent.input(screen.getByTestId("field-count"), { target: { value: "1000" } });
    await fireEvent.click(screen.getByTestId("save"));
    expect(screen.getByTestId("error-unit").textContent).toBe("Say what was counted: drones, shells, attacks");

    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2099-01-01" } });
    await fireEvent.click(screen.getByTestId("save"));
    expect(screen.getByTestId("error-date").textContent).toMatch(/1 January 2099 is in the future/);
    expect(calls.some((c) => c.cmd === "record_event")).toBe(false);
  });

  it("sends who reported it against whom, the period, the count with its unit, place and dispute", async () => {
    const calls = backend();
    await openRecordChange("violation");
    await choose("field-reported-by", "Ukraine");
    await choose("field-against", "Russia");
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2025-03-17" } });
    await fireEvent.input(screen.getByTestId("field-period-until"), { target: { value: "2025-03-23" } });
    await fireEvent.input(screen.getByTestId("field-note"), { target: { value: "Drones and guided bombs" } });
    await fireEvent.input(screen.getByTestId("field-count"), { target: { value: "1,000" } });
    await fireEvent.input(screen.getByTestId("field-unit"), { target: { value: "drones" } });
    await fireEvent.input(screen.getByTestId("field-place"), { target: { value: "Sumy region" } });
    await fireEvent.click(screen.getByTestId("field-disputed"));
    await fireEvent.click(screen.getByTestId("save"));

    await waitFor(() => expect(calls.some((c) => c.cmd === "record_event")).toBe(true));
    const sent = calls.find((c) => c.cmd === "record_event")!.args.event;
    expect(sent).toMatchObject({
      proposal: 1,
      change: { kind: "violation", reported_by: 2, against: 3, disputed: true },
      occurred_on: "2025-03-17",
      note: "Drones and guided bombs",
      violation: { until: "2025-03-23", count: 1000, unit: "drones", place: "Sumy region" },
    });
  });
});

describe("the Record change form, for an implementation step", () => {
  it("wants the condition and its level, then sends them", async () => {
    const calls = backend();
    await openRecordChange("implementation");
    await fireEvent.click(screen.getByTestId("save"));
    expect(screen.getByTestId("error-condition").textContent).toBe("Choose the condition");
    expect(screen.getByTestId("error-level").textContent).toBe("Choose how far it was carried out");

    await choose("field-condition", "Verification");
    await choose("field-level", "Minimal");
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2025-03-19" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "record_event")).toBe(true));
    expect(calls.find((c) => c.cmd === "record_event")!.args.event).toMatchObject({
      change: { kind: "implementation", condition: 1, level: "minimal" },
      occurred_on: "2025-03-19",
    });
  });
});

describe("the list row", () => {
  it("gives the month's violation reports of a proposal in effect, and the score of an agreed one", async () => {
    const inEffect = {
      ...summaries[0], status: "in_effect" as const, ends_on: "2025-04-16", days_left: 22, violations_30_days: 14,
      implementation: { percent: 67, conditions: 2 },
    };
    const agreed = { ...summaries[1], status: "agreed" as const, implementation: { percent: 33, conditions: 1 } };
    backend([inEffect, agreed, ...summaries.slice(2)]);
    render(App);
    await screen.findByTestId("app");
    const row = (id: number) => document.querySelector<HTMLElement>(`[data-testid="proposal-row"][data-id="${id}"]`);
    await waitFor(() => expect(row(inEffect.id)).toBeTruthy());
    const first = row(inEffect.id)!;
    expect(first.querySelector('[data-testid="row-violations"]')?.textContent).toBe("14 violation reports in 30 days");
    // Beside the reports, the clock's short form; its whole line is in the tooltip.
    expect(first.querySelector('[data-testid="row-clock"]')?.textContent).toBe("22 days left");
    expect(first.querySelector('[title*="ends 16 April 2025 · 22 days left"]')).toBeTruthy();
    const second = row(agreed.id)!;
    expect(second.querySelector('[data-testid="row-implementation"]')?.textContent).toBe("33% implemented");
    expect(second.querySelector('[data-testid="row-violations"]')).toBeNull();
    expect(row(summaries[2].id)!.querySelector('[data-testid="row-implementation"]')).toBeNull();
  });
});
