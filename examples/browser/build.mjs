// Bundles the browser example (src/main.ts and the AWS SDK it imports) into dist/app.js with
// esbuild: `npm run build:example`, which `npm install` (prepare) and `npm run build` run.
import { bundlePage } from "../../scripts/bundle-page.mjs";

await bundlePage(new URL("./", import.meta.url), "examples/browser");
