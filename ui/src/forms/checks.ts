// The checks a form makes before it asks the core, so that every mistake it can see is
// shown at once. The core checks everything again on save, by the same rules
// (`src/model/rules.rs`); these only say it sooner, and all together.
import { dateHint, formatDate, lastDayOf, parseDate } from "../lib/dates";

/** The most characters a title or a name may have, as the core's `MAX_TITLE_CHARS`. */
export const MAX_TITLE_CHARS = 300;

/** Characters as people count them (an emoji or an Arabic letter is one). */
export function characters(text: string): number {
  return [...text.trim()].length;
}

/** What is wrong with a title or a name: empty, or longer than the limit. */
export function titleProblem(text: string, empty: string): string | null {
  if (text.trim() === "") return empty;
  const count = characters(text);
  if (count > MAX_TITLE_CHARS) {
    return `It is ${count} characters long; a title or a name holds at most ${MAX_TITLE_CHARS}: put the rest in the summary or a note`;
  }
  return null;
}

/** The line under a title field near its limit: how many characters are left. */
export function titleCount(text: string): string | undefined {
  const count = characters(text);
  if (count < MAX_TITLE_CHARS - 50) return undefined;
  if (count > MAX_TITLE_CHARS) return `${count} characters: ${count - MAX_TITLE_CHARS} over the limit of ${MAX_TITLE_CHARS}`;
  return `${count} of ${MAX_TITLE_CHARS} characters`;
}

/** What is wrong with a date typed in; an empty optional date is fine. */
export function dateProblem(text: string, today: string, optional = false): string | null {
  if (optional && text.trim() === "") return null;
  const hint = dateHint(text, today);
  return hint.ok ? null : hint.text;
}

/** What is wrong with a date that may lie ahead (the end of an extension). */
export function anyDateProblem(text: string): string | null {
  if (text.trim() === "") return "Write the new end: YYYY-MM-DD, YYYY-MM or YYYY";
  return parseDate(text) ? null : `"${text.trim()}" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY`;
}

/** A whole number of at least 1 typed in, or null when it is not one. */
export function wholeNumber(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

/** What a violation report says, as typed into the Record change form. */
export type ViolationInput = {
  /** When it happened, or when the period began. */
  date: string;
  /** The last day of the period, or empty for one date. */
  until: string;
  reportedBy: number | null;
  against: number | null;
  /** True when the report cites a source (it may then name no party as reporter). */
  hasSource: boolean;
  count: string;
  unit: string;
};

/**
 * Every mistake in a violation report the window can see, by field: no reporter and no
 * source, a report against the party that made it, a period that ends before it starts or
 * lies ahead, a count that is not a whole number of at least zero, a count without its unit
 * or a unit without its count. The date itself is checked with the other kinds'.
 */
export function violationProblems(v: ViolationInput, today: string): Record<string, string> {
  const found: Record<string, string> = {};
  if (v.reportedBy === null && !v.hasSource) {
    found["reported-by"] = "Choose who reported it, or give the source that did";
  }
  if (v.reportedBy !== null && v.reportedBy === v.against) {
    found.against = "A party does not report a violation against itself: choose another, or none";
  }
  if (v.until.trim() !== "") {
    const untilWrong = dateProblem(v.until, today);
    if (untilWrong) {
      found["period-until"] = untilWrong;
    } else {
      const from = parseDate(v.date);
      const to = lastDayOf(v.until);
      if (from && to && to < from.firstDay) {
        found["period-until"] = `The period ends on ${formatDate(parseDate(v.until)?.iso)}, before it starts on ${formatDate(from.iso)}`;
      }
    }
  }
  const count = v.count.trim();
  const unit = v.unit.trim();
  if (count !== "") {
    if (/^-\s*[\d,]+$/.test(count)) {
      found.count = "A count cannot be below zero";
    } else if (countOf(count) === null) {
      found.count = `"${count}" is not a whole number: write how many, e.g. 1000`;
    } else if (unit === "") {
      found.unit = "Say what was counted: drones, shells, attacks";
    }
  } else if (unit !== "") {
    found.count = "Write how many, or leave the unit empty too";
  }
  return found;
}

/** A count typed in ("1,000"), as a number; null when empty or not a whole number. */
export function countOf(text: string): number | null {
  const t = text.trim().replace(/[,\u00a0 ]/g, "");
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}
