// Bundles the web tab into ../wwwroot (flat names: the app embeds them as assets.NAME). Run by the Web project's build.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

const out = new URL('../wwwroot/', import.meta.url);
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

await build({
  entryPoints: { app: 'src/app.js', docs: 'src/docs.js', share: 'src/share.js', 'app-style': 'src/app.css' },
  outdir: out.pathname,
  entryNames: '[name]',
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  legalComments: 'none',
  logLevel: 'warning',
});
// esbuild names a CSS entry's output after the entry; the pages ask for app.css.
await copyFile(new URL('app-style.css', out), new URL('app.css', out));
await rm(new URL('app-style.css', out));

// Swagger UI is used as its package ships it (a prebuilt bundle); docs.js starts it.
const swagger = new URL('node_modules/swagger-ui-dist/', import.meta.url);
await copyFile(new URL('swagger-ui-bundle.js', swagger), new URL('swagger-ui-bundle.js', out));
await copyFile(new URL('swagger-ui.css', swagger), new URL('swagger-ui.css', out));
