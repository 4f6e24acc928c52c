/** What the Record change form records. */
export type ChangeKind = "status" | "stance" | "condition" | "condition_status" | "violation" | "implementation";

export const CHANGE_KINDS: { code: ChangeKind; label: string }[] = [
  { code: "status", label: "Status of the proposal" },
  { code: "stance", label: "A party's stance" },
  { code: "condition", label: "A new condition" },
  { code: "condition_status", label: "A condition's new status" },
  { code: "violation", label: "A violation was reported" },
  { code: "implementation", label: "A condition was carried out (implementation)" },
];
