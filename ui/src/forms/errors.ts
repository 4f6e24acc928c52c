// Where a refusal's message goes in a form: next to the field it names, or at the top.
import type { ApiError } from "../lib/api";

export type FormErrors = Record<string, string>;

/** The key for a message that belongs to no field of the form. */
export const TOP = "form";

/**
 * Places a refusal. `fields` are the form's field names as in its test ids
 * ("proposed-by"); `aliases` maps the core's names for them ("party") where they differ.
 */
export function placeError(
  error: ApiError,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): FormErrors {
  const core = error.field;
  if (core !== null) {
    const name = aliases[core] ?? core.replace(/_/g, "-");
    if (fields.includes(name)) return { [name]: error.message };
  }
  return { [TOP]: error.message };
}
