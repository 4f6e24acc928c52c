// How a history entry reads in a sentence.
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { Labels } from "../lib/vocab";

export function describeEntry(entry: HistoryEntry, labels: Labels): string {
  const change = entry.change;
  switch (change.kind) {
    case "status":
      return `Status: ${labels.status(change.status)}`;
    case "stance":
      return `${entry.party ?? "A party"}: ${labels.label("stance", change.stance)} (${labels.label("role", change.role)})`;
    case "condition": {
      const by = entry.party ? ` (raised by ${entry.party})` : "";
      return `Condition “${entry.condition ?? ""}”${by}: ${labels.label("condition_status", change.status)}`;
    }
  }
}
