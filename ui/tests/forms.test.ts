import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import App from "../src/App.svelte";
import { changed, errorsNow, FormState, foundIn, type Values } from "../src/forms/formState.svelte";
import { titleCount, titleProblem } from "../src/forms/checks";
import type { FormErrors } from "../src/forms/errors";
import { ApiError } from "../src/lib/api";
import { answerLists, jeddahState, parties, summaries, vocabularies } from "./fixtures";

const needsTitle = (values: Values): FormErrors =>
  String(values.title ?? "").trim() === "" ? { title: "Write the title" } : {};

describe("errors follow the field", () => {
  it("keeps an error while its field holds the value it was found on", () => {
    const found = foundIn({ date: "1 June 2027 is in the future" }, { date: "2027-06-01" });
    expect(errorsNow(found, { date: "2027-06-01" }, () => ({}))).toEqual({ date: "1 June 2027 is in the future" });
  });

  it("drops a stale error once the field changes to something the form finds right", () => {
    const found = foundIn({ date: "1 June 2027 is in the future" }, { date: "2027-06-01" });
    expect(errorsNow(found, { date: "2025-06-01" }, () => ({}))).toEqual({});
  });

  it("says what is wrong with the new value rather than the old", () => {
    const found = foundIn({ title: "this must not be empty" }, { title: "" });
    const check = (v: Values): FormErrors => (String(v.title).length > 5 ? { title: "too long" } : {});
    expect(errorsNow(found, { title: "far too long" }, check)).toEqual({ title: "too long" });
  });

  it("keeps a message about the whole form until the next Save", () => {
    const found = foundIn({ form: "the disk is full" }, { title: "x" });
    expect(errorsNow(found, { title: "y" }, () => ({}))).toEqual({ form: "the disk is full" });
  });

  it("checks nothing before the first Save, then every field at once", () => {
    const values: Values = { title: "", party: null };
    const form = new FormState(
      () => values,
      (v): FormErrors => ({ ...needsTitle(v), ...(v.party === null ? { party: "Choose the party" } : {}) }),
    );
    expect(form.errors).toEqual({});
    expect(form.validate()).toBe(false);
    expect(form.errors).toEqual({ title: "Write the title", party: "Choose the party" });
    expect(form.attempt).toBe(1);
    values.title = "Gaza ceasefire";
    expect(form.errors).toEqual({ party: "Choose the party" });
  });

  it("puts the core's refusal next to its field until that field changes", () => {
    const values: Values = { title: "Gaza ceasefire", date: "2025-01-15" };
    const form = new FormState(() => values, needsTitle);
    form.refused(new ApiError("invalid", "events on this proposal date from 2025-01-10", "proposed_on"), ["title", "date"], {
      proposed_on: "date",
    });
    expect(form.errors).toEqual({ date: "events on this proposal date from 2025-01-10" });
    values.date = "2025-01-09";
    expect(form.errors).toEqual({});
  });
});

describe("a changed form", () => {
  it("is changed when a value differs from the one it opened with, and only then", () => {
    expect(changed({ title: "a", party: null }, { title: "a", party: null })).toBe(false);
    expect(changed({ title: "a" }, { title: "ab" })).toBe(true);
    expect(changed({ title: "a", kind: "status" }, { title: "a", kind: "stance" }, ["kind"])).toBe(false);
  });

  it("knows it was changed, and unchanged again when the change is undone", () => {
    const values: Values = { title: "Jeddah", proposers: [1] };
    const form = new FormState(() => values);
    expect(form.dirty).toBe(false);
    values.proposers = [1, 2];
    expect(form.dirty).toBe(true);
    values.proposers = [1];
    expect(form.dirty).toBe(false);
  });
});

describe("titles", () => {
  it("are refused past 300 characters, counted as people count them", () => {
    expect(titleProblem("", "Write the title")).toBe("Write the title");
    expect(titleProblem("و".repeat(300), "")).toBeNull();
    expect(titleProblem("x".repeat(301), "")).toMatch(/301 characters long; a title or a name holds at most 300/);
    expect(titleCount("x".repeat(100))).toBeUndefined();
    expect(titleCount("x".repeat(280))).toBe("280 of 300 characters");
  });
});

