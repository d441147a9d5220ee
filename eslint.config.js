import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * The layering of design.md ("The next shape"), in order: a folder may import the folders of its own
 * row and the rows above it, never one below, so no stage imports a stage after it. sources and
 * ingest are both the first stage and know nothing of each other; pipeline/ wires the stages; the
 * entry points come last. Row 0 is what every stage may use: the top-level modules (config, logger,
 * dotenv, http-url, charset) and ops/. Folders in no row (test/, bench/) may import anything.
 */
const LAYERS = [
  ["ops"],
  ["sources", "ingest"],
  ["analyse"],
  ["extract"],
  ["store"],
  ["story"],
  ["briefing"],
  ["render"],
  ["discord", "commands"],
  ["pipeline"],
  ["schedule"],
  ["sandbox"],
  ["cli", "main"],
];
/** Pairs in one row that still must not import each other. */
const STRANGERS = [["sources", "ingest"]];
/** The layers that are one file at the top of src/ rather than a folder. */
const FILE_LAYERS = new Set(["main", "cli"]);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The folders (or top-level files) that `layer` must not import, each with the reason. */
function forbidden(layer) {
  const row = LAYERS.findIndex((names) => names.includes(layer));
  const later = LAYERS.slice(row + 1)
    .flat()
    .map((target) => ({ target, why: `${target} comes after ${layer} in design.md's layering` }));
  const strangers = STRANGERS.filter((pair) => pair.includes(layer)).map((pair) => {
    const target = pair.find((name) => name !== layer);
    return { target, why: `${layer} and ${target} are both the first stage and must not know each other` };
  });
  return [...later, ...strangers];
}

/**
 * no-restricted-imports matches the import's text, so each depth of folder gets its own block with
 * the exact relative prefix that reaches src/: `../store/` from src/ingest/x.ts, `../../store/` from
 * src/store/sqlite/x.ts, `../src/store/` from commands/x.ts, `./store/` from src/x.ts.
 */
function restrictions(layer, prefix) {
  return {
    "no-restricted-imports": [
      "error",
      {
        patterns: forbidden(layer).map(({ target, why }) => ({
          regex: `^${escape(prefix)}${escape(target)}${FILE_LAYERS.has(target) ? "(?:/|\\.js$)" : "/"}`,
          message: `${why}: wire the two in src/pipeline/ (or move what both need below both).`,
        })),
      },
    ],
  };
}

const SOURCE = "{ts,mts,mjs}";
const srcFolders = LAYERS.flat().filter((layer) => !FILE_LAYERS.has(layer) && layer !== "commands");
const layering = [
  ...srcFolders.flatMap((folder) =>
    [1, 2, 3].map((depth) => ({
      files: [`src/${folder}/${"*/".repeat(depth - 1)}*.${SOURCE}`],
      rules: restrictions(folder, "../".repeat(depth)),
    })),
  ),
  { files: [`commands/*.${SOURCE}`], rules: restrictions("commands", "../src/") },
  // The top-level modules of row 0 (config.ts, logger.ts, ...) may import no layer at all.
  { files: [`src/*.${SOURCE}`], ignores: ["src/main.ts", "src/cli.ts"], rules: restrictions("ops", "./") },
  ...[...FILE_LAYERS].map((file) => ({ files: [`src/${file}.ts`], rules: restrictions(file, "./") })),
];

export default defineConfig(
  { ignores: ["node_modules/", "data/", "test/fixtures/", "dist/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // New code proves a value is there (a check, `?? fallback`, a type) instead of asserting it;
      // the assertions written before this rule are counted in eslint-suppressions.json, per file.
      "@typescript-eslint/no-non-null-assertion": "error",
      // A leading underscore names what a destructuring leaves out on purpose.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // `async` is how a synchronous function meets a promise-returning role here (the store's
      // roles, CLI handlers, test fakes), turning a throw into a rejection: not a missing await.
      "@typescript-eslint/require-await": "off",
      // Control characters in a pattern are what untrusted text is checked or cleaned for.
      "no-control-regex": "off",
      // Discord's JSON gives option and channel types as numbers, compared with discord.js's enums.
      "@typescript-eslint/no-unsafe-enum-comparison": "off",
    },
  },
  {
    // Command definitions and requests as JSON of unknown shape: String() is their normalisation.
    files: ["src/discord/deploy.ts", "src/sandbox/**"],
    rules: { "@typescript-eslint/no-base-to-string": "off" },
  },
  {
    // wink-nlp's `its.*` are plain functions that its types declare as methods.
    files: ["src/analyse/tokens.ts"],
    rules: { "@typescript-eslint/unbound-method": "off" },
  },
  {
    files: ["test/**"],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.stringMatching, ...) are typed `any`.
      "@typescript-eslint/no-unsafe-assignment": "off",
      // expect(object.method) names the method, it does not call it.
      "@typescript-eslint/unbound-method": "off",
    },
  },
  { files: ["**/*.{js,mjs}"], extends: [tseslint.configs.disableTypeChecked] },
  layering,
);
