// Bundles the browser example (src/main.ts and the AWS SDK it imports) into dist/app.js with
// esbuild: `npm run build:example`, which `npm install` (prepare) and `npm run build` run.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

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
const { bytes } = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]];
process.stdout.write(`examples/browser/dist/app.js: ${(bytes / 1024).toFixed(1)} KiB\n`);
