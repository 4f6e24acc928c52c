// What a form knows of itself: whether it was changed since it opened, and its errors.
//
// An error belongs to the value its field held when it was found. While the field still
// holds that value the error stays; once the field changes, the error follows it: the
// form's own check of the new value says what is wrong with it now, or nothing is said.
// Nothing is checked before the first Save, so that a form being filled in is not scolded.
import type { ApiError } from "../lib/api";
import { placeError, TOP, type FormErrors } from "./errors";

/** A form's fields and their values, by the field names of its test ids ("proposed-by"). */
export type Values = Record<string, unknown>;

/** Errors found, each with the value (as `key` writes it) its field held then. */
export type Found = Record<string, { message: string; value: string }>;

/** A value written so that two equal values compare equal. */
export function key(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Ties each error to the value its field holds now. */
export function foundIn(errors: FormErrors, values: Values): Found {
  const found: Found = {};
  for (const [field, message] of Object.entries(errors)) {
    found[field] = { message, value: field === TOP ? "" : key(values[field]) };
  }
  return found;
}

/**
 * The errors to show for `values`: those found, while their field holds the value it held
 * then, else what `check` says of the field now. A message about the whole form stays
 * until the next Save.
 */
export function errorsNow(found: Found, values: Values, check: (values: Values) => FormErrors): FormErrors {
  const now = check(values);
  const shown: FormErrors = {};
  for (const [field, message] of Object.entries(now)) shown[field] = message;
  for (const [field, error] of Object.entries(found)) {
    if (field === TOP || key(values[field]) === error.value) shown[field] = error.message;
  }
  return shown;
}

/** Whether two sets of values differ, as the user would see it; `quiet` fields (a choice of
 *  what to record, made before anything is typed) do not count. */
export function changed(initial: Values, values: Values, quiet: readonly string[] = []): boolean {
  return Object.keys({ ...initial, ...values }).some(
    (field) => !quiet.includes(field) && key(initial[field]) !== key(values[field]),
  );
}

/**
 * One form's state. `read` gives the form's values now (reading them inside it makes the
 * errors and `dirty` follow them); `check` finds every problem the window can see without
 * asking the core, all at once.
 */
export class FormState {
  /** True once Save was pressed: from then on errors show. */
  tried = $state(false);
  /** Bumped each time a Save ends in errors, so the sheet can take the user to the first. */
  attempt = $state(0);
  private found = $state.raw<Found>({});
  private initial: Values;

  constructor(
    private readonly read: () => Values,
    private readonly check: (values: Values) => FormErrors = () => ({}),
    private readonly quiet: readonly string[] = [],
  ) {
    // A copy: what `read` gives may be changed in place afterwards.
    this.initial = JSON.parse(JSON.stringify(read())) as Values;
  }

  get dirty(): boolean {
    return changed(this.initial, this.read(), this.quiet);
  }

  get errors(): FormErrors {
    const values = this.read();
    return this.tried ? errorsNow(this.found, values, this.check) : {};
  }

  /** Checks the whole form; true when it may be sent. */
  validate(): boolean {
    this.tried = true;
    const values = this.read();
    const problems = this.check(values);
    this.found = foundIn(problems, values);
    if (Object.keys(problems).length > 0) {
      this.attempt += 1;
      return false;
    }
    return true;
  }

  /** Shows the core's refusal next to the field it names (`aliases`: the core's names). */
  refused(error: ApiError, fields: readonly string[], aliases: Record<string, string> = {}): void {
    this.show(placeError(error, fields, aliases));
  }

  /** Shows these errors, as found on the values the form holds now. */
  show(errors: FormErrors): void {
    this.tried = true;
    this.found = foundIn(errors, this.read());
    this.attempt += 1;
  }
}
