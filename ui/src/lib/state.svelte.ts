// What the whole window shares: the vocabularies, the date it shows, the lists, the
// selected proposal and the form that is open. One instance, made by the root component.
import type { ChangeKind } from "../forms/changes";
import type { Condition } from "../bindings/Condition";
import type { Deadline } from "../bindings/Deadline";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { Party } from "../bindings/Party";
import type { ProposalState } from "../bindings/ProposalState";
import type { ProposalSummary } from "../bindings/ProposalSummary";
import type { Restored } from "../bindings/Restored";
import type { Source } from "../bindings/Source";
import type { Viewpoint } from "../bindings/Viewpoint";
import { api, toApiError } from "./api";
import { noticeOf } from "./clock";
import { todayIso } from "./dates";
import { listRequest, narrows, type ListQuery } from "./listing";
import { PagedRows } from "./paging.svelte";
import { Labels } from "./vocab";
import { Reports } from "../reports/reports.svelte";
import { Team } from "../team/team.svelte";

export type Page = "proposals" | "deadlines" | "parties" | "sources" | "reports";

export type Sheet =
  | { kind: "new_proposal" }
  | { kind: "edit_proposal"; proposal: ProposalState }
  | { kind: "record_change"; change?: ChangeKind; condition?: number }
  | { kind: "edit_condition"; condition: Condition }
  | { kind: "new_party" }
  | { kind: "edit_party"; party: Party }
  | { kind: "merge_party"; party: Party }
  | { kind: "new_source" }
  | { kind: "edit_source"; source: Source }
  | { kind: "retract_source"; source: Source }
  | { kind: "retract"; entry: HistoryEntry }
  | { kind: "settings" }
  | { kind: "shortcuts" }
  | { kind: "guide" }
  | { kind: "about" }
  | { kind: "restore" }
  | { kind: "import_dataset" }
  | { kind: "team" };

/** How many days ahead the opening notice looks for ends. */
export const NOTICE_DAYS = 7;

export class AppState {
  labels = $state.raw<Labels | null>(null);
  databasePath = $state("");
  /** True on a database with nothing in it, until the user picks demo data or empty. */
  firstRun = $state(false);
  today = $state(todayIso());
  asOf = $state(todayIso());
  page = $state<Page>("proposals");
  /** The proposals list's search, status filter and order. */
  listQuery = $state<ListQuery>({ status: "all", text: "", sort: "last_change" });
  /** The part of the proposals list the window holds: the rows in view and a margin. */
  readonly list = new PagedRows<ProposalSummary>(40);
  /** How many proposals had been made by the date shown, whatever the list's filter. */
  proposalCount = $state(0);
  /** Every party, for the forms' pickers (hundreds at most, unlike proposals or sources). */
  parties = $state.raw<Party[]>([]);
  /** Bumped whenever the data may have changed: the Parties and Sources pages read their
   *  rows in view again. */
  revision = $state(0);
  selectedId = $state<number | null>(null);
  selected = $state.raw<ProposalState | null>(null);
  sheet = $state.raw<Sheet | null>(null);
  /** True while the open form holds something typed that is not saved. */
  sheetDirty = $state(false);
  /** A changed form about to be closed or replaced: waits for the user to say so. */
  leaving = $state.raw<{ next: Sheet | null } | null>(null);
  /** The source whose page the Sources page shows, if one. */
  sourceId = $state<number | null>(null);
  /** What ends within a week or ran out within one, said once when the window opens. */
  deadlineNotice = $state.raw<Deadline[]>([]);
  /** How many more have run out longer ago than that: counted in the notice, not named. */
  longOverdue = $state(0);
  /** Warnings from the last thing recorded (an unusual move, accepted). */
  warnings = $state.raw<string[]>([]);
  problem = $state<string | null>(null);
  /** What the last whole-file action did, said once (a restore). */
  notice = $state<string | null>(null);
  /** Bumped when the search box should take the focus (Ctrl+F). */
  searchFocus = $state(0);
  asOfFocus = $state(0);
  /** The report chosen on the Reports page, and its printing. */
  readonly reports: Reports = new Reports(this);
  /** The team server this database syncs with, if it joined one. */
  readonly team: Team = new Team(() => this.reload());

  get viewpoint(): Viewpoint {
    return { as_of: this.asOf, known_on: null };
  }

  /** Whether the window shows a past date rather than today. */
  get inThePast(): boolean {
    return this.asOf !== this.today;
  }

  async start(): Promise<void> {
    try {
      // All at once: the list, the longest to come, need not wait for the others.
      const [vocabularies, info] = await Promise.all([api.vocabularies(), api.databaseInfo(), this.reload()]);
      this.databasePath = info.path;
      this.firstRun = info.empty && this.proposalCount === 0 && this.parties.length === 0;
      this.labels = new Labels(vocabularies);
    } catch (e) {
      this.problem = toApiError(e).message;
    }
  }

  /** Reads everything again: after a change, a menu's Reload, or a change from outside. */
  async reload(): Promise<void> {
    this.today = todayIso();
    try {
      const query = { ...this.listQuery };
      const [count, parties] = await Promise.all([
        // The unfiltered count comes with the list's own rows, unless the list is filtered.
        narrows(query)
          ? api.listPage(listRequest({ ...query, status: "all", text: "" }, this.viewpoint, this.labels))
          : null,
        api.listParties(),
        this.askList(),
      ]);
      this.proposalCount = count ? count.total : this.list.total;
      this.parties = parties;
      this.revision += 1;
      this.reports.revision += 1;
      // Data that arrived another way (an import, a restore) ends the first run too.
      if (this.proposalCount > 0 || parties.length > 0) this.firstRun = false;
      const id = this.selectedId;
      if (id !== null) {
        const all = listRequest({ status: "all", text: "", sort: "title" }, this.viewpoint, this.labels);
        // A proposal not made by the date shown is no longer selected.
        if ((await api.listPosition(all, id)) === null && this.selectedId === id) this.selectedId = null;
      }
      await this.loadSelected();
      this.problem = null;
      // What waits to be sent changes with what was recorded.
      void this.team.load();
    } catch (e) {
      this.problem = toApiError(e).message;
    }
  }

