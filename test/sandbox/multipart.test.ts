import { describe, expect, it } from "vitest";
import { readRequestBody } from "../../src/sandbox/uploads.js";

/** A body as undici's FormData writes it, so the parser reads exactly what the client sends. */
async function formBody(parts: Array<[string, string | Blob, string?]>) {
  const form = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value, filename);
  }
  const request = new Request("http://127.0.0.1/", { method: "POST", body: form });
  return { raw: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

describe("reading a multipart upload", () => {
  it("gives the payload and each file with its field, name, type and exact bytes, CRLFs and dashes in the data included", async () => {
    const tricky = Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x2d, 0x2d, 0x0d, 0x0a, 0x0d, 0x0a, 0xff, 0x00]);
    const { raw, contentType } = await formBody([
      ["payload_json", JSON.stringify({ content: "Tokayev’s order — “shoot without warning”", attachments: [{ id: 0 }] })],
      ["files[0]", new Blob([tricky], { type: "image/png" }), "casualties.png"],
      ["files[1]", new Blob(["second"], { type: "text/plain" }), "notes.txt"],
    ]);
    const read = readRequestBody(raw, contentType);
    expect(read.body).toEqual({ content: "Tokayev’s order — “shoot without warning”", attachments: [{ id: 0 }] });
    expect(read.files.map((f) => [f.field, f.filename, f.contentType, f.data.length])).toEqual([
      ["files[0]", "casualties.png", "image/png", tricky.length],
      ["files[1]", "notes.txt", "text/plain", 6],
    ]);
    expect(read.files[0]!.data.equals(tricky)).toBe(true);
  });

  it("reads JSON bodies as JSON and refuses a multipart body cut short", async () => {
    expect(readRequestBody(Buffer.from('{"content":"hi"}'), "application/json")).toEqual({ body: { content: "hi" }, files: [] });
    const { raw, contentType } = await formBody([["files[0]", new Blob(["abc"]), "a.png"]]);
    expect(() => readRequestBody(raw.subarray(0, raw.length - 20), contentType)).toThrow(/malformed multipart/);
  });
});
