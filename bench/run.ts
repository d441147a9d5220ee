import { benchIngest } from "./ingest.js";

/** `npm run bench [-- ingest|interaction|delivery]`: prints numbers, asserts nothing. */
const which = new Set(process.argv.slice(2));
const wants = (name: string) => which.size === 0 || which.has(name);

if (wants("ingest")) await benchIngest();
if (wants("interaction")) await (await import("./interaction.js")).benchInteraction();
if (wants("delivery")) await (await import("./delivery.js")).benchDelivery();
