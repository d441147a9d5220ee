import { existsSync } from "node:fs";

/**
 * The package's folder (where package.json is), found from this file: `src/` when run from source
 * under tsx, `dist/src/` when built. Data that ships beside the code (vocabularies, migrations) is
 * read from here, so both ways find the same files.
 */
function findPackageRoot(from: URL): URL {
  for (let dir = new URL("./", from); ; dir = new URL("../", dir)) {
    if (existsSync(new URL("package.json", dir))) return dir;
    if (dir.pathname === "/") throw new Error(`no package.json above ${from.pathname}`);
  }
}

export const packageRoot = findPackageRoot(new URL(import.meta.url));
