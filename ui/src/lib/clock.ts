// A ceasefire's clock in words, as the list, the proposal page and the Deadlines page say
// it. The core works the clock out (`src/model/clock.rs`) and words it the same way in the
// reports (`report::text::clock`).
import { formatDate } from "./dates";

export type Clock = { ends_on: string | null; days_left: number | null; overdue: boolean };

function days(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}

/** Whether there is a clock to speak of: an end, known or run out. */
export function hasClock(clock: Clock): boolean {
  return clock.ends_on !== null;
}

/** The short form of the list: "ends 1 March 2025 · 3 days left", "overdue since 1 March 2025". */
export function clockLine(clock: Clock): string {
  if (clock.ends_on === null) return "";
  const end = formatDate(clock.ends_on);
  if (clock.overdue) return `overdue since ${end}`;
  if (clock.days_left === null) return `ends in ${end}`;
  if (clock.days_left === 0) return `last day: ${end}`;
  return `ends ${end} · ${days(clock.days_left)} left`;
}

/** The shortest form, for a list row that also gives violation reports or an implementation
 *  score: "3 days left", "overdue"; the whole line goes into the row's tooltip. */
export function clockShort(clock: Clock): string {
  if (clock.ends_on === null) return "";
  if (clock.overdue) return "overdue";
  if (clock.days_left === null) return clockLine(clock);
  if (clock.days_left === 0) return "last day today";
  return `${days(clock.days_left)} left`;
}

/** The sentence of the proposal page and the Deadlines page. */
export function clockSentence(clock: Clock): string {
  if (clock.ends_on === null) return "In effect with no end date.";
  const end = formatDate(clock.ends_on);
  if (clock.overdue) {
    const past = clock.days_left !== null ? ` (${days(-clock.days_left)} ago)` : "";
    return `Past its end on ${end}${past}; no extension or follow-up recorded.`;
  }
  if (clock.days_left === null) return `Ends in ${end} (the day is not known).`;
  if (clock.days_left === 0) return `Today, ${end}, is its last day.`;
  return `Ends ${end}: ${days(clock.days_left)} left.`;
}

/**
 * What the notice on opening the window names: the clocks that end within `days` or ran
 * out within the last `days`. Those overdue for longer (an archive's old ceasefires with
 * no end recorded) are only counted, so that they do not fill the notice every day; the
 * Deadlines page lists them all.
 */
export function noticeOf<T extends { days_left: number | null; overdue: boolean }>(
  deadlines: T[],
  days: number,
): { recent: T[]; longOverdue: number } {
  const recent = deadlines.filter((d) => !d.overdue || (d.days_left !== null && d.days_left >= -days));
  return { recent, longOverdue: deadlines.length - recent.length };
}
