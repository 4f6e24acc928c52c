// Geometry of the status timeline: one band per stretch of time in a status, on a dated
// axis that runs from the proposal's first status to the date shown.
import type { StatusSpan } from "../bindings/StatusSpan";
import type { ProposalStatus } from "../bindings/ProposalStatus";
import { addDays, daysBetween, formatDate, lastDayOf, monthName, parseDate } from "./dates";

export type Band = {
  status: ProposalStatus;
  from: string;
  until: string | null;
  /** "13 March 2025 – 18 March 2025", or "since 18 March 2025" while it holds. */
  dates: string;
  x: number;
  width: number;
};

export type Tick = { x: number; label: string };

/** Where a ceasefire's clock runs out: the end of its last day covered. */
export type EndMark = { x: number; label: string; overdue: boolean };

/** A violation report under the bands: at its day, or along its period. */
export type ReportMark = {
  id: number;
  x: number;
  /** 0 for a report of one day; the period's length on the axis otherwise. */
  width: number;
  disputed: boolean;
  /** "18 March 2025 – 24 March 2025: Violation reported by Ukraine against Russia (disputed)". */
  label: string;
};

/** What the timeline needs of a violation report. */
export type ReportOnAxis = {
  id: number;
  occurred_on: string;
  until: string | null;
  disputed: boolean;
  words: string;
};

export type TimelineLayout = {
  bands: Band[];
  ticks: Tick[];
  start: string;
  end: string;
  endMark: EndMark | null;
  marks: ReportMark[];
};

function firstDay(iso: string): string {
  return parseDate(iso)?.firstDay ?? iso;
}

/** Ticks at round dates (days, months or years, whichever fits about `maxTicks`). */
export function axisTicks(start: string, end: string, left: number, width: number, maxTicks = 6): Tick[] {
  const span = Math.max(1, daysBetween(start, end));
  const x = (day: string) => left + (daysBetween(start, day) / span) * width;
  const ticks: Tick[] = [];
  const s = parseDate(start);
  if (!s) return ticks;
  if (span <= 45) {
    const step = Math.max(1, Math.ceil(span / maxTicks));
    for (let d = 0; d <= span; d += step) {
      const day = addDays(start, d);
      const p = parseDate(day);
      if (p) ticks.push({ x: x(day), label: `${p.day} ${monthName(p.month).slice(0, 3)}` });
    }
    return ticks;
  }
  const months = Math.ceil(span / 30.44);
  if (months <= 36) {
    const step = Math.max(1, Math.ceil(months / maxTicks));
    let year = s.year;
    let month = s.month + (s.day === 1 ? 0 : 1);
    let lastYear = 0;
    for (;;) {
      if (month > 12) {
        month -= 12;
        year += 1;
      }
      const day = `${year}-${String(month).padStart(2, "0")}-01`;
      if (day > end) break;
      // The year is written on the first tick and wherever it changes.
      const label = year !== lastYear ? `${monthName(month).slice(0, 3)} ${year}` : monthName(month).slice(0, 3);
      ticks.push({ x: x(day), label });
      lastYear = year;
      month += step;
    }
    return ticks;
  }
  const years = Math.ceil(span / 365.25);
  const step = Math.max(1, Math.ceil(years / maxTicks));
  for (let year = s.year + (start.endsWith("-01-01") ? 0 : 1); `${year}-01-01` <= end; year += step) {
    ticks.push({ x: x(`${year}-01-01`), label: String(year) });
  }
  return ticks;
}

export function layoutTimeline(
  spans: StatusSpan[],
  asOf: string,
  left: number,
  width: number,
  clock: { ends_on: string | null; overdue: boolean } | null = null,
  reports: ReportOnAxis[] = [],
): TimelineLayout | null {
  if (spans.length === 0) return null;
  const start = firstDay(spans[0].from);
  let end = asOf;
  for (const span of spans) {
    if (span.until && firstDay(span.until) > end) end = firstDay(span.until);
  }
  // A proposal made today still gets an axis a day long, so its band can be seen.
  if (end <= start) end = addDays(start, 1);
  // The axis reaches past a ceasefire's end still to come, so that the end can be seen.
  const runsOut = clock?.ends_on ? addDays(firstDay(clock.ends_on), 1) : null;
  const openUntil = end;
  if (runsOut && runsOut > end) end = addDays(runsOut, Math.max(1, Math.round(daysBetween(start, runsOut) / 20)));
  const total = daysBetween(start, end);
  const x = (day: string) => left + (daysBetween(start, day) / total) * width;
  const bands = spans.map((span) => {
    const from = firstDay(span.from);
    const until = span.until ? firstDay(span.until) : openUntil;
    const x0 = x(from);
    const dates = span.until
      ? `${formatDate(span.from)} – ${formatDate(span.until)}`
      : `since ${formatDate(span.from)}`;
    return {
      status: span.status,
      from: span.from,
      until: span.until,
      dates,
      x: x0,
      width: Math.max(3, x(until) - x0),
    };
  });
  const endMark =
    clock?.ends_on && runsOut
      ? { x: x(runsOut), label: `ends ${formatDate(clock.ends_on)}`, overdue: clock.overdue }
      : null;
  // Reports from before the first status or after the axis's end are left off the drawing
  // (the Violations list has them all); a period is clipped to the axis.
  const marks = reports.flatMap((report) => {
    const from = firstDay(report.occurred_on);
    const to = report.until ? (lastDayOf(report.until) ?? from) : from;
    if (to < start || from > end) return [];
    const x0 = x(from < start ? start : from);
    const x1 = report.until ? x(addDays(to > end ? end : to, 1)) : x0;
    const dates = report.until
      ? `${formatDate(report.occurred_on)} – ${formatDate(report.until)}`
      : formatDate(report.occurred_on);
    return [{
      id: report.id,
      x: x0,
      width: Math.max(0, x1 - x0),
      disputed: report.disputed,
      label: `${dates}: ${report.words}${report.disputed ? " (disputed: the accused denies it)" : ""}`,
    }];
  });
  return { bands, ticks: axisTicks(start, end, left, width), start, end, endMark, marks };
}
