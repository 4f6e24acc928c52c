// Every call into the desktop shell goes through this module, so that components stay
// free of IPC details and tests can stand in for the shell with `mockIPC`.
import { convertFileSrc, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

import type { Backups } from "../bindings/Backups";
import type { DatabaseInfo } from "../bindings/DatabaseInfo";
import type { DatasetInfo } from "../bindings/DatasetInfo";
import type { DatasetKind } from "../bindings/DatasetKind";
import type { DatasetSummary } from "../bindings/DatasetSummary";
import type { Deadline } from "../bindings/Deadline";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ListPage } from "../bindings/ListPage";
import type { ListRequest } from "../bindings/ListRequest";
import type { NameRequest } from "../bindings/NameRequest";
import type { NewCondition } from "../bindings/NewCondition";
import type { NewEvent } from "../bindings/NewEvent";
import type { NewParty } from "../bindings/NewParty";
import type { NewProposal } from "../bindings/NewProposal";
import type { NewSource } from "../bindings/NewSource";
import type { Party } from "../bindings/Party";
import type { PartyPage } from "../bindings/PartyPage";
import type { ProposalState } from "../bindings/ProposalState";
import type { ProposalSummary } from "../bindings/ProposalSummary";
import type { Recorded } from "../bindings/Recorded";
import type { ReportRequest } from "../bindings/ReportRequest";
import type { Restored } from "../bindings/Restored";
import type { AnalystSettings } from "../bindings/shell/AnalystSettings";
import type { JoinedTeam } from "../bindings/shell/JoinedTeam";
import type { MenuAction } from "../bindings/shell/MenuAction";
import type { Printed } from "../bindings/shell/Printed";
import type { Source } from "../bindings/Source";
import type { SourcePage } from "../bindings/SourcePage";
import type { SummaryRow } from "../bindings/SummaryRow";
import type { Synced } from "../bindings/Synced";
import type { TeamStatus } from "../bindings/TeamStatus";
import type { Viewpoint } from "../bindings/Viewpoint";
import type { Vocabularies } from "../bindings/Vocabularies";
import type { Page } from "./paging.svelte";

export type { AnalystSettings, JoinedTeam, MenuAction, Printed };

/**
 * The code of a refusal: one the shell sends (`ErrorCode`), or `error` for a rejection that
 * is not one of the shell's replies (Tauri refuses a call it cannot read with a bare string).
 */
export type RefusalCode = ErrorCode | "error";

/** A refusal from the shell: `field` names the form field the message belongs next to. */
export class ApiError extends Error {
  readonly code: RefusalCode;
  readonly field: string | null;

  constructor(code: RefusalCode, message: string, field: string | null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
  }
}

