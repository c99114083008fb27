"""Black-box checks of the HTTP contract: the JSON API under /api/v1 (fuzzed by
schemathesis against its own OpenAPI document), RFC 9457 problem details, CSRF on
the login form and the security headers.

The schemathesis run comes last in this module because it may change data.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import requests

from conftest import LindringServer
from patients_support import TIMEOUT, expect_problem
from schemathesis_run import run_schemathesis



# --- helpers -----------------------------------------------------------------


class _PageParser(HTMLParser):
    """Collects the few things these tests look at in an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.forms: dict[str, dict] = {}
        self.main: dict[str, str | None] | None = None
        self.error_page = False
        self.inline_scripts = 0
        self._form: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "error-page" in classes:
            self.error_page = True
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "main" and self.main is None:
            self.main = a
        elif tag == "form":
            self._form = a.get("id") or f"form{len(self.forms)}"
            self.forms[self._form] = {"attrs": a, "inputs": {}}
        elif tag == "input" and self._form is not None:
            if a.get("name"):
                self.forms[self._form]["inputs"][a["name"]] = a.get("value") or ""
        elif tag == "script" and not a.get("src"):
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    return parser


def login_form(session: requests.Session, server: LindringServer) -> dict[str, str]:
    response = session.get(server.url("/login"), timeout=TIMEOUT)
    assert response.status_code == 200, f"GET /login answered {response.status_code}"
    page = parse(response.text)
    assert "login-form" in page.forms, "GET /login has no form#login-form"
    inputs = page.forms["login-form"]["inputs"]
    assert inputs.get("csrf"), "the login form has no (non-empty) hidden csrf field"
    return inputs


# --- health and documents ------------------------------------------------------


def test_health_and_readiness(lindring: LindringServer):
    assert requests.get(lindring.url("/healthz"), timeout=TIMEOUT).status_code == 200
    assert requests.get(lindring.url("/readyz"), timeout=TIMEOUT).status_code == 200


def test_openapi_document_is_3_1_with_bearer_security(lindring: LindringServer):
    response = requests.get(lindring.url("/api/v1/openapi.json"), timeout=TIMEOUT)
    assert response.status_code == 200
    assert "json" in response.headers.get("Content-Type", "")
    document = response.json()
    assert str(document.get("openapi", "")).startswith("3.1"), f"openapi = {document.get('openapi')!r}"
    assert document.get("paths"), "the OpenAPI document declares no paths"
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    bearer = [
        name
        for name, scheme in schemes.items()
        if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer"
    ]
    assert bearer, f"no http bearer security scheme in components.securitySchemes: {schemes}"


# --- API authentication and problem details -------------------------------------


def test_api_without_token_is_401_problem_json(lindring: LindringServer):
    response = requests.get(lindring.url("/api/v1/units"), timeout=TIMEOUT)
    expect_problem(response, 401)


def test_api_401_names_the_bearer_scheme(lindring: LindringServer):
    # RFC 9110 §15.5.2 / RFC 6750 §3: a 401 carries WWW-Authenticate.
    response = requests.get(lindring.url("/api/v1/units"), timeout=TIMEOUT)
    assert response.status_code == 401
    challenge = response.headers.get("WWW-Authenticate", "")
    assert challenge.lower().startswith("bearer"), f"WWW-Authenticate = {challenge!r}"


def test_api_with_invalid_token_is_401_problem_json(lindring: LindringServer):
    response = requests.get(
        lindring.url("/api/v1/units"),
        headers={"Authorization": "Bearer not-a-real-token"},
        timeout=TIMEOUT,
    )
    expect_problem(response, 401)


def test_api_with_token_lists_units(lindring: LindringServer):
    token = lindring.api_token("admin")
    response = requests.get(
        lindring.url("/api/v1/units"), headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
    )
    assert response.status_code == 200, f"{response.status_code}: {response.text[:300]}"
    assert response.headers.get("Content-Type", "").split(";")[0].strip() == "application/json"
    response.json()


def test_api_unknown_route_is_404_problem_json(lindring: LindringServer):
    token = lindring.api_token("admin")
    response = requests.get(
        lindring.url("/api/v1/no-such-thing"),
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT,
    )
    expect_problem(response, 404)


# --- HTML: language, error pages, CSRF, security headers ---------------------------


def test_login_page_is_danish_by_default(lindring: LindringServer):
    response = requests.get(lindring.url("/login"), timeout=TIMEOUT)
    assert response.status_code == 200
    assert parse(response.text).html_lang == "da"


