import { benchIngest } from "./ingest.js";

/**
 * `npm run bench [-- ingest|interaction|delivery|scale|memory] [pg] [1k|20k|50k]`: prints numbers, asserts nothing.
 * `1k`, `20k`, `50k` take the scale run that far (10k unless given), `pg` runs it on PostgreSQL (bench/postgres.ts).
 */
const args = process.argv.slice(2);
const SIZES: Record<string, number> = { "1k": 1_000, "20k": 20_000, "50k": 50_000 };
const which = new Set(args.filter((a) => !(a in SIZES) && a !== "pg"));
const wants = (name: string) => which.size === 0 || which.has(name);

if (wants("ingest")) await benchIngest();
if (wants("interaction")) await (await import("./interaction.js")).benchInteraction();
if (wants("delivery")) await (await import("./delivery.js")).benchDelivery();
if (wants("scale")) {
  const size = args.find((a) => a in SIZES);
  await (await import("./scale.js")).benchScale(size === undefined ? 10_000 : (SIZES[size] ?? 10_000), args.includes("pg") ? "pg" : "sqlite");
}
if (wants("memory")) await (await import("./memory.js")).benchMemory();
