"""Browser smoke test: every demo role can sign in, open every page in its main
navigation without an error page or a console error, and sign out again.

Uses Debian's chromium and chromedriver (/usr/bin/chromium, /usr/bin/chromedriver)
headless through selenium. Screenshots of each role's home page are written to
e2e/screenshots/ for people to look at.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from selenium.common.exceptions import NoSuchElementException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import (
    WAIT_SECONDS,
    describe_page,
    error_page_status,
    log_in,
    path_of,
    screenshot,
    severe_console_entries,
    submit_and_wait,
    untranslated_keys,
)
from conftest import LindringServer, documented_roles
from patients_support import new_chrome

# The roles the sign-in test runs for. Its test ids are fixed when pytest collects, before any
# server runs, so they are written out here; the first test checks that they are exactly the
# roles the OpenAPI document lists (`Me.roles`).
ROLES = (
    "administrator",
    "clinician",
    "advisor",
    "socialWorker",
    "educator",
    "finance",
    "auditor",
    "workingGroup",
)


@pytest.fixture
def browser() -> WebDriver:
    driver = new_chrome()
    try:
        yield driver
    finally:
        driver.quit()


# --- helpers -----------------------------------------------------------------


def html_lang(driver: WebDriver) -> str:
    return (driver.find_element(By.TAG_NAME, "html").get_attribute("lang") or "").strip()


def page_problems(driver: WebDriver) -> list[str]:
    """What is wrong with the signed-in page the browser shows (drains the console log)."""
    found = []
    status = error_page_status(driver)
    if status is not None:
        found.append(f"error page (data-status={status})")
    if not driver.find_elements(By.CSS_SELECTOR, "nav#main-nav"):
        found.append("no nav#main-nav")
    if not html_lang(driver):
        found.append("no <html lang>")
    keys = untranslated_keys(driver)
    if keys:
        found.append(f"catalog keys shown instead of text {keys}")
    console = severe_console_entries(driver)
    if console:
        found.append(f"console errors {console}")
    return found


# --- tests -------------------------------------------------------------------


def test_server_printed_a_demo_user_for_every_role(lindring: LindringServer):
    roles = documented_roles(lindring.base_url)
    missing = [role for role in roles if role not in lindring.users]
    assert not missing, f"no demo user printed for roles {missing}; got {lindring.users.keys()}"
    assert sorted(ROLES) == sorted(roles), (
        f"this module signs in as the roles {sorted(ROLES)}, the OpenAPI document lists {sorted(roles)}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_role_can_sign_in_browse_navigation_and_sign_out(
    lindring: LindringServer, browser: WebDriver, role: str
):
    username, password = lindring.user(role)

    # given a signed-out browser, when the role signs in
    log_in(browser, lindring, username, password)

    # then it lands on a signed-in page
    if path_of(browser) == "/login":
        screenshot(browser, f"{role}-FAILED-login")
        pytest.fail(
            f"{role} ({username}) is still on /login after signing in: {describe_page(browser)}; "
            f"console: {severe_console_entries(browser)}"
        )
    screenshot(browser, f"{role}-home")
    home = browser.current_url
    assert error_page_status(browser) is None, f"{role}'s home page is an error page: {describe_page(browser)}"
    try:
        nav = browser.find_element(By.CSS_SELECTOR, "nav#main-nav")
    except NoSuchElementException:
        pytest.fail(f"{role}'s home page has no nav#main-nav: {describe_page(browser)}")
    problems: list[str] = []
    home_problems = page_problems(browser)
    if home_problems:
        problems.append(f"{home} (home): {'; '.join(home_problems)}")

    # and its navigation links stay on this site
    hrefs: list[str] = []
    for anchor in nav.find_elements(By.TAG_NAME, "a"):
        raw = anchor.get_attribute("href")  # resolved to an absolute URL by the browser
        if not raw:
            continue
        absolute = urljoin(home, raw)
        if absolute not in hrefs:
            hrefs.append(absolute)
    assert hrefs, f"{role}: nav#main-nav has no links"
    origin = urlsplit(lindring.base_url)
    foreign = [h for h in hrefs if urlsplit(h)[:2] != origin[:2]]
    assert not foreign, f"{role}: main navigation links off-site: {foreign}"

    # when it opens every page in its navigation
    for href in hrefs:
        if urlsplit(href).path in ("/logout",) or href == home:
            continue  # the home page was checked above
        browser.get(href)
        here = browser.current_url
        found = page_problems(browser)
        if path_of(browser) == "/login":
            found.insert(0, "was sent back to /login")
        if found:
            screenshot(browser, f"{role}-FAILED-{urlsplit(href).path}")
            shown = href if here == href else f"{href} (landed on {here})"
            problems.append(f"{shown}: {'; '.join(found)}")

    # when it signs out (checked even when a page was broken, so one run reports both)
    try:
        sign_out_and_check(browser, lindring)
    except AssertionError as error:
        problems.append(f"sign-out: {error}")

    # then no page was broken and signing out worked
    assert not problems, f"{role} ({username}):\n  " + "\n  ".join(problems)


def sign_out_and_check(browser: WebDriver, lindring: LindringServer) -> None:
    buttons = browser.find_elements(By.CSS_SELECTOR, "form#logout-form button#logout-button")
    assert buttons, f"no form#logout-form button#logout-button on {browser.current_url}"
    logout_form = browser.find_element(By.CSS_SELECTOR, "form#logout-form")
    assert (logout_form.get_attribute("method") or "").lower() == "post", "form#logout-form is not method=post"
    assert urlsplit(logout_form.get_attribute("action") or "").path == "/logout", "form#logout-form does not post to /logout"
    submit_and_wait(browser, buttons[0])

    # then it is on the login page, and the home page sends it back there
    assert path_of(browser) == "/login", f"after logout the browser is on {describe_page(browser)}"
    assert error_page_status(browser) is None, f"logout ended on an error page: {describe_page(browser)}"
    browser.get(lindring.url("/"))
    assert path_of(browser) == "/login", (
        f"after logout, / did not redirect to /login but showed {browser.current_url}"
    )
    assert not browser.find_elements(By.CSS_SELECTOR, "nav#main-nav"), (
        "the login page after logout still shows the signed-in navigation"
    )
    leftover = severe_console_entries(browser)
    assert not leftover, f"console errors around logout: {leftover}"


def test_wrong_password_shows_form_error(lindring: LindringServer, browser: WebDriver):
    # given a real user name, when the password is wrong
    username, _ = lindring.user("clinician")
    log_in(browser, lindring, username, "definitely-not-the-password")

    # then the login form comes back with an error message and no session
    assert path_of(browser) == "/login", f"a wrong password led to {describe_page(browser)}"
    try:
        message = WebDriverWait(browser, WAIT_SECONDS).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, ".form-error"))
        )
    except TimeoutException:
        screenshot(browser, "login-wrong-password-FAILED")
        pytest.fail(f"a wrong password showed no visible .form-error: {describe_page(browser)}")
    assert message.text.strip(), ".form-error is empty"
    missing_texts = untranslated_keys(browser)
    assert not missing_texts, f"the login page shows catalog keys instead of text: {missing_texts}"
    assert (message.get_attribute("role") or "") == "alert", ".form-error lacks role=alert"
    assert browser.find_elements(By.CSS_SELECTOR, "form#login-form"), "the login form is gone"
    assert not browser.find_elements(By.CSS_SELECTOR, "nav#main-nav")
    screenshot(browser, "login-wrong-password")
    # The document itself answers 401 (or 429/403), which Chromium reports as a
    # failed resource load; anything else on the console is a real error.
    console = [
        entry
        for entry in severe_console_entries(browser)
        if not re.search(r"/login - Failed to load resource: the server responded with a status of (401|403|429)", entry)
    ]
    assert not console, f"console errors on the failed login page: {console}"
    browser.get(lindring.url("/"))
    assert path_of(browser) == "/login", "a failed login must not sign the browser in"
