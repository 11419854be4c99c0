"""The committed editor bundle is what `npm run build` makes from plugin/web/src (when esbuild is installed)."""

import json
import shlex
import subprocess
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "plugin" / "web"
ESBUILD = WEB / "node_modules" / ".bin" / "esbuild"


@pytest.mark.skipif(not ESBUILD.exists(), reason="run `npm install` in plugin/web to check the bundle")
def test_bundle_is_built_from_the_sources(tmp_path):
    script = json.loads((WEB / "package.json").read_text(encoding="utf-8"))["scripts"]["build"]
    args = [a for a in shlex.split(script)[1:] if not a.startswith("--outfile=")]
    out = tmp_path / "bundle.js"
    subprocess.run([str(ESBUILD), *args, f"--outfile={out}", "--log-level=error"], cwd=WEB, check=True)
    committed = (WEB.parent / "static" / "editor.bundle.js").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, "stale bundle: run `npm run build` in plugin/web"


def test_the_editor_shows_warnings_apart_from_errors_and_placeholder_steps_as_such():
    bundle = (WEB.parent / "static" / "editor.bundle.js").read_text(encoding="utf-8")
    css = (WEB.parent / "static" / "editor.css").read_text(encoding="utf-8")
    assert 'p.severity === "warning"' in bundle and '"problem warning"' in bundle
    assert "warning: resolve before activation" in bundle
    assert 'c.definition === "placeholder"' in bundle and "placeholder: resolve before activation" in bundle
    for rule in (".problem.warning", ".badge.warning", ".component.placeholder"):
        assert rule in css
