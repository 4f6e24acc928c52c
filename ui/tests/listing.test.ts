import { describe, expect, it } from "vitest";
import { listRequest, narrows, statusesOf } from "../src/lib/listing";
import { Labels } from "../src/lib/vocab";
import { vocabularies } from "./fixtures";

const labels = new Labels(vocabularies);
const viewpoint = { as_of: "2025-03-30", known_on: null };

describe("the proposals list's question to the core", () => {
  it("keeps every proposal, those without a status too, when no status is chosen", () => {
    expect(statusesOf("all", labels)).toBeNull();
  });

  it("turns open and closed into the statuses they stand for", () => {
    const open = statusesOf("open", labels) ?? [];
    const closed = statusesOf("closed", labels) ?? [];
    expect(closed.sort()).toEqual([...vocabularies.closed_statuses].sort());
    expect(open).toContain("agreed");
    expect(open.some((s) => closed.includes(s))).toBe(false);
    expect(open.length + closed.length).toBe(vocabularies.proposal_status.length);
    expect(statusesOf("agreed", labels)).toEqual(["agreed"]);
  });

  it("sends the search without the spaces around it, and the part wanted", () => {
    const request = listRequest({ status: "agreed", text: "  energy truce ", sort: "title" }, viewpoint, labels, 120, 60);
    expect(request).toEqual({
      viewpoint, statuses: ["agreed"], text: "energy truce", order: "title", offset: 120, limit: 60,
    });
  });

  it("says when the list is narrowed, so the count reads N of M", () => {
    expect(narrows({ status: "all", text: " ", sort: "title" })).toBe(false);
    expect(narrows({ status: "open", text: "", sort: "title" })).toBe(true);
    expect(narrows({ status: "all", text: "gaza", sort: "last_change" })).toBe(true);
  });
});
