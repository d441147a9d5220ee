import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeBody } from "../src/charset.js";

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe("decodeBody", () => {
  const cp1251 = readFileSync(new URL("./fixtures/html/windows-1251.html", import.meta.url));

  it("reads windows-1251 from the Content-Type header or, lacking one, from the meta tag", () => {
    expect(decodeBody(cp1251, "text/html; charset=windows-1251")).toContain("Беспорядки в Алматы");
    expect(decodeBody(cp1251, null)).toContain("Беспорядки в Алматы");
  });

  it("lets the header win over the page's meta tag", () => {
    const page = latin1('<meta charset="windows-1251"><p>Zürich</p>');
    expect(decodeBody(page, 'text/html; charset="ISO-8859-1"')).toContain("Zürich");
  });

  it("reads the encoding an XML declaration names", () => {
    expect(decodeBody(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Café</title></rss>'), "application/rss+xml")).toContain("Café");
  });

  it("trusts a byte-order mark and drops it from the text", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Алматы")]);
    expect(decodeBody(bom, "text/html; charset=windows-1251")).toBe("Алматы");
  });

  it("falls back to UTF-8 for unknown labels", () => {
    expect(decodeBody(new TextEncoder().encode("Нур-Султан"), "text/html; charset=x-made-up")).toBe("Нур-Султан");
  });
});
