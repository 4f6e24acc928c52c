import { describe, expect, it } from "vitest";
import { filterAndSort } from "../src/lib/listing";
import { Labels } from "../src/lib/vocab";
import { summaries, vocabularies } from "./fixtures";

const labels = new Labels(vocabularies);
const titles = (list: { title: string }[]) => list.map((p) => p.title);

describe("the proposals list", () => {
  it("sorts by last change, newest first, a month at its first day", () => {
    const sorted = filterAndSort(summaries, { status: "all", text: "", sort: "last_change" }, labels);
    expect(sorted.map((p) => p.id)).toEqual([2, 1, 4, 3]);
  });

  it("puts a month before the days in it when sorting newest first", () => {
    const a = { ...summaries[0], id: 10, title: "A", last_change: "2025-03" };
    const b = { ...summaries[0], id: 11, title: "B", last_change: "2025-03-01" };
    const c = { ...summaries[0], id: 12, title: "C", last_change: "2025-02-28" };
    const sorted = filterAndSort([c, a, b], { status: "all", text: "", sort: "last_change" }, labels);
    expect(titles(sorted)).toEqual(["A", "B", "C"]);
  });

  it("sorts by title", () => {
    const sorted = filterAndSort(summaries, { status: "all", text: "", sort: "title" }, labels);
    expect(sorted[0].title).toBe("30-day halt on strikes against energy infrastructure");
    expect(sorted.at(-1)?.title.startsWith("Перемирие")).toBe(true);
  });

  it("filters open, closed and one status", () => {
    const q = (status: string) => filterAndSort(summaries, { status, text: "", sort: "title" }, labels);
    expect(q("closed").map((p) => p.id)).toEqual([3]);
    expect(q("open").map((p) => p.id).sort()).toEqual([1, 2, 4]);
    expect(q("agreed").map((p) => p.id)).toEqual([2]);
  });

  it("searches every word in title, proposer, process and status word", () => {
    const q = (text: string) => filterAndSort(summaries, { status: "all", text, sort: "title" }, labels).map((p) => p.id);
    expect(q("energy")).toEqual([2]);
    expect(q("united kingdom")).toEqual([4]);
    expect(q("partially ACCEPTED")).toEqual([1]);
    expect(q("урожая")).toEqual([3]);
    expect(q("jeddah energy")).toEqual([]);
  });

  it("keeps ten thousand rows quick to order", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      ...summaries[i % 4],
      id: i,
      last_change: `20${10 + (i % 15)}-0${1 + (i % 9)}`,
    }));
    const started = performance.now();
    const sorted = filterAndSort(many, { status: "all", text: "", sort: "last_change" }, labels);
    expect(performance.now() - started).toBeLessThan(500);
    expect(sorted).toHaveLength(10_000);
    expect(sorted[0].last_change).toBe("2024-09");
  });
});
