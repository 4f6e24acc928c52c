import { describe, expect, it } from "vitest";
import { rowsToRender, scrollToReveal } from "../src/lib/renderedRows";

describe("windowed rendering", () => {
  it("renders the rows in view and a few either side", () => {
    expect(rowsToRender(0, 600, 76, 10_000, 4)).toEqual({ start: 0, end: 12, offset: 0, total: 760_000 });
    const w = rowsToRender(76 * 5000, 600, 76, 10_000, 4);
    expect(w.start).toBe(4996);
    expect(w.end).toBe(5012);
    expect(w.offset).toBe(4996 * 76);
  });

  it("never goes past the ends", () => {
    const w = rowsToRender(10_000_000, 600, 76, 100, 4);
    expect(w.end).toBe(100);
    expect(w.start).toBeGreaterThan(80);
    expect(rowsToRender(-50, 600, 76, 3)).toEqual({ start: 0, end: 3, offset: 0, total: 228 });
    expect(rowsToRender(0, 600, 76, 0)).toEqual({ start: 0, end: 0, offset: 0, total: 0 });
  });

  it("scrolls as little as needed to show a row", () => {
    expect(scrollToReveal(0, 760, 600, 76)).toBe(0);
    expect(scrollToReveal(20, 0, 600, 76)).toBe(21 * 76 - 600);
    expect(scrollToReveal(12, 760, 600, 76)).toBe(760);
  });
});