def test_login_page_security_headers(lindring: LindringServer):
    response = requests.get(lindring.url("/login"), timeout=TIMEOUT)
    assert response.status_code == 200
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp, "no Content-Security-Policy header on /login"
    directives = {
        part.strip().split()[0].lower(): part.strip().split()[1:]
        for part in csp.split(";")
        if part.strip()
    }
    assert directives.get("frame-ancestors") == ["'none'"], f"CSP frame-ancestors: {csp}"
    assert directives.get("object-src") == ["'none'"], f"CSP object-src: {csp}"
    assert "'unsafe-inline'" not in csp, f"CSP allows unsafe-inline: {csp}"
    assert "'unsafe-eval'" not in csp, f"CSP allows unsafe-eval: {csp}"
    assert "script-src" in directives or "default-src" in directives, f"CSP restricts no scripts: {csp}"
    assert response.headers.get("X-Content-Type-Options", "").lower() == "nosniff"
    assert response.headers.get("Referrer-Policy", "").lower() == "no-referrer"
    assert parse(response.text).inline_scripts == 0, "the login page has an inline <script>"


def test_session_cookie_is_httponly_and_samesite(lindring: LindringServer):
    with requests.Session() as session:
        response = session.get(lindring.url("/login"), timeout=TIMEOUT)
        set_cookies = response.raw.headers.getlist("Set-Cookie") if response.raw else []
        if not set_cookies:
            pytest.skip("GET /login sets no cookie (session may start at login)")
        for cookie in set_cookies:
            lowered = cookie.lower()
            assert "httponly" in lowered, f"cookie without HttpOnly: {cookie}"
            assert "samesite=lax" in lowered or "samesite=strict" in lowered, f"cookie without SameSite: {cookie}"


def test_login_without_csrf_is_refused(lindring: LindringServer):
    username, password = lindring.user("administrator")
    with requests.Session() as session:
        login_form(session, lindring)  # a real session cookie, but no token sent
        response = session.post(
            lindring.url("/login"),
            data={"username": username, "password": password},
            headers={"Origin": lindring.base_url},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        assert response.status_code == 403, (
            f"POST /login without csrf answered {response.status_code} "
            f"(Location: {response.headers.get('Location')})"
        )
        follow = session.get(lindring.url("/"), allow_redirects=False, timeout=TIMEOUT)
        assert follow.status_code in (302, 303, 307), "a refused login must not sign in"


def test_login_from_another_origin_is_refused(lindring: LindringServer):
    username, password = lindring.user("administrator")
    with requests.Session() as session:
        inputs = login_form(session, lindring)
        response = session.post(
            lindring.url("/login"),
            data={**inputs, "username": username, "password": password},
            headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        assert response.status_code == 403, f"cross-site POST /login answered {response.status_code}"


def test_login_with_csrf_redirects_home_and_unknown_page_is_error_page(lindring: LindringServer):
    username, password = lindring.user("administrator")
    with requests.Session() as session:
        inputs = login_form(session, lindring)
        response = session.post(
            lindring.url("/login"),
            data={**inputs, "username": username, "password": password},
            headers={"Origin": lindring.base_url},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        assert response.status_code == 303, f"POST /login answered {response.status_code}: {response.text[:300]}"
        assert response.headers.get("Location") in ("/", lindring.url("/")), response.headers.get("Location")
        for cookie in response.raw.headers.getlist("Set-Cookie"):
            lowered = cookie.lower()
            assert "httponly" in lowered, f"session cookie without HttpOnly: {cookie}"
            assert "samesite=lax" in lowered or "samesite=strict" in lowered, f"cookie without SameSite: {cookie}"

        home = session.get(lindring.url("/"), timeout=TIMEOUT)
        assert home.status_code == 200
        assert not parse(home.text).error_page

        missing = session.get(lindring.url("/no-such-page-e2e"), timeout=TIMEOUT)
        assert missing.status_code == 404
        page = parse(missing.text)
        assert page.main is not None and page.main.get("id") == "main", "error page without <main id=main>"
        assert "error-page" in (page.main.get("class") or "").split()
        assert page.main.get("data-status") == "404"
        assert missing.headers.get("X-Content-Type-Options", "").lower() == "nosniff"
        assert "frame-ancestors 'none'" in missing.headers.get("Content-Security-Policy", "")


# --- schemathesis ---------------------------------------------------------------

def test_api_conforms_to_its_openapi_document(lindring: LindringServer):
    run_schemathesis(lindring, lindring.api_token("admin"), name="admin")
