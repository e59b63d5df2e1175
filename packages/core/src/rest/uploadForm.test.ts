import { describe, expect, it } from "@jest/globals";
import type { ChatError } from "../errors/ChatError.js";
import type { FetchLike } from "./restRequest.js";
import { uploadForm } from "./uploadForm.js";

/** A fetch that reads the streamed body, as a server would, and answers `status`. */
function receivingFetch(status = 201) {
  const seen: { url: string; headers: Headers; body: string }[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, headers: request.headers, body: await request.text() });
    return new Response(status === 201 ? "<PostResponse/>" : JSON.stringify({ errors: { base: ["too large"] } }), {
      status,
    });
  };
  return { fetch, seen };
}

describe("uploadForm (docs/protocol.md §6 step 2)", () => {
  it("streams fields then the file as multipart/form-data, reporting progress up to the size", async () => {
    const { fetch, seen } = receivingFetch();
    const progress: number[] = [];
    const file = new Uint8Array(150_000).fill(65);
    await uploadForm({
      url: "http://files.test/upload",
      fields: [
        ["key", "abc"],
        ["Content-Type", "text/plain"],
      ],
      file,
      name: "a.txt",
      contentType: "text/plain",
      headers: { "CB-Token": "T" },
      fetch,
      onProgress: (p) => progress.push(p.loaded),
    });
    const [request] = seen;
    expect(request.url).toBe("http://files.test/upload");
    expect(request.headers.get("cb-token")).toBe("T");
    const boundary = /boundary=(.+)$/.exec(request.headers.get("content-type") ?? "")?.[1];
    expect(
      request.body.startsWith(
        `--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nabc\r\n--${boundary}\r\nContent-Disposition: form-data; name="Content-Type"\r\n\r\ntext/plain\r\n`,
      ),
    ).toBe(true);
    expect(request.body).toContain(
      `Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${"A".repeat(150_000)}\r\n--${boundary}--\r\n`,
    );
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(150_000);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it("reads a Blob in slices; an error answer becomes its ChatError; an aborted signal is `cancelled`", async () => {
    const ok = receivingFetch();
    await uploadForm({
      url: "http://files.test/upload",
      fields: [],
      file: new Blob(["hello"]),
      name: "h.txt",
      contentType: "text/plain",
      fetch: ok.fetch,
    });
    expect(ok.seen[0].body).toContain("\r\n\r\nhello\r\n");
    const refused = receivingFetch(413);
    await expect(
      uploadForm({
        url: "http://files.test/upload",
        fields: [],
        file: new Uint8Array(3),
        name: "x",
        contentType: "x/y",
        fetch: refused.fetch,
      }),
    ).rejects.toMatchObject({ code: "validation", status: 413 });
    const controller = new AbortController();
    controller.abort();
    const error = await uploadForm({
      url: "http://files.test/upload",
      fields: [],
      file: new Uint8Array(3),
      name: "x",
      contentType: "x/y",
      fetch: ok.fetch,
      signal: controller.signal,
    }).catch((e: ChatError) => e);
    expect(error).toMatchObject({ code: "cancelled" });
  });

  it("uses XMLHttpRequest where there is one (browsers), for its upload progress events", async () => {
    const sent: { method: string; url: string; headers: Record<string, string>; form: FormData | null } = {
      method: "",
      url: "",
      headers: {},
      form: null,
    };
    class FakeXhr {
      status = 0;
      responseText = "";
      upload: { onprogress: ((event: { loaded: number }) => void) | null } = { onprogress: null };
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onabort: (() => void) | null = null;
      open(method: string, url: string) {
        sent.method = method;
        sent.url = url;
      }
      setRequestHeader(key: string, value: string) {
        sent.headers[key] = value;
      }
      send(form: FormData) {
        sent.form = form;
        setTimeout(() => {
          this.upload.onprogress?.({ loaded: 2 });
          this.status = 201;
          this.onload?.();
        }, 0);
      }
      abort() {
        this.onabort?.();
      }
    }
    const global = globalThis as { XMLHttpRequest?: unknown };
    global.XMLHttpRequest = FakeXhr;
    try {
      const progress: number[] = [];
      await uploadForm({
        url: "http://files.test/upload",
        fields: [["key", "k"]],
        file: new Uint8Array([1, 2, 3]),
        name: "b.bin",
        contentType: "application/octet-stream",
        headers: { "CB-SDK": "chatcube" },
        onProgress: (p) => progress.push(p.loaded),
      });
      expect(sent).toMatchObject({
        method: "POST",
        url: "http://files.test/upload",
        headers: { "CB-SDK": "chatcube" },
      });
      expect(sent.form?.get("key")).toBe("k");
      expect((sent.form?.get("file") as File | undefined)?.name).toBe("b.bin");
      expect(progress).toEqual([0, 2, 3]);
    } finally {
      delete global.XMLHttpRequest;
    }
  });
});
