import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxAttachment } from "./server.js";

/**
 * A terminal cannot show a message's pictures: each file is written to a fresh temporary folder,
 * and the lines to print say where it is.
 */
export async function saveFiles(files: readonly SandboxAttachment[]): Promise<string[]> {
  if (files.length === 0) return [];
  const dir = await mkdtemp(join(tmpdir(), "briefing-"));
  return Promise.all(
    files.map(async (file, i) => {
      const path = join(dir, file.filename.replace(/[^\w.-]/g, "_") || `file-${i}`);
      await writeFile(path, file.data);
      return `[image saved: ${path}]`;
    }),
  );
}
