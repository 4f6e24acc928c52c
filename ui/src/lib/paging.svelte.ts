// A long list held a part at a time: the core filters, orders and counts it, and the window
// keeps only the rows in view and a margin either side. The list's question (its search,
// filters, order and date) is in the `fetch` function; a new question drops every answer to
// an older one, and an answer overtaken by a newer one for the same question is dropped too.
import { untrack } from "svelte";

/** A part of a list as the core sends it: its rows from `offset`, and how many in all. */
export type Page<T> = { total: number; offset: number; rows: T[] };

/** Asks the core for `limit` rows from `offset` of the list. */
export type Fetch<T> = (offset: number, limit: number) => Promise<Page<T>>;

/** The rows from `offset` held (or asked for), one past the last. */
type Span = { offset: number; end: number };

export class PagedRows<T> {
  /** How many rows the list has in all, as the last answer said. */
  total = $state(0);
  /** Where the rows held start. */
  offset = $state(0);
  rows = $state.raw<T[]>([]);
  /** False until the first answer to the current question came. */
  loaded = $state(false);
  /** The last refusal, until an answer comes. */
  problem = $state<string | null>(null);

  private fetch: Fetch<T> | null = null;
  /** Bumped with every new question: answers to an older one are dropped. */
  private question = 0;
  /** Numbers each request; an answer older than the one applied is dropped. */
  private asked = 0;
  private applied = 0;
  /** The span of the last request still under way, so that scrolling asks once. */
  private pending: Span | null = null;
  /** The span in view, as last shown. */
  private wanted: Span = { offset: 0, end: 0 };

  /** `margin` rows either side of those in view are asked for with them. */
  constructor(private readonly margin: number = 40) {}

  /** The row at `index`, if it is held. */
  row(index: number): T | undefined {
    const at = index - this.offset;
    return at >= 0 && at < this.rows.length ? this.rows[at] : undefined;
  }

  /** A new question (another search, order or date): the rows held are of no use now.
   *  The rows in view stay until the answer replaces them, so that the list does not flash. */
  ask(fetch: Fetch<T>): Promise<void> {
    this.fetch = fetch;
    this.question += 1;
    this.pending = null;
    // Called from effects: what the request reads of the rows held is no cause to ask again.
    return untrack(() => this.request(this.around(this.wanted)));
  }

  /** The same question again (something was recorded): the rows in view read anew. */
  refresh(): Promise<void> {
    if (!this.fetch) return Promise.resolve();
    this.pending = null;
    return untrack(() => this.request(this.around(this.wanted)));
  }

  /** Rows `first` to `end` (one past the last) are in view: asks for them and the margin
   *  unless they are held or asked for already. */
  show(first: number, end: number): Promise<void> {
    this.wanted = { offset: Math.max(0, first), end: Math.max(first, end) };
    return untrack(() => this.showWanted());
  }

  private showWanted(): Promise<void> {
    if (!this.fetch) return Promise.resolve();
    const need = this.clamp(this.wanted);
    const held = { offset: this.offset, end: this.offset + this.rows.length };
    if (this.loaded && covers(held, need)) return Promise.resolve();
    if (this.pending && covers(this.pending, need)) return Promise.resolve();
    return this.request(this.around(this.wanted, true));
  }

  /** Makes sure row `index` is held, and gives it (undefined past the end). */
  async at(index: number): Promise<T | undefined> {
    const held = this.row(index);
    if (held !== undefined || !this.fetch) return held;
    await this.request(this.around({ offset: index, end: index + 1 }, true));
    return this.row(index);
  }

  /** The span and its margin; cut at the end of the list only for the question whose
   *  count is known (a new question, or the data read anew, may have more rows). */
  private around(span: Span, sameQuestion = false): Span {
    const wide = { offset: Math.max(0, span.offset - this.margin), end: span.end + this.margin };
    return sameQuestion ? this.clamp(wide) : wide;
  }

  /** A span cut at the end of the list, when its length is known. */
  private clamp(span: Span): Span {
    if (!this.loaded) return span;
    const end = Math.min(span.end, this.total);
    return { offset: Math.min(span.offset, end), end };
  }

  private async request(span: Span): Promise<void> {
    const fetch = this.fetch;
    if (!fetch) return;
    const question = this.question;
    const number = ++this.asked;
    this.pending = span;
    try {
      // At least one row, so that the answer carries the count even past the end.
      const page = await fetch(span.offset, Math.max(1, span.end - span.offset));
      if (question !== this.question || number < this.applied) return;
      this.applied = number;
      this.total = page.total;
      this.offset = page.offset;
      this.rows = page.rows;
      this.loaded = true;
      this.problem = null;
    } catch (e) {
      if (question === this.question) this.problem = e instanceof Error ? e.message : String(e);
    } finally {
      if (this.asked === number) this.pending = null;
    }
  }
}

function covers(outer: Span, inner: Span): boolean {
  return outer.offset <= inner.offset && outer.end >= inner.end;
}

/** Keeps only the answer to the latest of a series of questions (what is typed in a search
 *  field, letter by letter): an earlier answer that comes late gives undefined. */
export class Latest {
  private asked = 0;

  async answer<T>(question: Promise<T>): Promise<T | undefined> {
    const number = ++this.asked;
    const answer = await question;
    return number === this.asked ? answer : undefined;
  }
}
