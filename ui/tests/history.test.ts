import { describe, expect, it } from "vitest";
import { Labels } from "../src/lib/vocab";
import { vocabularies } from "./fixtures";

const labels = new Labels(vocabularies);

// History entries are worded by the core (`EntryWords`, tested in src/model/state.rs); the
// window shows the words it receives (see app.test.ts).
describe("history entries", () => {
  it("knows which statuses are closed", () => {
    expect(labels.isClosed("collapsed")).toBe(true);
    expect(labels.isClosed("violated")).toBe(false);
    expect(labels.isClosed(null)).toBe(false);
  });
});
