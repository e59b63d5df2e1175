import { describe, expect, it } from "@jest/globals";
import { messageStatusFor } from "./messageStatusFor.js";

const message = (senderId: number, readIds: number[], deliveredIds: number[]) => ({ senderId, readIds, deliveredIds });

describe("messageStatusFor", () => {
  it("own messages: read / delivered by anyone else, else sent", () => {
    expect(messageStatusFor(message(1, [1], [1]), 1)).toBe("sent");
    expect(messageStatusFor(message(1, [1], [1, 2]), 1)).toBe("delivered");
    expect(messageStatusFor(message(1, [1, 3], [1]), 1)).toBe("read");
  });

  it("someone else's messages: what the current user acknowledged", () => {
    expect(messageStatusFor(message(2, [2, 3], [2, 3]), 1)).toBe("sent");
    expect(messageStatusFor(message(2, [2], [2, 1]), 1)).toBe("delivered");
    expect(messageStatusFor(message(2, [2, 1], [2, 1]), 1)).toBe("read");
  });
});
