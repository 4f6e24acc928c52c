// The proposals list's question to the core: the status filter and search as the list's
// controls hold them, turned into a `ListRequest`. The core filters, orders and counts.
import type { ListOrder } from "../bindings/ListOrder";
import type { ListRequest } from "../bindings/ListRequest";
import type { ProposalStatus } from "../bindings/ProposalStatus";
import type { Viewpoint } from "../bindings/Viewpoint";
import { api } from "./api";
import type { Labels } from "./vocab";

/** "all", "open" (not closed), "closed", or one status code. */
export type StatusFilter = string;
export type SortKey = ListOrder;

export type ListQuery = { status: StatusFilter; text: string; sort: SortKey };

/** The statuses a filter keeps; null keeps every proposal, those with no status yet too. */
export function statusesOf(filter: StatusFilter, labels: Labels | null): ProposalStatus[] | null {
  if (filter === "all" || labels === null) return null;
  const every = labels.words("proposal_status").map((w) => w.code as ProposalStatus);
  switch (filter) {
    case "all":
      return null;
    case "open":
      return every.filter((s) => !labels.isClosed(s));
    case "closed":
      return every.filter((s) => labels.isClosed(s));
    default:
      return [filter as ProposalStatus];
  }
}

/** The request for `limit` rows from `offset` of the list `query` describes. */
export function listRequest(
  query: ListQuery,
  viewpoint: Viewpoint,
  labels: Labels | null,
  offset = 0,
  limit = 1,
): ListRequest {
  return {
    viewpoint,
    statuses: statusesOf(query.status, labels),
    text: query.text.trim(),
    order: query.sort,
    offset,
    limit,
  };
}

/** Whether a query narrows the list (its count is then "N of M"). */
export function narrows(query: ListQuery): boolean {
  return query.status !== "all" || query.text.trim() !== "";
}

/** A proposal as a picker offers it. */
export type ProposalName = { id: number; title: string };

/** How many proposals a picker offers at once: the user types to narrow them. */
export const PICKER_ROWS = 50;

/** The proposals whose title, proposers or process hold every word of `text`, by title:
 *  the first `PICKER_ROWS` of them, and how many match in all. */
export async function proposalsMatching(
  text: string,
  viewpoint: Viewpoint,
): Promise<{ total: number; found: ProposalName[] }> {
  const page = await api.listPage(
    listRequest({ status: "all", text, sort: "title" }, viewpoint, null, 0, PICKER_ROWS),
  );
  return { total: page.total, found: page.rows.map((p) => ({ id: p.id, title: p.title })) };
}
