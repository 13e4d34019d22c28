// One browser bundle for a page of idpool's (the web console, the browser example): src/main.ts
// and the AWS SDK clients it imports into dist/app.js with esbuild, for browsers of ES2022, no CDN.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Bundles `<dir>/src/main.ts` into `<dir>/dist/app.js`; prints and returns its size. */
export async function bundlePage(dir, label) {
  const here = (path) => fileURLToPath(new URL(path, dir));
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
  const { bytes } = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]];
  process.stdout.write(`${label}/dist/app.js: ${(bytes / 1024).toFixed(1)} KiB\n`);
  return bytes;
}
