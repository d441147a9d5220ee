import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests start a loopback Discord sandbox and the real client; give them room on a
    // shared 2-core machine without letting a hung test stall CI.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