type Call = { cmd: string; args: Record<string, unknown> };

function backend(): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: a });
      const listed = answerLists(cmd, a, { proposals: summaries, parties, sources: [] });
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
        case "list_deadlines":
        case "search_sources":
          return [];
        case "add_proposal":
          return { id: 9, warnings: [] };
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

async function openNewProposal() {
  render(App);
  await screen.findByTestId("app");
  await fireEvent.click(screen.getByTestId("new-proposal"));
  return screen.findByTestId("field-title");
}

describe("the New proposal form", () => {
  it("shows every mistake at once and takes the user to the first", async () => {
    const calls = backend();
    await openNewProposal();
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2027-06-01" } });
    await fireEvent.click(screen.getByTestId("save"));
    expect(screen.getByTestId("error-title").textContent).toBe("Write the proposal's title");
    expect(screen.getByTestId("error-proposed-by").textContent).toBe("Choose who proposed it");
    expect(screen.getByTestId("error-date").textContent).toMatch(/1 June 2027 is in the future/);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("field-title")));
    expect(calls.some((c) => c.cmd === "add_proposal")).toBe(false);

    // Each message goes as its field is put right.
    await fireEvent.input(screen.getByTestId("field-date"), { target: { value: "2025-01-15" } });
    expect(screen.queryByTestId("error-date")).toBeNull();
    expect(screen.getByTestId("error-title")).toBeTruthy();
  });

  it("sends every proposer, each once", async () => {
    const calls = backend();
    await openNewProposal();
    await fireEvent.input(screen.getByTestId("field-title"), { target: { value: "Gaza ceasefire and hostage deal" } });
    const pick = (testid: string, id: number) => {
      const select = screen.getByTestId(testid) as HTMLSelectElement;
      const option = [...select.options].find((o) => o.textContent?.startsWith(parties.find((p) => p.id === id)!.name));
      select.value = option!.value;
      return fireEvent.change(select);
    };
    await pick("field-proposed-by", 1);
    await fireEvent.click(screen.getByTestId("add-proposer"));
    await pick("field-co-proposer-1", 5);
    await fireEvent.click(screen.getByTestId("add-proposer"));
    await pick("field-co-proposer-2", 2);
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_proposal")).toBe(true));
    const sent = calls.find((c) => c.cmd === "add_proposal")!.args.proposal as { proposed_by: number; co_proposers: number[] };
    expect(sent.proposed_by).toBe(1);
    expect(sent.co_proposers).toEqual([5, 2]);
  });

  it("asks before throwing away what was typed, and closes at once when nothing was", async () => {
    backend();
    await openNewProposal();
    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("sheet")).toBeNull());

    await fireEvent.click(screen.getByTestId("new-proposal"));
    await fireEvent.input(await screen.findByTestId("field-title"), { target: { value: "Half typed" } });
    await fireEvent.click(screen.getByTestId("cancel"));
    expect(screen.getByTestId("discard-prompt")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("keep-editing"));
    expect((screen.getByTestId("field-title") as HTMLInputElement).value).toBe("Half typed");

    await fireEvent.click(screen.getByTestId("close-sheet"));
    await fireEvent.click(screen.getByTestId("discard"));
    await waitFor(() => expect(screen.queryByTestId("sheet")).toBeNull());
  });
});

describe("the Record change form", () => {
  it("records on the proposal it was opened on, whichever is selected meanwhile", async () => {
    const calls = backend();
    render(App);
    await screen.findByTestId("app");
    const row = (id: number) => document.querySelector<HTMLElement>(`[data-testid="proposal-row"][data-id="${id}"]`)!;
    await waitFor(() => expect(row(1)).toBeTruthy());
    await fireEvent.click(row(1));
    await fireEvent.click(await screen.findByTestId("record-change"));
    const status = (await screen.findByTestId("field-status")) as HTMLSelectElement;
    status.value = "agreed";
    await fireEvent.change(status);
    await fireEvent.click(row(2));
    await waitFor(() => expect(calls.some((c) => c.cmd === "get_proposal" && c.args.id === 2)).toBe(true));
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "record_event")).toBe(true));
    const sent = calls.find((c) => c.cmd === "record_event")!.args.event as { proposal: number };
    expect(sent.proposal).toBe(1);
  });
});