/** Turns whatever a rejected call gave into an `ApiError`. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (reason && typeof reason === "object") {
    const r = reason as { code?: unknown; message?: unknown; field?: unknown };
    if (typeof r.message === "string") {
      return new ApiError(
        // The shell's replies carry an `ErrorCode`; the type is generated from the same enum.
        typeof r.code === "string" ? (r.code as ErrorCode) : "error",
        r.message,
        typeof r.field === "string" && r.field !== "" ? r.field : null,
      );
    }
  }
  return new ApiError("error", typeof reason === "string" ? reason : String(reason), null);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const api = {
  windowShown: () => call<null>("window_shown"),
  vocabularies: () => call<Vocabularies>("vocabularies"),
  databaseInfo: () => call<DatabaseInfo>("database_info"),
  loadDemo: () => call<boolean>("load_demo"),
  /** A part of the proposals list, filtered, ordered and counted by the core. */
  listPage: async (request: ListRequest): Promise<Page<ProposalSummary>> => {
    const page = await call<ListPage>("list_page", { request });
    return { total: page.total, offset: page.offset, rows: page.rows.map(fromRow) };
  },
  /** Where a proposal is in the list `request` describes; null when it is not in it. */
  listPosition: (request: ListRequest, id: number) => call<number | null>("list_position", { request, id }),
  /** The names of the conflicts and peace processes proposals belong to, in order. */
  listProcesses: () => call<string[]>("list_processes"),
  getProposal: (id: number, viewpoint: Viewpoint) =>
    call<ProposalState>("get_proposal", { id, viewpoint }),
  addProposal: (proposal: NewProposal) => call<Recorded>("add_proposal", { proposal }),
  /** `proposal` is the whole description: what it leaves out is cleared. */
  editProposal: (id: number, proposal: NewProposal) => call<null>("edit_proposal", { id, proposal }),
  recordEvent: (event: NewEvent) => call<Recorded>("record_event", { event }),
  addCondition: (condition: NewCondition) => call<Recorded>("add_condition", { condition }),
  editCondition: (id: number, condition: NewCondition) => call<null>("edit_condition", { id, condition }),
  retractEvent: (id: number, reason: string) => call<null>("retract_event", { id, reason }),
  listParties: () => call<Party[]>("list_parties"),
  partiesPage: (request: NameRequest) => call<PartyPage>("parties_page", { request }),
  addParty: (party: NewParty) => call<number>("add_party", { party }),
  editParty: (id: number, party: NewParty) => call<null>("edit_party", { id, party }),
  /** `party` becomes one with `into`, which keeps its name. */
  mergeParty: (party: number, into: number) => call<null>("merge_party", { party, into }),
  sourcesPage: (request: NameRequest) => call<SourcePage>("sources_page", { request }),
  searchSources: (text: string, limit: number) => call<Source[]>("search_sources", { text, limit }),
  addSource: (source: NewSource) => call<number>("add_source", { source }),
  getSource: (id: number) => call<Source>("get_source", { id }),
  entriesCiting: (source: number) => call<HistoryEntry[]>("entries_citing", { source }),
  editSource: (id: number, source: NewSource) => call<null>("edit_source", { id, source }),
  retractSource: (id: number, reason: string) => call<null>("retract_source", { id, reason }),
  listDeadlines: (viewpoint: Viewpoint, within: number | null) =>
    call<Deadline[]>("list_deadlines", { viewpoint, within }),
  getSettings: () => call<AnalystSettings>("get_settings"),
  setAnalystName: (name: string) => call<AnalystSettings>("set_analyst_name", { name }),
  dismissDeadlinesNotice: (day: string) => call<null>("dismiss_deadlines_notice", { day }),
  printReport: (request: ReportRequest) => call<Printed>("print_report", { request }),
  exportPdf: (request: ReportRequest, fileName: string) =>
    call<Printed>("export_pdf", { request, fileName }),
  listBackups: () => call<Backups>("list_backups"),
  restoreBackup: (path: string) => call<Restored>("restore_backup", { path }),
  /** Asks for a backup file in the system's dialog; null when the dialog is cancelled. */
  restoreChosenBackup: () => call<Restored | null>("restore_chosen_backup"),
  datasetKinds: () => call<DatasetInfo[]>("dataset_kinds"),
  /** Asks for a dataset's CSV file in the system's dialog; null when it is cancelled. */
  chooseDatasetFile: () => call<string | null>("choose_dataset_file"),
  /** What importing the file would do; writes nothing. */
  previewDataset: (kind: DatasetKind, file: string) => call<DatasetSummary>("preview_dataset", { kind, file }),
  /** Imports the file in one transaction; `onDatasetProgress` hears how far it has got. */
  importDataset: (kind: DatasetKind, file: string) => call<DatasetSummary>("import_dataset", { kind, file }),
  teamStatus: () => call<TeamStatus>("team_status"),
  chooseCaFile: () => call<string | null>("choose_ca_file"),
  /** `caFile` is empty for a server on this machine. */
  joinTeam: (url: string, user: string, password: string, caFile: string) =>
    call<JoinedTeam>("join_team", { url, user, password, caFile }),
  syncNow: () => call<Synced>("sync_now"),
};

/** A proposal's line as the list sends it (an array, see `SummaryRow`), as an object. */
export function fromRow(row: SummaryRow): ProposalSummary {
  const [id, title, proposed_by, proposed_on, kind, process, status, status_since, days_in_status] = row;
  const [
    supporters, conditional, opposed, open_conditions, last_change, ends_on, days_left, overdue,
    violations_30_days, implementation,
  ] = row.slice(9) as [
    number, number, number, number, SummaryRow[13], SummaryRow[14], SummaryRow[15], boolean, number, SummaryRow[18],
  ];
  return {
    id, title, proposed_by, proposed_on, kind, process, status, status_since, days_in_status,
    supporters, conditional, opposed, open_conditions, last_change, ends_on, days_left, overdue,
    violations_30_days, implementation,
  };
}

/** The other way, for whatever stands in for the shell. */
export function toRow(p: ProposalSummary): SummaryRow {
  return [
    p.id, p.title, p.proposed_by, p.proposed_on, p.kind, p.process, p.status, p.status_since, p.days_in_status,
    p.supporters, p.conditional, p.opposed, p.open_conditions, p.last_change, p.ends_on, p.days_left, p.overdue,
    p.violations_30_days, p.implementation,
  ];
}

/** Where the shell serves rendered reports (`report://localhost/` on Linux and macOS). */
export function reportBase(): string {
  try {
    return convertFileSrc("", "report");
  } catch {
    // Outside the shell there is no such scheme; the address is then only a name.
    return "report://localhost/";
  }
}

/** Listens to the native menu; resolves to a function that stops listening. */
export function onMenu(handler: (action: MenuAction) => void): Promise<UnlistenFn> {
  return listen<MenuAction>("menu", (event) => handler(event.payload));
}

/** Listens to the progress of a dataset import. */
export function onDatasetProgress(handler: (progress: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>("dataset-progress", (event) => handler(event.payload));
}

/** Listens for changes made outside the window (an import, a restore). */
export function onDataChanged(handler: () => void): Promise<UnlistenFn> {
  return listen("data-changed", () => handler());
}
