/**
 * The system Chromium the browser suites drive through playwright-core (reference/toolchain.md §3,
 * "Chromium"): Debian's package, never a downloaded browser. A suite skips with a line saying so
 * when it is missing, unless CI (or IDPOOL_TEST_REQUIRE_BROWSER=1, which .ci/run sets) requires
 * it: then the suite's "needs Chromium" case fails.
 */
import { existsSync } from "node:fs";

/** Debian's package; IDPOOL_TEST_CHROMIUM names another system Chromium (never a downloaded one). */
export const CHROMIUM = process.env.IDPOOL_TEST_CHROMIUM || "/usr/bin/chromium";

/** Headless, and nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const ciValue = process.env.CI;
export const browserRequired =
  (ciValue !== undefined && ciValue !== "" && ciValue !== "0" && ciValue !== "false") ||
  (process.env.IDPOOL_TEST_REQUIRE_BROWSER ?? "") !== "";
export const browserAvailable = existsSync(CHROMIUM);
export const chromiumMissing = `${CHROMIUM} is missing (install Debian's chromium: apt-get install -y chromium; never a downloaded browser)`;
