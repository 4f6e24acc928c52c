import { describe, expect, it } from "vitest";
import { addDays, asOfDay, dateHint, daysBetween, formatDate, parseDate, todayIso } from "../src/lib/dates";
import corpus from "../../tests/corpus/dates.tsv?raw";

describe("dates as people read them", () => {
  it("follows the precision the form gives", () => {
    expect(formatDate("2025-03-13")).toBe("13 March 2025");
    expect(formatDate("2025-03")).toBe("March 2025");
    expect(formatDate("2025")).toBe("2025");
    expect(formatDate(null)).toBe("");
  });

  it("reads each precision and its first day", () => {
    expect(parseDate("2025-03")).toMatchObject({ precision: "month", firstDay: "2025-03-01" });
    expect(parseDate("2024")).toMatchObject({ precision: "year", firstDay: "2024-01-01" });
    expect(parseDate(" 2024-02-29 ")).toMatchObject({ precision: "day", iso: "2024-02-29" });
  });

  it("refuses days that do not exist and other forms", () => {
    expect(parseDate("2025-02-29")).toBeNull();
    expect(parseDate("2025-13")).toBeNull();
    expect(parseDate("13/03/2025")).toBeNull();
    expect(parseDate("2025-3-1")).toBeNull();
  });
});

describe("the hint under a date field", () => {
  const today = "2025-03-20";

  it("says how a good date reads", () => {
    expect(dateHint("2025-03-13", today)).toEqual({ ok: true, iso: "2025-03-13", text: "Reads as 13 March 2025" });
    expect(dateHint("2025-03", today)).toMatchObject({ ok: true, text: "Reads as March 2025 (month only)" });
    expect(dateHint("2024", today)).toMatchObject({ ok: true, text: "Reads as 2024 (year only)" });
  });

  it("says what is wrong with a bad one", () => {
    expect(dateHint("13 March", today)).toEqual({
      ok: false,
      text: '"13 March" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY',
    });
    expect(dateHint("2025-03-21", today)).toEqual({ ok: false, text: "21 March 2025 is in the future" });
    expect(dateHint("", today).ok).toBe(false);
  });

  it("refuses a whole date that names no real day, the year 0000 among them", () => {
    expect(dateHint("0000", today)).toEqual({ ok: false, text: '"0000" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY' });
    expect(dateHint("2025-00", today).ok).toBe(false);
    expect(dateHint("2025-00", today).text).toMatch(/is not a date/);
  });

  it("stays calm while a date is half typed", () => {
    expect(dateHint("2025-0", today)).toEqual({ ok: false, text: "Write YYYY-MM-DD, YYYY-MM or YYYY" });
  });
});

describe("day arithmetic", () => {
  it("counts across months and leap days", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
  });
});

describe("the as-of date", () => {
  it("takes a day as is and a month or year at its end, never past today", () => {
    expect(asOfDay("2025-03-12", "2025-11-25")).toBe("2025-03-12");
    expect(asOfDay("2024-02", "2025-11-25")).toBe("2024-02-29");
    expect(asOfDay("2024", "2025-11-25")).toBe("2024-12-31");
    expect(asOfDay("2025", "2025-11-25")).toBe("2025-11-25");
    expect(asOfDay("2030-01-01", "2025-11-25")).toBe("2025-11-25");
    expect(asOfDay("12/03/2025", "2025-11-25")).toBeNull();
  });
});

// The corpus the core's tests type after `cftrack status set … --on` (tests/hostile.rs), read
// here as it is: each line is an input, a tab, and what the core says (nothing when it takes
// the date). The window's hint must agree with the core on every one of them.
describe("the dates the core's tests type, as the window reads them", () => {
  const today = todayIso();
  const rows = corpus
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const tab = line.indexOf("\t");
      return { input: line.slice(0, tab), says: line.slice(tab + 1).replace(/^date: /, "") };
    });

  it("reads the whole corpus", () => {
    expect(rows.length).toBeGreaterThan(30);
  });

  it.each(rows)("$input", ({ input, says }) => {
    const hint = dateHint(input, today);
    if (says === "") {
      expect(hint.ok).toBe(true);
    } else if (says.includes(" is not a date")) {
      expect(hint.ok).toBe(false);
      // While a date may still be half typed, the hint says how to write one instead.
      expect([says, "Write YYYY-MM-DD, YYYY-MM or YYYY"]).toContain(hint.text);
    } else if (says.includes(" is in the future")) {
      expect(hint.ok).toBe(false);
      expect(says.startsWith(hint.text)).toBe(true);
    } else {
      // Before the proposal: only the core knows the proposal's date, but both read the
      // date the same way.
      expect(says).toMatch(/ is before the proposal was made /);
      expect(hint.ok && says.startsWith(`${formatDate(hint.iso)} is before`)).toBe(true);
    }
  });
});
