// The report the user has chosen on the Reports page, and the request the core renders
// from it. Kept apart from the page so the rules are tested without a window.
import type { Paper } from "../bindings/Paper";
import type { ProposalStatus } from "../bindings/ProposalStatus";
import type { ReportRequest } from "../bindings/ReportRequest";
import { asOfDay, parseDate } from "../lib/dates";

export type ReportType = "status" | "overview" | "changes" | "process";

/** Which proposals a status report covers. */
export type Coverage = "selected" | "all" | "chosen";

export type ReportChoice = {
  type: ReportType;
  coverage: Coverage;
  /** The proposals ticked when `coverage` is "chosen". */
  chosen: number[];
  /** The overview's one status, or every status. */
  status: ProposalStatus | null;
  /** As typed: YYYY-MM-DD, or a month or year for its last day. */
  asOf: string;
  from: string;
  to: string;
  /** The process whose timeline is printed, by its name as recorded. */
  process: string;
  paper: Paper;
};

/** A request, or what is wrong with the choice and in which field. */
export type Built =
  | { request: ReportRequest }
  | { problem: string; field: "as_of" | "from" | "to" | "proposals" | "process" };

/** Turns the choice into the core's request; `selectedId` is the proposal selected in the window. */
export function buildRequest(choice: ReportChoice, selectedId: number | null, today: string): Built {
  const asOf = asOfDay(choice.asOf, today);
  if (asOf === null) return { problem: notADate(choice.asOf), field: "as_of" };
  const viewpoint = { as_of: asOf, known_on: null };
  const paper = choice.paper;
  switch (choice.type) {
    case "status": {
      let proposals: number[];
      if (choice.coverage === "all") proposals = [];
      else if (choice.coverage === "selected") {
        if (selectedId === null) return { problem: "No proposal is selected: choose one on the Proposals page.", field: "proposals" };
        proposals = [selectedId];
      } else {
        if (choice.chosen.length === 0) return { problem: "Tick at least one proposal.", field: "proposals" };
        proposals = [...choice.chosen];
      }
      return { request: { kind: { type: "status", proposals }, viewpoint, paper } };
    }
    case "overview":
      return { request: { kind: { type: "overview", status: choice.status }, viewpoint, paper } };
    case "changes": {
      // A month or year typed as the start means its first day, as the end its last.
      const from = parseDate(choice.from)?.firstDay ?? null;
      if (from === null) return { problem: notADate(choice.from), field: "from" };
      const to = asOfDay(choice.to, "9999-12-31");
      if (to === null) return { problem: notADate(choice.to), field: "to" };
      if (from > to) return { problem: `The period starts on ${from}, after it ends on ${to}.`, field: "from" };
      return { request: { kind: { type: "changes", from, to }, viewpoint: { as_of: to, known_on: null }, paper } };
    }
    case "process": {
      if (choice.process.trim() === "") return { problem: "Choose a process.", field: "process" };
      return { request: { kind: { type: "process", name: choice.process }, viewpoint, paper } };
    }
  }
}

function notADate(text: string): string {
  return `"${text}" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY`;
}

/** The most characters of a title a file name takes. */
const NAME_TITLE_CHARS = 100;

/** A title as it may stand in a file name on any system: no path separators or characters
 *  Windows refuses, and not so long that the name is refused. */
export function fileNameTitle(title: string): string {
  const clean = title.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, " ").replace(/\s+/g, " ").trim();
  const chars = [...clean];
  if (chars.length <= NAME_TITLE_CHARS) return clean.replace(/[. ]+$/, "");
  const cut = chars.slice(0, NAME_TITLE_CHARS).join("");
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(" "), NAME_TITLE_CHARS / 2));
  return `${atWord.replace(/[. ,;]+$/, "")}…`;
}

/**
 * The file name the save dialog offers: what the report is and its date ("Gaza ceasefire
 * status 2025-02-01.pdf"). `titles` gives the proposals' titles by id.
 */
export function pdfFileName(request: ReportRequest, titles: ReadonlyMap<number, string> = new Map()): string {
  const asOf = request.viewpoint.as_of;
  switch (request.kind.type) {
    case "status": {
      const proposals = request.kind.proposals;
      const title = proposals.length === 1 ? titles.get(proposals[0]) : undefined;
      if (title) return `${fileNameTitle(title)} status ${asOf}.pdf`;
      if (proposals.length === 0) return `Status of all proposals ${asOf}.pdf`;
      return `Status of ${proposals.length} proposals ${asOf}.pdf`;
    }
    case "overview":
      return `Overview of proposals ${asOf}.pdf`;
    case "changes":
      return `Changes ${request.kind.from} to ${request.kind.to}.pdf`;
    case "process":
      return `${fileNameTitle(request.kind.name)} process ${asOf}.pdf`;
  }
}

/**
 * The address of the rendered report under the shell's `report` scheme. `base` is the
 * scheme's root as the platform spells it; `revision` changes whenever the data may have.
 */
export function previewUrl(base: string, request: ReportRequest, revision: number): string {
  return `${base}?request=${encodeURIComponent(JSON.stringify(request))}&revision=${revision}`;
}
