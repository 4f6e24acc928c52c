// Dates as the core writes them (`2025`, `2025-03`, `2025-03-13`: the form is the
// precision) and as people read them ("2025", "March 2025", "13 March 2025").

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export type Precision = "year" | "month" | "day";

export type ParsedDate = {
  iso: string;
  precision: Precision;
  /** The first day the date covers, `YYYY-MM-DD`, for ordering and the timeline. */
  firstDay: string;
  year: number;
  month: number;
  day: number;
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads an ISO date of any precision; null when it is not one or names no real day. */
export function parseDate(text: string): ParsedDate | null {
  const m = FORM.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  // Years before 1000 are refused, as the core refuses them.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const precision: Precision = m[3] !== undefined ? "day" : m[2] !== undefined ? "month" : "year";
  const iso =
    precision === "day"
      ? `${m[1]}-${m[2]}-${m[3]}`
      : precision === "month"
        ? `${m[1]}-${m[2]}`
        : m[1];
  return { iso, precision, firstDay: `${m[1]}-${pad(month)}-${pad(day)}`, year, month, day };
}

/** "13 March 2025", "March 2025", "2025"; an empty string for no date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = parseDate(iso);
  if (!d) return iso;
  const month = MONTHS[d.month - 1];
  switch (d.precision) {
    case "year":
      return String(d.year);
    case "month":
      return `${month} ${d.year}`;
    case "day":
      return `${d.day} ${month} ${d.year}`;
  }
}

/** A UTC timestamp as a local date and time: "13 March 2025, 14:05". */
export function formatTimestamp(timestamp: string): string {
  const t = new Date(timestamp);
  if (Number.isNaN(t.getTime())) return timestamp;
  const date = `${t.getDate()} ${MONTHS[t.getMonth()]} ${t.getFullYear()}`;
  return `${date}, ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** Today in the user's time zone, `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type DateHint = { ok: true; text: string; iso: string } | { ok: false; text: string };

/**
 * What the window says under a date field while it is typed: how the date reads, or
 * what is wrong with it. The core checks again on save; this only helps typing.
 */
export function dateHint(input: string, today: string = todayIso()): DateHint {
  const text = input.trim();
  if (text === "") return { ok: false, text: "Write YYYY-MM-DD, YYYY-MM or YYYY" };
  const d = parseDate(text);
  if (!d) {
    // Still being typed ("2025-0"); a whole form that names no real day ("0000") is not.
    if (/^\d{4}(-\d{0,2}){0,2}$/.test(text) && !FORM.test(text)) {
      return { ok: false, text: "Write YYYY-MM-DD, YYYY-MM or YYYY" };
    }
    return { ok: false, text: `"${text}" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY` };
  }
  if (d.firstDay > today) return { ok: false, text: `${formatDate(d.iso)} is in the future` };
  const note = d.precision === "day" ? "" : d.precision === "month" ? " (month only)" : " (year only)";
  return { ok: true, iso: d.iso, text: `Reads as ${formatDate(d.iso)}${note}` };
}

/** The last day a date of any precision covers, `YYYY-MM-DD`; null when it is not a date. */
export function lastDayOf(text: string): string | null {
  const d = parseDate(text);
  if (!d) return null;
  if (d.precision === "day") return d.firstDay;
  const month = d.precision === "year" ? 12 : d.month;
  const last = new Date(Date.UTC(d.year, month, 0)).getUTCDate();
  return `${d.year}-${pad(month)}-${pad(last)}`;
}

/** Whole days from one `YYYY-MM-DD` day to another. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** The day `days` after a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  const t = new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function monthName(month: number): string {
  return MONTHS[month - 1];
}

/**
 * The day an "as of" entry means: a day as is, a month or a year at its last day (the
 * state at the end of March 2025), never later than today. Null when it is not a date.
 */
export function asOfDay(text: string, today: string = todayIso()): string | null {
  const d = parseDate(text);
  if (!d) return null;
  let day: string;
  switch (d.precision) {
    case "day":
      day = d.iso;
      break;
    case "month":
      day = `${d.iso}-${pad(daysInMonth(d.year, d.month))}`;
      break;
    case "year":
      day = `${d.iso}-12-31`;
      break;
  }
  return day > today ? today : day;
}
