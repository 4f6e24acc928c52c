// Filtering and ordering of the proposals list.
import type { ProposalSummary } from "../bindings/ProposalSummary";
import type { Labels } from "./vocab";

/** "all", "open" (not closed), "closed", or one status code. */
export type StatusFilter = string;
export type SortKey = "last_change" | "title";

export type ListQuery = { status: StatusFilter; text: string; sort: SortKey };

function matchesStatus(p: ProposalSummary, filter: StatusFilter, labels: Labels): boolean {
  switch (filter) {
    case "all":
      return true;
    case "open":
      return p.status !== null && !labels.isClosed(p.status);
    case "closed":
      return labels.isClosed(p.status);
    default:
      return p.status === filter;
  }
}

/** Every word typed must appear in the title, proposer, process or status. */
function matchesText(p: ProposalSummary, words: string[], labels: Labels): boolean {
  if (words.length === 0) return true;
  const haystack = [p.title, p.proposed_by, p.process, labels.status(p.status)]
    .join(" ")
    .toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}

function byTitle(a: ProposalSummary, b: ProposalSummary): number {
  return a.title.localeCompare(b.title) || a.id - b.id;
}

// ISO dates of mixed precision compare by their first day: "2025-03" sorts as 2025-03-01,
// which is what plain string order gives for these forms, except that "2025-03" must not
// sort after "2025-03-01". Pad to a full day for the comparison.
function dayKey(iso: string | null): string | null {
  if (iso === null) return null;
  if (iso.length === 4) return `${iso}-01-01`;
  if (iso.length === 7) return `${iso}-01`;
  return iso;
}

export function filterAndSort(
  proposals: ProposalSummary[],
  query: ListQuery,
  labels: Labels,
): ProposalSummary[] {
  const words = query.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const kept = proposals.filter(
    (p) => matchesStatus(p, query.status, labels) && matchesText(p, words, labels),
  );
  if (query.sort === "title") return kept.sort(byTitle);
  // Newest change first; a proposal with no change yet (not made by the date asked) last.
  // Positions are sorted beside keys worked out once: ten thousand lines are sorted after
  // every change, and a day's key is most often the date itself.
  const keys = kept.map((p) => dayKey(p.last_change) ?? "");
  const order = kept.map((_, i) => i);
  order.sort((i, j) => (keys[i] !== keys[j] ? (keys[i] < keys[j] ? 1 : -1) : byTitle(kept[i], kept[j])));
  return order.map((i) => kept[i]);
}
