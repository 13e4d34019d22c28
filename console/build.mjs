// Bundles the web console (src/main.ts and the AWS SDK clients it imports) into dist/app.js with
// esbuild and copies index.html and app.css beside it: `npm run build:console`, which `npm install`
// (prepare) and `npm run build` run. idpool serves dist/ at /console/.
import { copyFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundlePage } from "../scripts/bundle-page.mjs";

const dir = new URL("./", import.meta.url);
const here = (path) => fileURLToPath(new URL(path, dir));
await bundlePage(dir, "console");
copyFileSync(here("index.html"), here("dist/index.html"));
copyFileSync(here("app.css"), here("dist/app.css"));
