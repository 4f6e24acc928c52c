// The little of Markdown the user guide (docs/guide.md) is written in, read into blocks the
// window draws as elements: headings, paragraphs, lists and tables, with bold, code and web
// links inside. Nothing is ever handed to the page as HTML.

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "code"; text: string }
  | { kind: "link"; text: string; href: string };

export type Block =
  | { kind: "heading"; level: number; text: Inline[]; id: string }
  | { kind: "paragraph"; text: Inline[] }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "table"; head: Inline[][]; rows: Inline[][][] };

const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Bold, code and links within a line of text. A link that is not a web page is its text. */
export function inline(text: string): Inline[] {
  const parts: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) parts.push({ kind: "text", text: text.slice(at, m.index) });
    if (m[1] !== undefined) parts.push({ kind: "strong", text: m[1] });
    else if (m[2] !== undefined) parts.push({ kind: "code", text: m[2] });
    else if (/^https?:\/\//.test(m[4])) parts.push({ kind: "link", text: m[3], href: m[4] });
    else parts.push({ kind: "text", text: m[3] });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ kind: "text", text: text.slice(at) });
  return parts;
}

/** A heading's anchor: its words in lower case, joined by hyphens. */
export function anchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim());
}

export function blocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i += 1;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      out.push({ kind: "heading", level: heading[1].length, text: inline(heading[2]), id: anchor(heading[2]) });
      i += 1;
      continue;
    }
    const item = /^\s*(?:([-*])|(\d+)\.)\s+/;
    if (item.test(line)) {
      const ordered = item.exec(line)?.[2] !== undefined;
      const items: string[] = [];
      while (i < lines.length && lines[i].trim() !== "") {
        if (item.test(lines[i])) items.push(lines[i].replace(item, ""));
        else items[items.length - 1] += ` ${lines[i].trim()}`;
        i += 1;
      }
      out.push({ kind: "list", ordered, items: items.map(inline) });
      continue;
    }
    if (line.trim().startsWith("|") && i + 1 < lines.length && /^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1])) {
      const head = cells(line).map(inline);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && lines[i].trim().startsWith("|")) {
        rows.push(cells(lines[i]).map(inline));
        i += 1;
      }
      out.push({ kind: "table", head, rows });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() !== "" && !/^#{1,6}\s/.test(lines[i]) && !item.test(lines[i])) {
      paragraph.push(lines[i].trim());
      i += 1;
    }
    out.push({ kind: "paragraph", text: inline(paragraph.join(" ")) });
  }
  return out;
}
