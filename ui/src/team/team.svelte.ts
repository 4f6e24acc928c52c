// The team this database belongs to, as the header and the Team sheet show it, and the
// syncing: on demand (Sync now, Ctrl+Shift+S) and every few minutes while the server answers.
import type { Synced } from "../bindings/Synced";
import type { TeamStatus } from "../bindings/TeamStatus";
import { api, toApiError, type ApiError } from "../lib/api";

/** How often the window syncs on its own. */
export const SYNC_EVERY_MS = 5 * 60 * 1000;

/** Refusals after which syncing again on a timer cannot help: the user must act first. A
 *  viewer's refused push is not one: the records of the others still come in before it. */
const NEEDS_THE_USER = ["wrong_password", "not_joined", "no_keyring", "team_server"];

export class Team {
  status = $state.raw<TeamStatus | null>(null);
  syncing = $state(false);
  /** What the last sync brought, since the window opened. */
  last = $state.raw<Synced | null>(null);
  /** Why the last sync failed, until one succeeds. */
  problem = $state.raw<ApiError | null>(null);
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly changed: () => Promise<void>) {}

  get joined(): boolean {
    return this.status?.joined ?? false;
  }

  /** Reads the team's state from the file (no network). */
  async load(): Promise<void> {
    try {
      this.status = await api.teamStatus();
    } catch {
      // The header's line is a courtesy; the Team sheet says what is wrong when opened.
    }
  }

  /** Syncs now; a sync already under way is not doubled. True when it worked. */
  async sync(): Promise<boolean> {
    if (this.syncing || !this.joined) return false;
    this.syncing = true;
    try {
      const synced = await api.syncNow();
      this.last = synced;
      this.problem = null;
      if (synced.pulled > 0) await this.changed();
      return true;
    } catch (e) {
      this.problem = toApiError(e);
      return false;
    } finally {
      this.syncing = false;
      await this.load();
    }
  }

  /** Starts syncing every few minutes; a refusal the user must answer first stops it. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      if (this.joined && !(this.problem && NEEDS_THE_USER.includes(this.problem.code))) void this.sync();
    }, SYNC_EVERY_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** The header's quiet line: synced, offline, and what waits to be sent. */
  get line(): string {
    const status = this.status;
    if (!status?.joined) return "";
    const waiting = status.waiting > 0 ? ` · ${status.waiting} waiting` : "";
    if (this.syncing) return `Syncing…${waiting}`;
    if (this.problem?.code === "server_unreachable") return `Offline${waiting}`;
    if (this.problem?.code === "wrong_password") return "Password needed";
    if (this.problem?.code === "not_allowed") return `Not sent${waiting}`;
    if (this.problem) return `Sync failed${waiting}`;
    if (!status.synced_at) return `Not synced yet${waiting}`;
    return `Synced ${sinceWords(status.synced_at)}${waiting}`;
  }

  /** The same, in whole sentences, for the line's tooltip. */
  get tooltip(): string {
    const status = this.status;
    if (!status?.joined) return "";
    const waiting =
      status.waiting > 0
        ? ` ${status.waiting} record${status.waiting === 1 ? "" : "s"} made here ${status.waiting === 1 ? "is" : "are"} waiting to be sent.`
        : " Nothing is waiting to be sent.";
    const state = this.problem ? asSentence(this.problem.message) : `${this.line}.`;
    return `${state}${waiting} Open the Team sheet, or Sync now (Ctrl+Shift+S).`;
  }
}

/** The core's message as a sentence of its own: a capital first, a full stop last. */
export function asSentence(message: string): string {
  const text = message.trim();
  if (text === "") return text;
  const capital = text[0].toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** "just now", "12 min ago", "at 14:05", "on 3 December". */
export function sinceWords(timestamp: string, now: Date = new Date()): string {
  const then = new Date(timestamp);
  if (Number.isNaN(then.getTime())) return "";
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (then.toDateString() === now.toDateString()) {
    return `at ${then.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}`;
  }
  return `on ${then.toLocaleDateString("en-GB", { day: "numeric", month: "long" })}`;
}
