import { describe, expect, it } from "vitest";
import { Latest, PagedRows, type Page } from "../src/lib/paging.svelte";

/** A list of `total` numbers, answered at once, that records what was asked. */
function numbers(total: number) {
  const asked: { offset: number; limit: number }[] = [];
  const fetch = async (offset: number, limit: number): Promise<Page<number>> => {
    asked.push({ offset, limit });
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
    return { total, offset, rows };
  };
  return { asked, fetch };
}

/** A fetch whose answers come when the test says. */
function held<T>() {
  const waiting: { offset: number; limit: number; answer: (page: Page<T>) => void }[] = [];
  const fetch = (offset: number, limit: number) =>
    new Promise<Page<T>>((answer) => waiting.push({ offset, limit, answer }));
  return { waiting, fetch };
}

describe("a list held a part at a time", () => {
  it("asks for the rows in view and a margin either side, with the count", async () => {
    const list = new PagedRows<number>(10);
    const { asked, fetch } = numbers(10_000);
    await list.ask(fetch);
    await list.show(0, 8);
    expect(list.total).toBe(10_000);
    expect(list.row(0)).toBe(0);
    expect(list.row(7)).toBe(7);
    await list.show(5000, 5008);
    expect(asked.at(-1)).toEqual({ offset: 4990, limit: 28 });
    expect(list.row(4990)).toBe(4990);
    expect(list.row(5017)).toBe(5017);
    // Only what was last asked for is held: the window never holds the whole list.
    expect(list.row(0)).toBeUndefined();
    expect(list.rows.length).toBe(28);
  });

  it("does not ask again for rows it holds or has asked for", async () => {
    const list = new PagedRows<number>(10);
    const { asked, fetch } = numbers(1000);
    await list.ask(fetch);
    await list.show(100, 108);
    const count = asked.length;
    await list.show(102, 110);
    await list.show(95, 103);
    expect(asked.length).toBe(count);
    await list.show(300, 308);
    expect(asked.length).toBe(count + 1);
  });

  it("stops at the end of the list", async () => {
    const list = new PagedRows<number>(10);
    const { asked, fetch } = numbers(25);
    await list.ask(fetch);
    await list.show(20, 30);
    expect(asked.at(-1)).toEqual({ offset: 10, limit: 15 });
    expect(list.rows).toEqual(Array.from({ length: 15 }, (_, i) => 10 + i));
  });

  it("asks a new question for the rows in view and the margin, whatever the last count", async () => {
    const list = new PagedRows<number>(10);
    await list.ask(numbers(0).fetch);
    expect(list.total).toBe(0);
    const { asked, fetch } = numbers(4);
    await list.ask(fetch);
    expect(asked).toEqual([{ offset: 0, limit: 10 }]);
    expect(list.rows).toEqual([0, 1, 2, 3]);
  });

  it("drops an answer to an older question that comes after the new one", async () => {
    const list = new PagedRows<string>(0);
    const old = held<string>();
    const fresh = held<string>();
    list.show(0, 2);
    const first = list.ask(old.fetch);
    const second = list.ask(fresh.fetch);
    fresh.waiting[0].answer({ total: 1, offset: 0, rows: ["energy truce"] });
    await second;
    old.waiting[0].answer({ total: 2, offset: 0, rows: ["every", "proposal"] });
    await first;
    expect(list.rows).toEqual(["energy truce"]);
    expect(list.total).toBe(1);
  });

  it("drops an answer overtaken by a later one for the same question", async () => {
    const list = new PagedRows<number>(0);
    const { waiting, fetch } = held<number>();
    list.ask(fetch);
    waiting[0].answer({ total: 100, offset: 0, rows: [0, 1] });
    await Promise.resolve();
    await Promise.resolve();
    const far = list.show(50, 52);
    const farther = list.show(90, 92);
    waiting[2].answer({ total: 100, offset: 90, rows: [90, 91] });
    await farther;
    waiting[1].answer({ total: 100, offset: 50, rows: [50, 51] });
    await far;
    expect(list.offset).toBe(90);
    expect(list.rows).toEqual([90, 91]);
  });

  it("finds a row that is not held, for the keys that move past the rows in view", async () => {
    const list = new PagedRows<number>(5);
    const { fetch } = numbers(500);
    await list.ask(fetch);
    await list.show(0, 10);
    expect(await list.at(499)).toBe(499);
    expect(await list.at(500)).toBeUndefined();
  });

  it("keeps the rows in view until the answer to a new question replaces them", async () => {
    const list = new PagedRows<number>(0);
    await list.ask(numbers(10).fetch);
    await list.show(0, 3);
    const { waiting, fetch } = held<number>();
    const asked = list.ask(fetch);
    expect(list.rows).toEqual([0, 1, 2]);
    waiting[0].answer({ total: 0, offset: 0, rows: [] });
    await asked;
    expect(list.total).toBe(0);
    expect(list.rows).toEqual([]);
  });

  it("says what went wrong, and forgets it once an answer comes", async () => {
    const list = new PagedRows<number>(0);
    await list.ask(async () => {
      throw new Error("the database is locked");
    });
    expect(list.problem).toBe("the database is locked");
    await list.ask(numbers(3).fetch);
    expect(list.problem).toBeNull();
  });
});

describe("the latest answer of a search typed letter by letter", () => {
  it("gives nothing for an answer that came after a later question's", async () => {
    const latest = new Latest();
    let answerG!: (found: string[]) => void;
    const g = latest.answer(new Promise<string[]>((answer) => (answerG = answer)));
    const ga = latest.answer(Promise.resolve(["Gaza truce"]));
    expect(await ga).toEqual(["Gaza truce"]);
    answerG(["Gaza truce", "Georgia"]);
    expect(await g).toBeUndefined();
  });
});
