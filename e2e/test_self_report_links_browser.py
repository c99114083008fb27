"""Self-report links in a real browser (issue 18, item 12):

- the key worker `klinik` (RH-PAL) makes an IPOS link on the patient's screening page, copies it
  with the copy button (which then says "Kopieret", and the clipboard holds the link), finds it
  in the list of links waiting for answers (the questionnaire, when and by whom it was made,
  when it expires), and revokes it there (confirming the question the button asks);
- the link is then gone from the list, the page says it was revoked, and the patient who opens
  it on her phone gets the same kind "this link no longer works" page as for an expired link
  (410), with nothing about her on it;
- the screening page, list and all, does not scroll sideways on a 390 px phone.

Screenshots: e2e/screenshots/self-report-links-*.png.
"""

from __future__ import annotations

import re

import pytest
import requests
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import (
    WAIT_SECONDS,
    assert_clean_page,
    assert_nothing_but_the_first_name,
    assert_phone_width,
    describe_page,
    error_page_status,
    one,
    screenshot,
    sign_in,
    submit_and_wait,
    text_of,
    untranslated_keys,
)
from conftest import LindringServer
from patients_support import KEY_WORKER, TIMEOUT, Api, expect_json

# `patient` (patients_support): a consenting patient with RH-PAL as key worker and HJ-101 as home
# care, registered for this module.

KEY_WORKER_NAME = "Karen Kliniker"


def outstanding_rows(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, "#outstanding-links ul.outstanding-list > li")


def grant_clipboard(driver: WebDriver, server: LindringServer) -> None:
    """Lets the page write to the clipboard as a user's click would in a desktop browser."""
    for permission in ("clipboardReadWrite", "clipboardSanitizedWrite"):
        try:
            driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": server.base_url, "permissions": [permission]})
        except Exception:  # noqa: BLE001 - an older Chromium knows only one of the two names
            pass


def test_a_nurse_copies_a_link_sees_it_waiting_revokes_it_and_the_patient_is_told_it_no_longer_works(
    lindring: LindringServer, browsers, key_worker: Api, patient: dict
):
    patient_id, cpr = patient["id"], patient["cpr"]
    screening = lindring.url(f"/patients/{patient_id}/screening")
    # given: the key worker on the patient's screening page
    nurse = browsers()
    sign_in(nurse, lindring, KEY_WORKER)
    grant_clipboard(nurse, lindring)
    nurse.get(screening)
    assert_clean_page(nurse, "screening page")
    before = len(outstanding_rows(nurse))

    # when: she makes an IPOS link
    form = one(nurse, "form#self-report-form", "the link form")
    Select(form.find_element(By.CSS_SELECTOR, "select[name=instrument]")).select_by_value("ipos")
    submit_and_wait(nurse, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert_clean_page(nurse, "screening page with the new link")
    url = one(nurse, "#self-report-url", "the new link").get_attribute("value") or ""
    assert re.fullmatch(re.escape(lindring.base_url) + r"/r/[A-Za-z0-9_-]{22,}", url), f"the page shows the link {url!r}"
    until = re.search(r"senest (\d\d\.\d\d\.\d{4} \d\d:\d\d)", text_of(nurse, "#self-report-link"))
    assert until, f"the notice does not say until when: {text_of(nurse, '#self-report-link')!r}"

    # and copies it with the button
    copy = one(nurse, "#copy-self-report-url", "the copy button")
    assert copy.is_displayed() and copy.text.strip() == "Kopiér link", f"the copy button reads {copy.text!r}"
    copy.click()
    try:
        WebDriverWait(nurse, WAIT_SECONDS).until(lambda d: copy.text.strip() == "Kopieret")
    except TimeoutException:
        screenshot(nurse, "self-report-links-FAILED-copy")
        pytest.fail(f"after a click the copy button reads {copy.text!r}, not 'Kopieret'")
    copied = nurse.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, () => done(null));")
    assert copied in (url, None), f"the clipboard holds {copied!r}, not the link"
    screenshot(nurse, "self-report-links-01-copied")

    # then: the link waits in the list: the questionnaire, made now by her, until when it works
    rows = outstanding_rows(nurse)
    assert len(rows) == before + 1, f"{len(rows)} links waiting, {before} before: {describe_page(nurse)}"
    row = rows[0]
    assert row.find_element(By.CSS_SELECTOR, ".outstanding-instrument").text.strip() == "IPOS", row.text
    assert f"af {KEY_WORKER_NAME}" in row.text and f"Udløber {until.group(1)}" in row.text, row.text
    revoke = row.find_elements(By.CSS_SELECTOR, "form button")
    assert revoke and revoke[0].text.strip() == "Tilbagekald", f"no revoke button in {row.text!r}"
    nurse.execute_script("arguments[0].scrollIntoView({block: 'center'});", row)
    screenshot(nurse, "self-report-links-02-waiting")

    # when: she revokes it, answering the question the button asks
    nurse.execute_script("window.__lindringE2eOldPage = true;")
    revoke[0].click()
    try:
        alert = WebDriverWait(nurse, WAIT_SECONDS).until(lambda d: d.switch_to.alert)
        assert alert.text in ("Er du sikker?", "Are you sure?"), alert.text
        alert.accept()
    except (TimeoutException, NoAlertPresentException):
        pass  # no confirmation asked: the form is sent straight away
    WebDriverWait(nurse, WAIT_SECONDS).until(
        lambda d: d.execute_script("return window.__lindringE2eOldPage !== true && document.readyState === 'complete'"))
    assert_clean_page(nurse, "screening page after revoking")

    # then: the page says so and the link is no longer waiting
    assert "Linket er tilbagekaldt." in text_of(nurse), describe_page(nurse)
    assert len(outstanding_rows(nurse)) == before, [r.text for r in outstanding_rows(nurse)]
    screenshot(nurse, "self-report-links-03-revoked")
    listed = expect_json(key_worker.get(f"/patients/{patient_id}/self-report-links"), 200)["items"]
    assert len(listed) == before, f"the API still lists {len(listed)} links, {before} before the new one: {listed}"

    # and the patient opening it is told kindly that it no longer works, and nothing about her
    assert requests.get(url, timeout=TIMEOUT).status_code == 410
    phone = browsers(phone=True)
    phone.get(url)
    # (the browser logs the 410 itself as a failed load: only the page's own state is checked)
    assert error_page_status(phone) is None and not untranslated_keys(phone), describe_page(phone)
    assert text_of(phone, "main h1").strip() == "Linket virker ikke længere", describe_page(phone)
    assert "behandlerteam" in text_of(phone), describe_page(phone)
    assert_nothing_but_the_first_name(phone, "revoked link", cpr)
    assert_phone_width(phone, "revoked-link")
    screenshot(phone, "self-report-links-04-patient-revoked")


def test_the_screening_page_with_its_links_fits_a_phone(lindring: LindringServer, browsers, key_worker: Api, patient: dict):
    # given: a link waiting, and the nurse on her phone
    expect_json(key_worker.post(f"/patients/{patient['id']}/self-report-links", {"instrument": "esas-r"}), 201)
    phone = browsers(phone=True)
    sign_in(phone, lindring, KEY_WORKER)
    # when
    phone.get(lindring.url(f"/patients/{patient['id']}/screening"))
    # then
    assert_clean_page(phone, "screening page on a phone")
    assert outstanding_rows(phone), describe_page(phone)
    assert_phone_width(phone, "screening-page")
    phone.execute_script("document.getElementById('outstanding-links').scrollIntoView({block: 'start'});")
    screenshot(phone, "self-report-links-05-phone")
