// The words the window shows for vocabulary codes, and the statuses' colours, as the core
// names and colours them.
import type { ProposalStatus } from "../bindings/ProposalStatus";
import type { StatusColour } from "../bindings/StatusColour";
import type { Vocabularies } from "../bindings/Vocabularies";
import type { Word } from "../bindings/Word";

export type VocabularyName = Exclude<keyof Vocabularies, "closed_statuses" | "status_colours">;

/** What an unknown status is drawn with: no colour to speak of. */
const NO_COLOUR = { fill: "#999999", text: "#000000" };

export class Labels {
  readonly vocabularies: Vocabularies;
  private readonly maps: Record<VocabularyName, Map<string, string>>;
  private readonly closed: Set<string>;
  private readonly colours: Map<ProposalStatus, StatusColour>;

  constructor(vocabularies: Vocabularies) {
    this.vocabularies = vocabularies;
    const toMap = (words: Word[]) => new Map(words.map((w) => [w.code, w.label]));
    this.maps = {
      party_kind: toMap(vocabularies.party_kind),
      proposal_kind: toMap(vocabularies.proposal_kind),
      proposal_status: toMap(vocabularies.proposal_status),
      stance: toMap(vocabularies.stance),
      role: toMap(vocabularies.role),
      condition_kind: toMap(vocabularies.condition_kind),
      condition_status: toMap(vocabularies.condition_status),
      condition_category: toMap(vocabularies.condition_category),
      implementation_level: toMap(vocabularies.implementation_level),
    };
    this.closed = new Set(vocabularies.closed_statuses);
    this.colours = new Map(vocabularies.status_colours.map((c) => [c.status, c]));
  }

  /** The label of a code; an unknown code is shown humanised rather than hidden. */
  label(vocabulary: VocabularyName, code: string | null | undefined): string {
    if (!code) return "";
    return this.maps[vocabulary].get(code) ?? code.replace(/_/g, " ");
  }

  words(vocabulary: VocabularyName): Word[] {
    return this.vocabularies[vocabulary];
  }

  status(code: ProposalStatus | null | undefined): string {
    return this.label("proposal_status", code);
  }

  isClosed(status: ProposalStatus | null | undefined): boolean {
    return status != null && this.closed.has(status);
  }

  /**
   * The status's colour (`fill`), a second cue only ever shown beside its word, and the
   * colour of text written on it (`text`).
   */
  colour(status: ProposalStatus): { fill: string; text: string } {
    return this.colours.get(status) ?? NO_COLOUR;
  }
}
