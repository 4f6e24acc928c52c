import { describe, expect, it } from "vitest";
import { describeEntry } from "../src/proposals/history";
import { Labels } from "../src/lib/vocab";
import { jeddahState, vocabularies } from "./fixtures";

const labels = new Labels(vocabularies);
const entry = (id: number) => jeddahState.history.find((e) => e.id === id)!;

describe("history entries in words", () => {
  it("names statuses, stances and conditions by their labels, never their codes", () => {
    expect(describeEntry(entry(7), labels)).toBe("Status: Partially accepted");
    expect(describeEntry(entry(6), labels)).toBe("Russia: Agrees in principle (Party to the conflict)");
    expect(describeEntry(entry(8), labels)).toBe(
      "Condition “No Ukrainian mobilisation or rearmament during the truce” (raised by Russia): Under negotiation",
    );
  });

  it("knows which statuses are closed", () => {
    expect(labels.isClosed("collapsed")).toBe(true);
    expect(labels.isClosed("violated")).toBe(false);
    expect(labels.isClosed(null)).toBe(false);
  });
});
