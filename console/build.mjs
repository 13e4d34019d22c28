// Bundles the web console (src/main.ts and the AWS SDK clients it imports) into dist/app.js with
// esbuild and copies index.html and app.css beside it: `npm run build:console`, which `npm install`
// (prepare) and `npm run build` run. idpool serves dist/ at /console/.
import { copyFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

mkdirSync(here("dist"), { recursive: true });
const result = await build({
  entryPoints: [here("src/main.ts")],
  outfile: here("dist/app.js"),
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
});
copyFileSync(here("index.html"), here("dist/index.html"));
copyFileSync(here("app.css"), here("dist/app.css"));
const { bytes } = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]];
process.stdout.write(`console/dist/app.js: ${(bytes / 1024).toFixed(1)} KiB\n`);
