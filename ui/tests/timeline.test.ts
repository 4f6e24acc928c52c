import { describe, expect, it } from "vitest";
import { axisTicks, layoutTimeline } from "../src/lib/timeline";

describe("the status timeline", () => {
  const spans = [
    { status: "floated" as const, from: "2025-03-11", until: "2025-03-13" },
    { status: "partially_accepted" as const, from: "2025-03-13", until: null },
  ];

  it("lays one band per status from its start to the next, the last to the date shown", () => {
    const layout = layoutTimeline(spans, "2025-03-21", 100, 500);
    expect(layout?.bands).toHaveLength(2);
    const [first, second] = layout!.bands;
    expect(first.x).toBe(100);
    expect(first.width).toBeCloseTo(100);
    expect(second.x).toBeCloseTo(200);
    expect(second.x + second.width).toBeCloseTo(600);
    expect(first.dates).toBe("11 March 2025 – 13 March 2025");
    expect(second.dates).toBe("since 13 March 2025");
  });

  it("gives a proposal made today a visible band", () => {
    const layout = layoutTimeline([{ status: "floated", from: "2025-03-21", until: null }], "2025-03-21", 0, 300);
    expect(layout!.bands[0].width).toBeGreaterThan(100);
  });

  it("has nothing to draw before the first status", () => {
    expect(layoutTimeline([], "2025-03-21", 0, 300)).toBeNull();
  });

  it("writes the year on the first tick and where it changes", () => {
    const labels = axisTicks("2024-06-01", "2026-11-25", 0, 600).map((t) => t.label);
    expect(labels[0]).toBe("Jun 2024");
    expect(labels.filter((l) => l.includes("2025"))).toHaveLength(1);
    expect(labels.length).toBeLessThanOrEqual(7);
  });

  it("uses days for a short axis", () => {
    const labels = axisTicks("2025-03-11", "2025-03-21", 0, 600).map((t) => t.label);
    expect(labels[0]).toBe("11 Mar");
  });
});
