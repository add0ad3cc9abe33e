#!/usr/bin/env bash
# Release readiness, run by .ci/run after the build: `npm publish --dry-run` must be clean.
# - it exits 0 and warns about nothing but the missing registry login (a dry run needs none);
# - the tarball holds only dist/, README.md, LICENSE and package.json (no sources, tests, benchmarks, docs);
# - the tarball's size and file count are printed for the CI log.
# Needs `npm run build` first (the repo's .npmrc sets ignore-scripts, so npm runs no prepack build here).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
[[ -f dist/nodes/GenesysGws/GenesysGws.node.js ]] || { echo "publish-dry-run: dist/ is missing: run npm run build first" >&2; exit 1; }
OUT="$(mktemp)"
ERR="$(mktemp)"
trap 'rm -f "$OUT" "$ERR"' EXIT
if ! npm publish --dry-run --json --ignore-scripts >"$OUT" 2>"$ERR"; then
  echo "publish-dry-run: npm publish --dry-run failed:" >&2
  cat "$ERR" >&2
  exit 1
fi
node - "$OUT" "$ERR" <<'JS'
const fs = require('fs');
const [out, err] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(out, 'utf8'));
// npm 11 keys the report by package name; older npm printed the package itself.
const pkg = report.files ? report : Object.values(report)[0];
const allowed = (p) => p.startsWith('dist/') || ['package.json', 'README.md', 'LICENSE'].includes(p);
const stray = pkg.files.map((f) => f.path).filter((p) => !allowed(p));
const warnings = fs
	.readFileSync(err, 'utf8')
	.split('\n')
	.filter((line) => /^npm warn/i.test(line) && !/requires you to be logged in/.test(line));
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(
	`publish-dry-run: ${pkg.id}: tarball ${kb(pkg.size)} (${kb(pkg.unpackedSize)} unpacked), ${pkg.entryCount ?? pkg.files.length} files: ` +
		`${pkg.files.filter((f) => f.path.startsWith('dist/')).length} in dist/, plus ${pkg.files.filter((f) => !f.path.startsWith('dist/')).map((f) => f.path).join(', ')}`,
);
for (const must of ['package.json', 'README.md', 'LICENSE', 'dist/nodes/GenesysGws/GenesysGws.node.js', 'dist/nodes/GenesysGwsTrigger/GenesysGwsTrigger.node.js', 'dist/credentials/GenesysGwsApi.credentials.js']) {
	if (!pkg.files.some((f) => f.path === must)) stray.push(`(missing) ${must}`);
}
if (stray.length || warnings.length) {
	if (stray.length) console.error(`publish-dry-run: files that must not be (or must be) in the tarball:\n  ${stray.join('\n  ')}`);
	if (warnings.length) console.error(`publish-dry-run: npm warned:\n  ${warnings.join('\n  ')}`);
	process.exit(1);
}
JS
