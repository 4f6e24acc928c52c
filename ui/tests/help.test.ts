import { describe, expect, it } from "vitest";
import guide from "../../docs/guide.md?raw";
import { blocks, inline } from "../src/help/markdown";
import { SHORTCUTS } from "../src/help/shortcuts";

describe("the user guide", () => {
  it("reads headings, lists, tables, bold, code and web links, and nothing as HTML", () => {
    const read = blocks("# Guide\n\nSome **bold** and `code`.\n\n- one\n- two\n  more\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n");
    expect(read.map((b) => b.kind)).toEqual(["heading", "paragraph", "list", "table"]);
    expect(inline("Some **bold** and `code`.")).toEqual([
      { kind: "text", text: "Some " },
      { kind: "strong", text: "bold" },
      { kind: "text", text: " and " },
      { kind: "code", text: "code" },
      { kind: "text", text: "." },
    ]);
    expect(inline("[site](https://example.org) [file](docs/x.md)")).toEqual([
      { kind: "link", text: "site", href: "https://example.org" },
      { kind: "text", text: " " },
      { kind: "text", text: "file" },
    ]);
    expect(inline("<img src=x onerror=alert(1)>")).toEqual([{ kind: "text", text: "<img src=x onerror=alert(1)>" }]);
  });

  it("is the guide in docs/, and names every shortcut that works anywhere", () => {
    const read = blocks(guide);
    expect(read[0]).toMatchObject({ kind: "heading", level: 1 });
    const text = guide.replace(/\s+/g, " ");
    for (const shortcut of SHORTCUTS[0].shortcuts.filter((s) => s.keys !== "Ctrl+Q")) {
      expect(text).toContain(`| ${shortcut.keys} |`);
    }
  });
});
