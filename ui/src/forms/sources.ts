// The source field: a known source picked by its title or URL, or a new one typed in.
import type { Source } from "../bindings/Source";
import type { SourceChoice } from "../bindings/SourceChoice";
import { api } from "../lib/api";

/** How many known sources the field suggests at most. */
export const SUGGESTIONS = 20;

export function findSource(text: string, sources: Source[]): Source | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return sources.find((s) => s.title === t || (s.url !== null && s.url === t));
}

export function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text.trim());
}

/** The sources to send with a record: none, a known one, or a new one. */
export function sourceChoices(text: string, outlet: string, sources: Source[]): SourceChoice[] {
  const t = text.trim();
  if (t === "") return [];
  const known = findSource(t, sources);
  if (known) return [{ type: "known", id: known.id }];
  return [
    {
      type: "new",
      source: { title: t, outlet: outlet.trim(), url: isUrl(t) ? t : null, published_on: null },
    },
  ];
}

/** The sources to send with a record, the core telling whether the text names a known one. */
export async function chosenSources(text: string, outlet: string): Promise<SourceChoice[]> {
  const t = text.trim();
  if (t === "") return [];
  return sourceChoices(t, outlet, await api.searchSources(t, 1));
}
