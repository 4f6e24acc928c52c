// The Reports page's state: the report chosen, and printing or exporting it. It lives with
// the window's state so that the menu's Print and Export PDF work from any page.
import type { ReportRequest } from "../bindings/ReportRequest";
import { api, toApiError } from "../lib/api";
import { addDays } from "../lib/dates";
import { buildRequest, pdfFileName, type Built, type ReportChoice } from "./choice";

/** What the reports need to know of the window. */
export type WindowView = {
  readonly selectedId: number | null;
  readonly today: string;
  readonly asOf: string;
  /** The selected proposal, for its title in a PDF's file name. */
  readonly selected: { readonly proposal: { readonly id: number; readonly title: string } } | null;
};

export type Problem = { message: string; field: string | null };

export class Reports {
  choice = $state<ReportChoice>({
    type: "status",
    coverage: "all",
    chosen: [],
    status: null,
    asOf: "",
    from: "",
    to: "",
    process: "",
    paper: "a4",
  });
  /** What is under way: nothing, printing, or writing a PDF. */
  busy = $state<"print" | "export" | null>(null);
  /** How the last print or export went. */
  note = $state<string | null>(null);
  problem = $state.raw<Problem | null>(null);
  /** Bumped when the data may have changed, so the preview is fetched again. */
  revision = $state(0);
  /** The titles of the proposals ticked, for a PDF's file name. */
  readonly chosenTitles = new Map<number, string>();
  private prepared = false;

  constructor(private readonly app: WindowView) {}

  /**
   * Fills in what the user has not chosen yet from the window: its as-of date, its
   * selected proposal, and the week up to that date for the changes briefing.
   */
  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    const asOf = this.app.asOf;
    this.choice.asOf = asOf;
    this.choice.to = asOf;
    this.choice.from = addDays(asOf, -7);
    this.choice.coverage = this.app.selectedId === null ? "all" : "selected";
  }

  get built(): Built {
    return buildRequest(this.choice, this.app.selectedId, this.app.today);
  }

  async print(): Promise<void> {
    await this.run("print", async (request) => {
      const printed = await api.printReport(request);
      return printed.outcome === "done" ? "Sent to the printer." : null;
    });
  }

  async exportPdf(): Promise<void> {
    await this.run("export", async (request) => {
      const titles = new Map(this.chosenTitles);
      const selected = this.app.selected?.proposal;
      if (selected) titles.set(selected.id, selected.title);
      const printed = await api.exportPdf(request, pdfFileName(request, titles));
      return printed.outcome === "done" ? `Saved as ${printed.path ?? "PDF"}` : null;
    });
  }

  /** One print or export at a time: a second Ctrl+P while a dialog is open is ignored. */
  private async run(
    what: "print" | "export",
    action: (request: ReportRequest) => Promise<string | null>,
  ): Promise<void> {
    if (this.busy !== null) return;
    this.prepare();
    const built = this.built;
    if ("problem" in built) {
      this.problem = { message: built.problem, field: built.field };
      return;
    }
    this.busy = what;
    this.note = null;
    this.problem = null;
    try {
      this.note = await action(built.request);
    } catch (e) {
      const error = toApiError(e);
      this.problem = { message: error.message, field: error.field };
    } finally {
      this.busy = null;
    }
  }
}
