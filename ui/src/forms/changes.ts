/** What the Record change form records. */
export type ChangeKind = "status" | "stance" | "condition" | "condition_status";

export const CHANGE_KINDS: { code: ChangeKind; label: string }[] = [
  { code: "status", label: "Status of the proposal" },
  { code: "stance", label: "A party's stance" },
  { code: "condition", label: "A new condition" },
  { code: "condition_status", label: "A condition's new status" },
];
