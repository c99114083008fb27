"""Runs schemathesis against a Lindring server, the way test_api_contract.py does.

test_api_contract.py builds its command inline (and fuzzes as `admin`); this module
holds the same command construction as a function, so that other modules can fuzz
as other users, with an optional schemathesis.toml (for example to feed real
patient ids and ETags into path parameters and headers):

    run_schemathesis(lindring, token, name="clinician", config_toml=...)

The settings are the same environment variables as in test_api_contract.py
(LINDRING_SCHEMATHESIS_CHECKS, _MAX_EXAMPLES, _SEED, _WORKERS, _TIMEOUT).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import LindringServer

DEFAULT_CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "ignored_auth",
    ]
)


def schemathesis_command(
    server: LindringServer,
    token: str,
    report_dir: Path,
    *,
    config_file: Path | None = None,
    max_examples: str | None = None,
    extra_args: tuple[str, ...] = (),
) -> list[str]:
    """The schemathesis CLI command line (a list for subprocess)."""
    command = [
        sys.executable,
        "-c",
        "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())",
    ]
    if config_file is not None:
        command += ["--config-file", str(config_file)]  # a global option: before `run`
    command += [
        "run",
        server.url("/api/v1/openapi.json"),
        "--origin",
        server.base_url,
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        os.environ.get("LINDRING_SCHEMATHESIS_CHECKS", DEFAULT_CHECKS),
        "--max-examples",
        max_examples or os.environ.get("LINDRING_SCHEMATHESIS_MAX_EXAMPLES", "50"),
        "--seed",
        os.environ.get("LINDRING_SCHEMATHESIS_SEED", "20250601"),
        "--workers",
        # One worker: with several, hypothesis parses lambda sources concurrently, which
        # trips CPython 3.11's "AST constructor recursion depth mismatch" SystemError.
        os.environ.get("LINDRING_SCHEMATHESIS_WORKERS", "1"),
        "--request-timeout",
        "20",
        "--generation-database",
        "none",
        "--max-failures",
        "25",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(report_dir),
        *extra_args,
    ]
    return command


def toml_string(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these values)."""
    return json.dumps(value, ensure_ascii=False)


def run_schemathesis(
    server: LindringServer,
    token: str,
    *,
    name: str,
    config_toml: str | None = None,
    max_examples: str | None = None,
    extra_args: tuple[str, ...] = (),
) -> str:
    """Runs schemathesis and fails the calling test when it finds problems.

    Returns schemathesis' output. On failure the JUnit report, the config file and
    the full output stay in the `lindring-schemathesis-<name>-*` directory named in the
    failure message.
    """
    workdir = Path(tempfile.mkdtemp(prefix=f"lindring-schemathesis-{name}-"))
    config_file = None
    if config_toml is not None:
        config_file = workdir / "schemathesis.toml"
        config_file.write_text(config_toml, encoding="utf-8")
    command = schemathesis_command(
        server, token, workdir, config_file=config_file, max_examples=max_examples, extra_args=extra_args
    )
    shown = [part if not part.startswith("Authorization:") else "Authorization: Bearer ***" for part in command]
    print("running:", " ".join(shown))
    try:
        result = subprocess.run(
            command,
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=float(os.environ.get("LINDRING_SCHEMATHESIS_TIMEOUT", "900")),
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as error:
        partial = error.stdout or b""
        if isinstance(partial, bytes):
            partial = partial.decode("utf-8", "replace")
        pytest.fail(f"schemathesis did not finish in {error.timeout}s (report dir {workdir}):\n{partial[-8000:]}")
    output = result.stdout + result.stderr
    print(output)
    (workdir / "output.txt").write_text(output, encoding="utf-8")
    assert result.returncode == 0, (
        f"schemathesis found problems (exit {result.returncode}; report in {workdir}):\n{output[-12000:]}"
    )
    shutil.rmtree(workdir, ignore_errors=True)
    return output
