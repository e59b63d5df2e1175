import { describe, expect, it } from "@jest/globals";
import { deleteResultFromDto } from "./deleteResultFromDto.js";

describe("deleteResultFromDto", () => {
  it("given the three id groups, we get deleted / notFound / forbidden", () => {
    expect(
      deleteResultFromDto(
        { SuccessfullyDeleted: { ids: ["a"] }, NotFound: { ids: ["b"] }, WrongPermissions: { ids: ["c"] } },
        ["a", "b", "c"],
      ),
    ).toEqual({ ok: true, value: { deleted: ["a"], notFound: ["b"], forbidden: ["c"] } });
  });

  it("given an empty body (one-id dialog DELETE), every requested id was deleted", () => {
    expect(deleteResultFromDto("", ["a"])).toEqual({
      ok: true,
      value: { deleted: ["a"], notFound: [], forbidden: [] },
    });
    expect(deleteResultFromDto(undefined, ["a"]).ok).toBe(true);
  });

  it("missing groups are empty; malformed groups are a protocol error", () => {
    expect(deleteResultFromDto({ SuccessfullyDeleted: { ids: ["a"] } }, ["a"])).toEqual({
      ok: true,
      value: { deleted: ["a"], notFound: [], forbidden: [] },
    });
    expect(deleteResultFromDto({ NotFound: ["a"] }, ["a"]).ok).toBe(false);
    expect(deleteResultFromDto(42, ["a"]).ok).toBe(false);
  });
});
