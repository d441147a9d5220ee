import { benchIngest } from "./ingest.js";

/** `npm run bench [-- ingest|interaction|delivery|scale|memory] [50k]`: prints numbers, asserts nothing. `50k` takes the scale run on to 50,000 articles. */
const args = process.argv.slice(2);
const which = new Set(args.filter((a) => a !== "50k"));
const wants = (name: string) => which.size === 0 || which.has(name);

if (wants("ingest")) await benchIngest();
if (wants("interaction")) await (await import("./interaction.js")).benchInteraction();
if (wants("delivery")) await (await import("./delivery.js")).benchDelivery();
if (wants("scale")) await (await import("./scale.js")).benchScale(args.includes("50k") ? 50_000 : 10_000);
if (wants("memory")) await (await import("./memory.js")).benchMemory();
