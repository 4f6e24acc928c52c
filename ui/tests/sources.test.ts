import { describe, expect, it } from "vitest";
import { placeError } from "../src/forms/errors";
import { sourceChoices } from "../src/forms/sources";
import { ApiError } from "../src/lib/api";
import { sources } from "./fixtures";

describe("the source field", () => {
  it("sends nothing when left empty", () => {
    expect(sourceChoices("  ", "", sources)).toEqual([]);
  });

  it("picks a known source by title or URL", () => {
    expect(sourceChoices("Joint statement after the Jeddah meeting", "", sources)).toEqual([{ type: "known", id: 2 }]);
    expect(sourceChoices("https://example.org/articles/putin-ceasefire", "", sources)).toEqual([{ type: "known", id: 1 }]);
  });

  it("records a new source from a title or a URL", () => {
    expect(sourceChoices("Kremlin readout", "Kremlin", sources)).toEqual([
      { type: "new", source: { title: "Kremlin readout", outlet: "Kremlin", url: null, published_on: null } },
    ]);
    expect(sourceChoices("https://example.net/x", "", sources)).toEqual([
      { type: "new", source: { title: "https://example.net/x", outlet: "", url: "https://example.net/x", published_on: null } },
    ]);
  });
});

describe("placing a refusal in a form", () => {
  const fields = ["title", "proposed-by", "date", "duration-days"];

  it("puts it next to the field the core names", () => {
    expect(placeError(new ApiError("invalid", "empty", "title"), fields)).toEqual({ title: "empty" });
    expect(placeError(new ApiError("invalid", "not a number", "duration_days"), fields)).toEqual({ "duration-days": "not a number" });
    expect(placeError(new ApiError("not_found", "no party", "party"), fields, { party: "proposed-by" })).toEqual({
      "proposed-by": "no party",
    });
  });

  it("puts it at the top when no field of the form is named", () => {
    expect(placeError(new ApiError("database", "disk full", null), fields)).toEqual({ form: "disk full" });
    expect(placeError(new ApiError("invalid", "bad", "reason"), fields)).toEqual({ form: "bad" });
  });
});
