// The extraction worker run from TypeScript source: registers tsx in this thread first, since a
// worker does not inherit every way the main thread may have loaded it (vitest, for one).
import { register } from "tsx/esm/api";

register();
await import("./extract-worker.ts");
