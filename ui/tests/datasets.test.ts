import { describe, expect, it } from "vitest";
import type { DatasetSummary } from "../src/bindings/DatasetSummary";
import { countsInWords, fileName, importedSentence } from "../src/datasets/summary";
import { asSentence, sinceWords } from "../src/team/team.svelte";

const none = { proposals: 0, parties: 0, conditions: 0, events: 0 };

describe("a dataset import in words", () => {
  it("counts each kind of record, one and many", () => {
    expect(countsInWords({ proposals: 1, parties: 2, conditions: 0, events: 1234 })).toBe(
      "1 proposal, 2 parties, 0 conditions and 1,234 entries",
    );
  });

  it("names the file without its folders, on any system", () => {
    expect(fileName("/home/olena/Downloads/pax_all.csv")).toBe("pax_all.csv");
    expect(fileName("C:\\Users\\karim\\ucdp.csv")).toBe("ucdp.csv");
  });

  it("says what was added, updated, unchanged and skipped", () => {
    const summary: DatasetSummary = {
      added: { proposals: 4, parties: 8, conditions: 19, events: 35 },
      updated: { ...none, proposals: 1 },
      unchanged: { ...none, proposals: 2 },
      skipped: [{ row: 6, reason: "PA-X 2004 has no date in Dat" }],
    };
    expect(importedSentence("PA-X", "/data/pax.csv", summary)).toBe(
      "Imported PA-X from pax.csv: added 4 proposals, 8 parties, 19 conditions and 35 entries; " +
        "1 proposal updated, 2 unchanged; 1 row skipped.",
    );
    expect(importedSentence("UCDP", "u.csv", { ...summary, skipped: [] })).toMatch(/unchanged\.$/);
  });
});

describe("the last sync in the header", () => {
  const now = new Date("2026-03-10T15:30:00Z");
  it("reads as a person would say it", () => {
    expect(sinceWords("2026-03-10T15:29:40.000000Z", now)).toBe("just now");
    expect(sinceWords("2026-03-10T15:18:00.000000Z", now)).toBe("12 min ago");
    expect(sinceWords("2026-03-02T09:00:00.000000Z", now)).toBe("on 2 March");
    expect(sinceWords("not a time", now)).toBe("");
  });
});

describe("a refusal from the team server", () => {
  it("reads as a sentence of its own", () => {
    expect(asSentence("the team server at db:5432/gaza cannot be reached (timed out)")).toBe(
      "The team server at db:5432/gaza cannot be reached (timed out).",
    );
    expect(asSentence("Already a sentence.")).toBe("Already a sentence.");
  });
});
