"""Validation of FHIR JSON by the Python package `fhir.resources`, for the tests of the MedCom
messages (issue 23) and whatever FHIR the app serves next.

Two validators, the stricter first:

- FHIR R4 (4.0.1), MedCom's version: `fhir.resources==6.4.0`, which needs pydantic 1 and so cannot
  share a Python environment with the fhir.resources 8.x (pydantic 2) the other tests use. CI installs
  it apart, `pip install --target "$FHIR_R4_PATH" fhir.resources==6.4.0 "pydantic<2"`, and this module
  runs it in a child Python that sees only the standard library and that directory (`python3 -S`).
- otherwise `fhir.resources.R4B` of the installed 8.x: R4B's resources for R4's (the same structure
  for the ones MedCom's CareCommunication uses; R4B is not R4, so it is the fallback).

`validate_fhir(document)` parses the document with its resourceType's class and, for a Bundle,
every entry's resource with its own class; it returns the validator used and the problems found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from dataclasses import dataclass, field

import pytest

FHIR_R4_PATH_ENV = "FHIR_R4_PATH"

# Run by `python3 -S -c` with the --target directory as argv[1]; reads the document on stdin and
# prints {"validator": ..., "problems": [...]} or, when R4's package cannot be imported, {"unavailable": why}.
_R4_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
try:
    import fhir.resources as package
    from fhir.resources import get_fhir_model_class
    import pydantic
except Exception as error:
    print(json.dumps({"unavailable": f"{type(error).__name__}: {error}"}))
    raise SystemExit(0)
fhir_version = getattr(package, "__fhir_version__", "?")
if not package.__version__.startswith("6.") or not fhir_version.startswith("4.0"):
    print(json.dumps({"unavailable": f"fhir.resources {package.__version__} (FHIR {fhir_version}) is not the R4 line"}))
    raise SystemExit(0)
document = json.load(sys.stdin)
problems = []
def check(what, resource):
    try:
        get_fhir_model_class(resource.get("resourceType")).parse_obj(resource)
    except Exception as error:
        problems.append(f"{what}: {type(error).__name__}: {error}")
check(document.get("resourceType", "?"), document)
if document.get("resourceType") == "Bundle":
    for index, entry in enumerate(document.get("entry") or []):
        resource = entry.get("resource") or {}
        check(f"entry[{index}] {resource.get('resourceType', '?')}", resource)
print(json.dumps({
    "validator": f"fhir.resources {package.__version__} (FHIR {fhir_version}, pydantic {pydantic.VERSION})",
    "problems": problems,
}))
"""


@dataclass
class FhirCheck:
    validator: str
    problems: list[str] = field(default_factory=list)


def _r4_check(document: dict, path: str) -> FhirCheck | None:
    """The R4 package's verdict, or None (with a warning) when it cannot be run from `path`."""
    result = subprocess.run(
        [sys.executable, "-S", "-c", _R4_CHILD, path],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        answer = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        answer = {"unavailable": f"exit {result.returncode}: {result.stderr.strip()[-600:]}"}
    if "unavailable" in answer:
        warnings.warn(f"{FHIR_R4_PATH_ENV}={path}: FHIR R4's fhir.resources 6.4.0 cannot be used "
                      f"({answer['unavailable']}); validating with fhir.resources.R4B instead")
        return None
    return FhirCheck(answer["validator"], answer["problems"])


def _r4b_check(document: dict) -> FhirCheck:
    try:
        import fhir.resources as package
        from fhir.resources.R4B import get_fhir_model_class
    except ImportError as error:
        if os.environ.get("CI"):
            pytest.fail(f"fhir.resources is not installed ({error}); .ci/run must install it")
        pytest.skip(f"fhir.resources is not installed ({error})")
    problems: list[str] = []

    def check(what: str, resource: dict) -> None:
        try:
            get_fhir_model_class(resource.get("resourceType")).model_validate(resource)
        except Exception as error:  # noqa: BLE001 - any refusal is a finding
            problems.append(f"{what}: {type(error).__name__}: {error}")

    check(document.get("resourceType", "?"), document)
    if document.get("resourceType") == "Bundle":
        for index, entry in enumerate(document.get("entry") or []):
            resource = entry.get("resource") or {}
            check(f"entry[{index}] {resource.get('resourceType', '?')}", resource)
    return FhirCheck(f"fhir.resources {package.__version__} R4B (fallback: FHIR R4 not available)", problems)


def validate_fhir(document: dict) -> FhirCheck:
    """Parses a FHIR resource (a Bundle with every entry's resource) with R4's classes when
    FHIR_R4_PATH holds fhir.resources 6.4.0, else with the installed package's R4B classes."""
    path = os.environ.get(FHIR_R4_PATH_ENV)
    if path:
        checked = _r4_check(document, path)
        if checked is not None:
            return checked
    return _r4b_check(document)