  /** Asks for the proposals list anew: its query or date changed, or what it shows. */
  askList(): Promise<void> {
    const query = { ...this.listQuery };
    const viewpoint = this.viewpoint;
    const labels = this.labels;
    return this.list.ask((offset, limit) => api.listPage(listRequest(query, viewpoint, labels, offset, limit)));
  }

  /** Where a proposal is in the list as it is filtered and ordered; null when not in it. */
  positionInList(id: number): Promise<number | null> {
    return api.listPosition(listRequest(this.listQuery, this.viewpoint, this.labels), id);
  }

  /** Reads everything again, or opens the data anew when it could not be opened before. */
  async refresh(): Promise<void> {
    if (this.labels) await this.reload();
    else await this.start();
  }

  /** After a backup was restored: say where the data as it was is kept, and show the new. */
  async restored(restored: Restored): Promise<void> {
    this.show(null);
    this.selectedId = null;
    this.notice = restored.kept
      ? `Restored the backup. The data as it was before is kept in ${restored.kept}.`
      : "Restored the backup.";
    await this.refresh();
  }

  async loadSelected(): Promise<void> {
    const id = this.selectedId;
    if (id === null) {
      this.selected = null;
      return;
    }
    const state = await api.getProposal(id, this.viewpoint);
    // A later selection may have overtaken this answer.
    if (this.selectedId === id) this.selected = state;
  }

  async select(id: number | null): Promise<void> {
    this.selectedId = id;
    try {
      await this.loadSelected();
    } catch (e) {
      this.problem = toApiError(e).message;
    }
  }

  async setAsOf(day: string): Promise<void> {
    this.asOf = day > this.today ? this.today : day;
    await this.reload();
  }

  /** Lists what ended or ends within a week, unless the notice was dismissed today. */
  async noticeDeadlines(): Promise<void> {
    try {
      const settings = await api.getSettings();
      if (settings.deadlines_notice_dismissed_on === this.today) return;
      const deadlines = await api.listDeadlines({ as_of: this.today, known_on: null }, NOTICE_DAYS);
      const { recent, longOverdue } = noticeOf(deadlines, NOTICE_DAYS);
      this.deadlineNotice = recent;
      this.longOverdue = longOverdue;
    } catch {
      // The notice is a courtesy: the Deadlines page says the same.
    }
  }

  /** Hides the notice, and for the rest of the day, in the settings file. */
  dismissDeadlineNotice(): void {
    this.deadlineNotice = [];
    // Not remembered, the notice only comes back when the window opens again.
    api.dismissDeadlinesNotice(this.today).catch(() => {});
  }

  /** Shows a proposal on the Proposals page. */
  async showProposal(id: number): Promise<void> {
    this.page = "proposals";
    await this.select(id);
  }

  /** Shows a source's page, or the list of sources. */
  showSource(id: number | null): void {
    this.page = "sources";
    this.sourceId = id;
  }

  async loadDemo(): Promise<void> {
    try {
      await api.loadDemo();
      this.firstRun = false;
      await this.reload();
      const first = this.selectedId === null ? await this.list.at(0) : undefined;
      if (first) await this.select(first.id);
    } catch (e) {
      this.problem = toApiError(e).message;
    }
  }

  startEmpty(): void {
    this.firstRun = false;
  }

  /** Opens a form; a changed form already open is only replaced once the user says so. */
  open(sheet: Sheet): void {
    if (this.sheet && this.sheetDirty) {
      this.leaving = { next: sheet };
      return;
    }
    this.show(sheet);
  }

  /** Closes the form; a changed one only once the user says so. */
  close(): void {
    if (this.sheet && this.sheetDirty) {
      this.leaving = { next: null };
      return;
    }
    this.show(null);
  }

  /** The user agreed to throw the changed form away. */
  discard(): void {
    this.show(this.leaving?.next ?? null);
  }

  keepEditing(): void {
    this.leaving = null;
  }

  private show(sheet: Sheet | null): void {
    this.warnings = [];
    this.leaving = null;
    this.sheetDirty = false;
    this.sheet = sheet;
  }

  /** After something was recorded: show its warnings and what changed. A change to one
   *  proposal (`changed`) reads only the rows in view again, and its page. */
  async recorded(warnings: string[], select?: number, changed?: number): Promise<void> {
    this.show(null);
    this.warnings = warnings;
    if (select !== undefined) this.selectedId = select;
    if (changed === undefined) await this.reload();
    else await this.reloadProposal();
  }

  /** Reads the rows of the list in view again, then the selected proposal's page: a change
   *  to one proposal can move it in the list, but the count stays. A party added from a
   *  form's picker was read with the whole data already (`PartyPicker`). */
  async reloadProposal(): Promise<void> {
    this.today = todayIso();
    try {
      await this.askList();
      this.revision += 1;
      this.reports.revision += 1;
      await this.loadSelected();
      this.problem = null;
      // What waits to be sent changes with what was recorded.
      void this.team.load();
    } catch (e) {
      this.problem = toApiError(e).message;
    }
  }
}
