"""Helpers for the renderer tests: external tools (required under CI=true), KaTeX checks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KATEX_JS = Path(__file__).with_name("katex_check.js")


def need(tool: str) -> str:
    """The tool's path; a failure under CI=true, a skip otherwise."""
    path = shutil.which(tool)
    if path:
        return path
    msg = f"{tool} is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(msg + " (CI=true requires it; .ci/run installs it)")
    pytest.skip(msg)


def node_path() -> str:
    """NODE_PATH holding katex (QEDSHEET_NODE_PATH or .ci/node/node_modules)."""
    need("node")
    for cand in (os.environ.get("QEDSHEET_NODE_PATH"), str(ROOT / ".ci/node/node_modules")):
        if cand and (Path(cand) / "katex" / "package.json").exists():
            return cand
    msg = "the npm package katex is not installed (npm install --prefix .ci/node katex@0.16)"
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip(msg)


_MATH = re.compile(r"\$\$\n?(.+?)\n?\$\$|\$([^$\n]+)\$", re.S)


def math_fragments(markdown: str) -> list[tuple[str, bool]]:
    """Every `$$...$$` (display) and `$...$` (inline) fragment outside code blocks."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return [(m.group(1), True) if m.group(1) is not None else (m.group(2), False)
            for m in _MATH.finditer(text)]


def katex_failures(fragments: list[tuple[str, bool]]) -> list[dict]:
    """The fragments KaTeX refuses (throwOnError), with its message."""
    env = dict(os.environ, NODE_PATH=node_path())
    proc = subprocess.run(["node", str(KATEX_JS)], input=json.dumps(fragments), env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def compile_tex(tex: Path) -> subprocess.CompletedProcess:
    """latexmk -pdf on a standalone .tex in its own directory."""
    need("latexmk")
    need("pdflatex")
    return subprocess.run(["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error",
                           tex.name], cwd=tex.parent, capture_output=True, text=True,
                          errors="replace", timeout=300)


def python_kernel() -> str:
    """The name of the Jupyter kernel that runs this very Python (ipykernel's `python3`,
    whose `python` jupyter_client replaces by sys.executable); a failure under CI=true,
    a skip otherwise, when there is none."""
    import sys

    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        missing = "jupyter_client is not installed (pip install -e '.[test]')"
    else:
        try:
            spec = KernelSpecManager().get_kernel_spec("python3")
        except NoSuchKernel:
            missing = "no Jupyter kernel python3 (ipykernel is not installed)"
        else:
            exe = spec.argv[0]
            if exe in ("python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}") \
                    or Path(exe).resolve() == Path(sys.executable).resolve():
                return "python3"
            missing = f"the kernel python3 runs {exe}, not {sys.executable}"
    if os.environ.get("CI") == "true":
        pytest.fail(missing + " (CI=true requires it)")
    pytest.skip(missing)


def run_notebook(path: Path, timeout: float = 300) -> object:
    """The notebook at `path` executed top to bottom in a fresh kernel, in its folder."""
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, kernel_name=python_kernel(), timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb

