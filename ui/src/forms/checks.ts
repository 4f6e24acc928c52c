// The checks a form makes before it asks the core, so that every mistake it can see is
// shown at once. The core checks everything again on save, by the same rules
// (`src/model/rules.rs`); these only say it sooner, and all together.
import { dateHint, parseDate } from "../lib/dates";

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
