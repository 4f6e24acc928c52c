// The source field: a known source picked by its title or URL, or a new one typed in.
import type { Source } from "../bindings/Source";
import type { SourceChoice } from "../bindings/SourceChoice";
import { api } from "../lib/api";
import { dateHint, parseDate } from "../lib/dates";

/** How many known sources the field suggests at most. */
export const SUGGESTIONS = 20;

/** What a new source is given beside the text typed: the other of its title and link, and
 *  when it was published. */
export type SourceDetails = { other?: string; published?: string };

export function findSource(text: string, sources: Source[]): Source | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return sources.find((s) => s.title === t || (s.url !== null && s.url === t));
}

export function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text.trim());
}

/** The sources to send with a record: none, a known one, or a new one. A new source typed
 *  as a link takes its title from `details.other`, and the other way round. */
export function sourceChoices(
  text: string,
  outlet: string,
  sources: Source[],
  details: SourceDetails = {},
): SourceChoice[] {
  const t = text.trim();
  if (t === "") return [];
  const known = findSource(t, sources);
  if (known) return [{ type: "known", id: known.id }];
  const other = details.other?.trim() ?? "";
  const url = isUrl(t) ? t : other !== "" ? other : null;
  const title = isUrl(t) ? (other !== "" ? other : t) : t;
  const published = details.published?.trim() ?? "";
  return [
    {
      type: "new",
      source: {
        title,
        outlet: outlet.trim(),
        url,
        published_on: published !== "" && parseDate(published) ? (parseDate(published)?.iso ?? null) : null,
      },
    },
  ];
}

/** The sources to send with a record, the core telling whether the text names a known one. */
export async function chosenSources(text: string, outlet: string, details: SourceDetails = {}): Promise<SourceChoice[]> {
  const t = text.trim();
  if (t === "") return [];
  return sourceChoices(t, outlet, await api.searchSources(t, 1), details);
}

/** What is wrong with a new source's details, by field (`source-other`, `source-published`).
 *  A known source has no details to check; the core tells which it is on save. */
export function sourceProblems(text: string, details: SourceDetails, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (text.trim() === "") return problems;
  const other = details.other?.trim() ?? "";
  if (!isUrl(text) && other !== "" && !isUrl(other)) {
    problems["source-other"] = `"${other}" is not a web link: a source's link starts with https:// or http://`;
  }
  const published = details.published?.trim() ?? "";
  if (published !== "") {
    const hint = dateHint(published, today);
    if (!hint.ok) problems["source-published"] = hint.text;
  }
  return problems;
}
