// What a dataset import did, in words.
import type { Counts } from "../bindings/Counts";
import type { DatasetSummary } from "../bindings/DatasetSummary";

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** "12 proposals, 30 parties, 40 conditions and 55 entries". */
export function countsInWords(counts: Counts): string {
  const parts = [
    plural(counts.proposals, "proposal", "proposals"),
    plural(counts.parties, "party", "parties"),
    plural(counts.conditions, "condition", "conditions"),
  ];
  return `${parts.join(", ")} and ${plural(counts.events, "entry", "entries")}`;
}

/** The file's name without its folders. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** The notice after an import: what it added, updated, left alone and skipped. */
export function importedSentence(dataset: string, path: string, summary: DatasetSummary): string {
  const skipped = summary.skipped.length;
  return (
    `Imported ${dataset} from ${fileName(path)}: added ${countsInWords(summary.added)}; ` +
    `${plural(summary.updated.proposals, "proposal", "proposals")} updated, ${summary.unchanged.proposals.toLocaleString("en-GB")} unchanged` +
    (skipped > 0 ? `; ${plural(skipped, "row", "rows")} skipped.` : ".")
  );
}
