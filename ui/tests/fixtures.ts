// Data shaped as the core returns it, for unit tests and the preview page.
import type { ListPage } from "../src/bindings/ListPage";
import type { ListRequest } from "../src/bindings/ListRequest";
import type { NameRequest } from "../src/bindings/NameRequest";
import type { Party } from "../src/bindings/Party";
import type { ProposalState } from "../src/bindings/ProposalState";
import type { ProposalSummary } from "../src/bindings/ProposalSummary";
import type { Source } from "../src/bindings/Source";
import type { Vocabularies } from "../src/bindings/Vocabularies";
import { toRow } from "../src/lib/api";
import vocabulariesJson from "./vocabularies.json";

/** As the core sends them: written by the core's tests (`tests/bindings.rs`). */
export const vocabularies = vocabulariesJson as Vocabularies;

function party(id: number, name: string, kind: Party["kind"], memberOf: Party | null = null): Party {
  return {
    id, uuid: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`, name, kind,
    member_of: memberOf?.id ?? null, member_of_name: memberOf?.name ?? null, note: "",
    recorded_by: "Olena Kovalenko", aliases: [],
  };
}

const usa = party(1, "United States", "state");
const ukraine = party(2, "Ukraine", "state");
const russia = party(3, "Russia", "state");
const putin = party(4, "Vladimir Putin", "person", russia);
const uk = party(5, "United Kingdom", "state");
const dpr = party(6, "Объединённое командование вооружённых формирований Донецкой области", "armed_group");
const arab = party(7, "جامعة الدول العربية", "organization");

export const parties: Party[] = [usa, ukraine, russia, putin, uk, dpr, arab];

export const sources: Source[] = [
  {
    id: 1, uuid: "00000000-0000-4000-9000-000000000001",
    title: "Putin says he supports a ceasefire in principle", outlet: "News agency",
    url: "https://example.org/articles/putin-ceasefire", published_on: "2025-03-16", recorded_by: "Olena Kovalenko", retraction: null
  },
  {
    id: 2, uuid: "00000000-0000-4000-9000-000000000002",
    title: "Joint statement after the Jeddah meeting", outlet: "", url: null, published_on: "2025-03", recorded_by: "Olena Kovalenko", retraction: null
  },
];

const article = { id: 1, title: sources[0].title, outlet: sources[0].outlet, url: sources[0].url };
const jeddah = { id: 2, title: sources[1].title, outlet: "", url: null };

export const summaries: ProposalSummary[] = [
  {
    id: 1, title: "30-day interim ceasefire (Jeddah)", proposed_by: "United States",
    proposed_on: "2025-03-11", kind: "general", process: "Russia–Ukraine war",
    status: "partially_accepted", status_since: "2025-03-13", days_in_status: 622,
    supporters: 2, conditional: 1, opposed: 0, open_conditions: 3, last_change: "2025-03-16", ends_on: null, days_left: null, overdue: false, violations_30_days: 0, implementation: null,
  },
  {
    id: 2, title: "30-day halt on strikes against energy infrastructure", proposed_by: "United States",
    proposed_on: "2025-03-18", kind: "partial", process: "Russia–Ukraine war",
    status: "agreed", status_since: "2025-03-18", days_in_status: 617,
    supporters: 3, conditional: 0, opposed: 0, open_conditions: 0, last_change: "2025-03-18", ends_on: null, days_left: null, overdue: false, violations_30_days: 0, implementation: null,
  },
  {
    id: 3, title: "Перемирие на период уборки урожая в приграничных районах Донецкой и Луганской областей",
    proposed_by: dpr.name, proposed_on: "2024-06", kind: "humanitarian_pause", process: "Russia–Ukraine war",
    status: "collapsed", status_since: "2024-08", days_in_status: 480,
    supporters: 1, conditional: 0, opposed: 2, open_conditions: 0, last_change: "2024-08", ends_on: null, days_left: null, overdue: false, violations_30_days: 0, implementation: null,
  },
  {
    id: 4, title: "UK-led reassurance force", proposed_by: "United Kingdom",
    proposed_on: "2025-03", kind: "general", process: "Russia–Ukraine war",
    status: "floated", status_since: "2025-03", days_in_status: 634,
    supporters: 1, conditional: 0, opposed: 1, open_conditions: 1, last_change: "2025-03", ends_on: null, days_left: null, overdue: false, violations_30_days: 0, implementation: null,
  },
];

export const jeddahState: ProposalState = {
  proposal: {
    id: 1, uuid: "00000000-0000-4000-a000-000000000001", title: summaries[0].title,
    summary: "A 30-day interim ceasefire on the whole front line, put forward by the United States in Jeddah; Ukraine agreed subject to Russia's acceptance.",
    full_text: null, proposed_by: 1, proposed_by_name: "United States", proposed_on: "2025-03-11",
    kind: "general", scope: "the whole front line", duration_days: 30, process: "Russia–Ukraine war",
    supersedes: null, supersedes_title: null,
    co_proposers: [], phase_of: null, phase_of_title: null, phase: null,
  },
  viewpoint: { as_of: "2025-11-25", known_on: null },
  status: "partially_accepted", status_since: "2025-03-13", days_in_status: 257,
  stances: [
    { party_id: 1, party: "United States", role: "mediator", stance: "proposer", since: "2025-03-11", note: "", condition_ids: [] },
    { party_id: 2, party: "Ukraine", role: "party", stance: "supports", since: "2025-03-11", note: "Ready to accept, subject to Russia's acceptance.", condition_ids: [] },
    { party_id: 3, party: "Russia", role: "party", stance: "agrees_in_principle", since: "2025-03-13", note: "We are for it, but there are nuances.", condition_ids: [1, 2, 3] },
  ],
  conditions: [
    { id: 1, text: "Verification of the ceasefire along the whole line", raised_by_id: 3, raised_by: "Russia", directed_at: "Ukraine", kind: "precondition", category: "monitoring", status: "raised", since: "2025-03-13", implementation: null, implemented_since: null },
    { id: 2, text: "No Ukrainian mobilisation or rearmament during the truce", raised_by_id: 3, raised_by: "Russia", directed_at: "Ukraine", kind: "demand", category: "military_limits", status: "under_negotiation", since: "2025-03-16", implementation: null, implemented_since: null },
    { id: 3, text: "A halt to Western arms supplies", raised_by_id: 3, raised_by: "Russia", directed_at: null, kind: "demand", category: "arms_supplies", status: "raised", since: "2025-03-13", implementation: null, implemented_since: null },
  ],
  all_conditions: [],
  timeline: [
    { status: "floated", from: "2025-03-11", until: "2025-03-12" },
    { status: "under_negotiation", from: "2025-03-12", until: "2025-03-13" },
    { status: "partially_accepted", from: "2025-03-13", until: null },
  ],
  history: [
    { id: 1, proposal_id: 1, proposal: summaries[0].title, change: { kind: "status", status: "floated" }, party: null, condition: null, occurred_on: "2025-03-11", recorded_at: "2025-03-17T09:12:00Z", recorded_by: "Olena Kovalenko", note: "", sources: [jeddah], retraction: null, extension: null, violation: null, against: null, words: "Status: Floated" },
    { id: 2, proposal_id: 1, proposal: summaries[0].title, change: { kind: "stance", party: 1, stance: "proposer", role: "mediator" }, party: "United States", condition: null, occurred_on: "2025-03-11", recorded_at: "2025-03-17T09:12:00Z", recorded_by: "Olena Kovalenko", note: "", sources: [jeddah], retraction: null, extension: null, violation: null, against: null, words: "United States: Proposer (Mediator)" },
    { id: 3, proposal_id: 1, proposal: summaries[0].title, change: { kind: "stance", party: 2, stance: "supports", role: "party" }, party: "Ukraine", condition: null, occurred_on: "2025-03-11", recorded_at: "2025-03-17T09:13:00Z", recorded_by: "Olena Kovalenko", note: "Ready to accept, subject to Russia's acceptance.", sources: [jeddah], retraction: null, extension: null, violation: null, against: null, words: "Ukraine: Supports (Party to the conflict)" },
    { id: 4, proposal_id: 1, proposal: summaries[0].title, change: { kind: "status", status: "agreed" }, party: null, condition: null, occurred_on: "2025-03-12", recorded_at: "2025-03-17T09:14:00Z", recorded_by: "Olena Kovalenko", note: "", sources: [], retraction: { at: "2025-03-17T09:20:00Z", reason: "Only Ukraine agreed; entered in error.", recorded_by: "Olena Kovalenko" }, extension: null, violation: null, against: null, words: "Status: Agreed" },
    { id: 5, proposal_id: 1, proposal: summaries[0].title, change: { kind: "status", status: "under_negotiation" }, party: null, condition: null, occurred_on: "2025-03-12", recorded_at: "2025-03-17T09:21:00Z", recorded_by: "Olena Kovalenko", note: "", sources: [], retraction: null, extension: null, violation: null, against: null, words: "Status: Under negotiation" },
    { id: 6, proposal_id: 1, proposal: summaries[0].title, change: { kind: "stance", party: 3, stance: "agrees_in_principle", role: "party" }, party: "Russia", condition: null, occurred_on: "2025-03-13", recorded_at: "2025-03-17T09:25:00Z", recorded_by: "Olena Kovalenko", note: "We are for it, but there are nuances.", sources: [article], retraction: null, extension: null, violation: null, against: null, words: "Russia: Agrees in principle (Party to the conflict)" },
    { id: 7, proposal_id: 1, proposal: summaries[0].title, change: { kind: "status", status: "partially_accepted" }, party: null, condition: null, occurred_on: "2025-03-13", recorded_at: "2025-03-17T09:26:00Z", recorded_by: "Olena Kovalenko", note: "", sources: [article], retraction: null, extension: null, violation: null, against: null, words: "Status: Partially accepted" },
    { id: 8, proposal_id: 1, proposal: summaries[0].title, change: { kind: "condition", condition: 2, status: "under_negotiation" }, party: "Russia", condition: "No Ukrainian mobilisation or rearmament during the truce", occurred_on: "2025-03-16", recorded_at: "2025-03-17T09:30:00Z", recorded_by: "Olena Kovalenko", note: "", sources: [article], retraction: null, extension: null, violation: null, against: null, words: "Condition “No Ukrainian mobilisation or rearmament during the truce” (raised by Russia): Under negotiation" },
  ],
  superseded_by: [],
  edited_on_two_machines: false,
  clock: null,
  phase_of: null,
  phase: null,
  phases: [],
  edits: [],
  violations: [],
  violations_per_week: [],
  implementation: null,
  origins: [],
};
jeddahState.all_conditions = jeddahState.conditions.map((c) => ({
  id: c.id, uuid: `00000000-0000-4000-b000-00000000000${c.id}`, proposal: 1, raised_by: c.raised_by_id,
  raised_by_name: c.raised_by, directed_at: null, directed_at_name: c.directed_at, text: c.text,
  kind: c.kind, category: c.category,
}));

export const cyrillicState: ProposalState = {
  ...jeddahState,
  proposal: {
    ...jeddahState.proposal, id: 3, title: summaries[2].title, proposed_by: 6, proposed_by_name: dpr.name,
    proposed_on: "2024-06", kind: "humanitarian_pause", scope: "приграничные районы", duration_days: null,
    summary: "Предложение о прекращении огня на время уборки урожая. اقتراح وقف إطلاق النار خلال موسم الحصاد.",
  },
  status: "collapsed", status_since: "2024-08", days_in_status: 480,
  stances: [
    { party_id: 6, party: dpr.name, role: "party", stance: "proposer", since: "2024-06", note: "", condition_ids: [] },
    { party_id: 7, party: arab.name, role: "observer", stance: "no_position", since: "2024-07", note: "", condition_ids: [] },
  ],
  conditions: [],
  all_conditions: [],
  timeline: [
    { status: "floated", from: "2024-06", until: "2024-07" },
    { status: "in_effect", from: "2024-07", until: "2024-08" },
    { status: "collapsed", from: "2024-08", until: null },
  ],
  history: [],
};

/** A long list of proposals for the windowed list. */
export function manySummaries(count: number): ProposalSummary[] {
  const statuses = vocabularies.proposal_status.map((w) => w.code) as ProposalSummary["status"][];
  return Array.from({ length: count }, (_, i) => ({
    ...summaries[i % summaries.length],
    id: 1000 + i,
    title: `Proposal ${i + 1}: ${summaries[i % summaries.length].title}`,
    status: statuses[i % statuses.length],
    last_change: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, ends_on: null, days_left: null, overdue: false, violations_30_days: 0, implementation: null,
  }));
}

// What the core answers for the paged lists, worked out here from whole lists the way the
// core's SQL does (`src/store/history/listing.rs`), so tests can stand in for the shell.

function dayKey(iso: string | null): string {
  if (iso === null) return "";
  if (iso.length === 4) return `${iso}-01-01`;
  if (iso.length === 7) return `${iso}-01`;
  return iso;
}

const statusWords = new Map(vocabulariesJson.proposal_status.map((w) => [w.code, w.label.toLowerCase()]));

/** The proposals `request` keeps, in its order. */
export function listed(all: ProposalSummary[], request: ListRequest): ProposalSummary[] {
  const words = request.text.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = all.filter((p) => {
    if (p.proposed_on > request.viewpoint.as_of) return false;
    if (request.statuses !== null && (p.status === null || !request.statuses.includes(p.status))) return false;
    const haystack = [p.title, p.proposed_by, p.process, statusWords.get(p.status ?? "") ?? ""].join(" ").toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  const byTitle = (a: ProposalSummary, b: ProposalSummary) =>
    a.title.toLowerCase().localeCompare(b.title.toLowerCase()) || a.id - b.id;
  if (request.order === "title") return kept.sort(byTitle);
  return kept.sort((a, b) => {
    const [ka, kb] = [dayKey(a.last_change), dayKey(b.last_change)];
    return ka !== kb ? (ka < kb ? 1 : -1) : byTitle(a, b);
  });
}

/** The core's `list_page` over `all`. */
export function listPage(all: ProposalSummary[], request: ListRequest): ListPage {
  const kept = listed(all, request);
  return {
    total: kept.length,
    offset: request.offset,
    rows: kept.slice(request.offset, request.offset + request.limit).map(toRow),
  };
}

/** The core's `list_position` over `all`. */
export function listPosition(all: ProposalSummary[], request: ListRequest, id: number): number | null {
  const at = listed(all, request).findIndex((p) => p.id === id);
  return at === -1 ? null : at;
}

/** The core's `parties_page` or `sources_page` over `all`, named by `name`. */
export function namePage<T>(all: T[], name: (item: T) => string, request: NameRequest): { total: number; offset: number; rows: T[] } {
  const words = request.text.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = all
    .filter((item) => words.every((w) => name(item).toLowerCase().includes(w)))
    .sort((a, b) => name(a).localeCompare(name(b)));
  return { total: kept.length, offset: request.offset, rows: kept.slice(request.offset, request.offset + request.limit) };
}

/** Answers the list commands from whole lists; undefined for any other command. */
export function answerLists(
  cmd: string,
  args: Record<string, unknown>,
  data: { proposals: ProposalSummary[]; parties: Party[]; sources: Source[] },
): unknown {
  switch (cmd) {
    case "list_page":
      return listPage(data.proposals, args.request as ListRequest);
    case "list_position":
      return listPosition(data.proposals, args.request as ListRequest, args.id as number);
    case "list_processes":
      return [...new Set(data.proposals.map((p) => p.process).filter((p) => p !== ""))].sort();
    case "list_parties":
      return data.parties;
    case "parties_page":
      return namePage(data.parties, (p) => p.name, args.request as NameRequest);
    case "sources_page":
      return namePage(data.sources, (s) => `${s.title} ${s.url ?? ""}`, args.request as NameRequest);
    default:
      return undefined;
  }
}
