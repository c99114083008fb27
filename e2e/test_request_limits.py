"""Bodies over MAX_BODY_BYTES (default 1 MiB) sent without a length (issue 17, item 8).

A body with `Transfer-Encoding: chunked` announces no Content-Length, so the limit is met only
while the body is read (the form reader, every JSON endpoint). It must answer 413 like an
announced one, never 500: problem+json under /api/v1, the error page elsewhere, also on the
self-report pages (`/r/…`), which anyone can reach without signing in.

Own module, own server (the `lindring` fixture).
"""

from __future__ import annotations

import pytest
import requests

from conftest import LindringServer
from patients_support import TIMEOUT, Api, describe, expect_problem

LIMIT = 1024 * 1024
CHUNK = 64 * 1024


def chunks(total: int):
    """`total` bytes of spaces in pieces: requests sends a generator chunked, without a length."""
    for start in range(0, total, CHUNK):
        yield b" " * min(CHUNK, total - start)


def post_chunked(lindring: LindringServer, path: str, content_type: str, headers: dict | None = None) -> requests.Response:
    response = requests.post(lindring.url(path), data=chunks(LIMIT + CHUNK), timeout=TIMEOUT, allow_redirects=False,
                             headers={"Content-Type": content_type} | (headers or {}))
    assert "Content-Length" not in response.request.headers, "the body must go without a length"
    return response


@pytest.mark.parametrize("path", ["/r/no-such-self-report-link", "/login"])
def test_a_chunked_form_over_the_limit_is_413_with_the_error_page(lindring: LindringServer, path: str):
    response = post_chunked(lindring, path, "application/x-www-form-urlencoded")
    assert response.status_code == 413, describe(response)
    assert response.headers.get("Content-Type", "").startswith("text/html"), describe(response)


def test_a_chunked_json_answer_to_a_self_report_link_over_the_limit_is_413(lindring: LindringServer):
    response = post_chunked(lindring, "/r/no-such-self-report-link", "application/json")
    assert response.status_code == 413, describe(response)


def test_a_chunked_api_body_over_the_limit_is_413_problem_json(lindring: LindringServer, advisor: Api):
    response = post_chunked(lindring, "/api/v1/contacts", "application/json", {"Authorization": f"Bearer {advisor.token}"})
    problem = expect_problem(response, 413)
    assert "too large" in problem.get("detail", ""), problem
