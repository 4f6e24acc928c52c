import { describe, expect, it } from "vitest";
import { clockLine, clockSentence, noticeOf } from "../src/lib/clock";

// The core works the clock out (src/model/clock.rs); the window says it.
describe("a ceasefire's clock in words", () => {
  it("counts down to the last day covered", () => {
    expect(clockLine({ ends_on: "2025-03-01", days_left: 9, overdue: false })).toBe("ends 1 March 2025 · 9 days left");
    expect(clockLine({ ends_on: "2025-03-01", days_left: 1, overdue: false })).toBe("ends 1 March 2025 · 1 day left");
    expect(clockLine({ ends_on: "2025-03-01", days_left: 0, overdue: false })).toBe("last day: 1 March 2025");
    expect(clockSentence({ ends_on: "2025-03-01", days_left: 9, overdue: false })).toBe("Ends 1 March 2025: 9 days left.");
  });

  it("says when it has run out with nothing recorded since", () => {
    expect(clockLine({ ends_on: "2025-03-01", days_left: -9, overdue: true })).toBe("overdue since 1 March 2025");
    expect(clockSentence({ ends_on: "2025-03-01", days_left: -9, overdue: true })).toBe(
      "Past its end on 1 March 2025 (9 days ago); no extension or follow-up recorded.",
    );
  });

  it("gives an end known only to the month as the month", () => {
    expect(clockLine({ ends_on: "2025-03", days_left: null, overdue: false })).toBe("ends in March 2025");
    expect(clockLine({ ends_on: null, days_left: null, overdue: false })).toBe("");
  });
});

describe("the notice on opening", () => {
  const line = (days_left: number | null, overdue: boolean) => ({ days_left, overdue });

  it("names what ends within the week or ran out within it, and counts what ran out before", () => {
    const soon = line(3, false);
    const lastWeek = line(-7, true);
    const longAgo = line(-8, true);
    const monthOnly = line(null, true);
    expect(noticeOf([soon, lastWeek, longAgo, monthOnly], 7)).toEqual({ recent: [soon, lastWeek], longOverdue: 2 });
    expect(noticeOf([], 7)).toEqual({ recent: [], longOverdue: 0 });
  });
});
