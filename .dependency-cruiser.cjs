// Module layering for src/, checked by `npm run deps` (part of `npm test`).
// Source of the rules: DESIGN.md "Modules (src/)" and "Where the next pieces go", as amended by the team
// (auth no longer imports sts: sts implements auth's `CredentialLookup`; iam/sts/identity may use protocol's
// shape builders and operation types; cli may also reach oidc, tokens and store).
//
// TypeScript 7 ships no JavaScript compiler API, so dependency-cruiser parses with swc (`parser: "swc"`).
// swc reports `import type` like any other import: type-only imports count as dependencies here, which is
// what layering wants (a type is part of a module's public face too).

/**
 * Every module under src/ and the modules it may import besides itself: one `layer-<module>` rule each.
 * app/ (the composition root, DESIGN.md: "everything") has no layer rule, only the rules further down.
 */
const MAY_IMPORT = {
  shared: [], // DESIGN.md Modules table: nothing internal.
  errors: ["shared"], // DESIGN.md Modules table.
  config: ["shared", "errors"], // DESIGN.md Modules table.
  store: ["shared", "errors"], // DESIGN.md Modules table.
  oidc: ["shared", "errors"], // DESIGN.md Modules table.
  // DESIGN.md Modules table, plus oidc for its vocabulary of token rejections (one type, mapped by each service).
  tokens: ["shared", "errors", "config", "store", "oidc"],
  // DESIGN.md Modules table, plus protocol for its shape builders and operation types only (team rule).
  iam: ["shared", "errors", "store", "protocol"],
  // DESIGN.md Modules table, plus auth (sts implements auth's CredentialLookup) and protocol as for iam.
  sts: ["shared", "errors", "config", "store", "iam", "oidc", "tokens", "auth", "protocol"],
  // DESIGN.md Modules table, plus protocol as for iam.
  identity: ["shared", "errors", "config", "store", "oidc", "tokens", "iam", "sts", "protocol"],
  auth: ["shared", "errors", "store"], // DESIGN.md Modules table less sts (the team rule: sts depends on auth).
  protocol: ["shared", "errors"], // DESIGN.md Modules table: protocol/ knows no domain module.
  server: ["shared", "errors", "config", "protocol", "auth"], // DESIGN.md Modules table.
  // DESIGN.md Modules table plus oidc, tokens and store (team rule), setup for `idpool setup` and telemetry
  // for `idpool audit verify` (the one hash-chain definition); app only through src/app/index.ts.
  cli: ["app", "config", "shared", "errors", "oidc", "tokens", "store", "setup", "telemetry"],
  dev: ["shared", "errors", "config", "store", "tokens"], // DESIGN.md "Where the next pieces go".
  setup: ["shared", "errors", "protocol", "iam", "identity"], // DESIGN.md "Where the next pieces go".
  telemetry: ["shared", "errors", "config"], // DESIGN.md "Where the next pieces go".
  // DESIGN.md "Where the next pieces go", plus server for what the two HTTP fronts share (connection
  // timeouts, discarding a refused body) rather than a second copy (team rule).
  gateway: ["shared", "errors", "config", "auth", "iam", "sts", "store", "server"],
  console: [], // DESIGN.md "Where the next pieces go": nothing under src/ on the server side.
};

const KNOWN_MODULES = ["app", ...Object.keys(MAY_IMPORT)];

/** Files that exist only for tests (tsconfig.json leaves them out of the build). */
const TEST_ONLY = ["^test/", "\\.test\\.ts$", "(^|/)test-support\\.ts$"];

const layerRules = Object.entries(MAY_IMPORT).map(([module, allowed]) => ({
  name: `layer-${module}`,
  comment:
    `Module layering (DESIGN.md, as agreed): ${module}/ may import ` +
    (allowed.length === 0 ? "nothing internal under src/" : allowed.join(", ")),
  severity: "error",
  from: { path: `^src/${module}/` },
  to: { path: "^src/", pathNot: `^src/(${[module, ...allowed].join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "no-deep-import",
      // DESIGN.md "Modules (src/)": a module's index.ts is its public face; no deep imports across modules.
      comment: "Import another module through src/<module>/index.ts only; relative imports inside a module are fine.",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: { path: "^src/[^/]+/", pathNot: ["^src/$1/", "^src/[^/]+/index\\.ts$"] },
    },
    {
      name: "no-module-cycle",
      // DESIGN.md "Modules (src/)": imports point inward, so no cycle may cross a module boundary.
      comment: "This import closes a cycle that runs through more than one module.",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: { circular: true, pathNot: "^src/$1/" },
    },
    {
      name: "no-test-import-from-production",
      // DESIGN.md "Tests": tests sit beside the code; production code never depends on them.
      comment: "Production code must not import *.test.ts, test-support.ts or anything under test/.",
      severity: "error",
      from: { path: "^src/", pathNot: TEST_ONLY },
      to: { path: TEST_ONLY },
    },
    {
      name: "no-unknown-module",
      // Guards the layering: a folder under src/ with no row in MAY_IMPORT would escape every layer rule.
      comment: `Files under src/ belong to one of: ${KNOWN_MODULES.join(", ")}. Add a new module's rules here first.`,
      severity: "error",
      from: { path: "^src/", pathNot: `^src/(${KNOWN_MODULES.join("|")})/` },
      to: {},
    },
    {
      name: "no-unresolvable",
      // Guards the check itself: an import the resolver cannot follow would silently escape every rule above.
      comment: "This import does not resolve (a `.js` specifier must name an existing `.ts` file).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API for dependency-cruiser to load, so neither `tsPreCompilationDeps` nor
    // `tsConfig` would take effect (dependency-cruiser skips both silently); swc parses the .ts source as
    // written, type-only imports included. tsconfig.json has no `paths`, so nothing is lost without it.
    parser: "swc",
    // NodeNext: `./x.js` names `./x.ts`. dependency-cruiser retries an unresolved .js specifier as .ts by itself
    // (tsc's rule); `no-unresolvable` above fails the check if that ever stops working.
    enhancedResolveOptions: {
      conditionNames: ["import", "require", "node", "default", "types"],
      exportsFields: ["exports"],
      mainFields: ["module", "main", "types", "typings"],
    },
    doNotFollow: { path: "node_modules" },
    moduleSystems: ["es6", "cjs"],
  },
};
