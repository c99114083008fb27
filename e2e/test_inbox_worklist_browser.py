"""The inbox by patient and "Mine patienter" in a real browser (issue 18, item 9):

- the key worker `klinik` (RH-PAL) makes a plan through the API with home care (HJ-101) on the team,
  then changes home care's night phone, the resuscitation decision and a dose;
- the home-care nurse `hjemmepleje` finds the patient once in the inbox, the critical topics named
  in the heading, the phone change with both numbers and the dose change as a dose ("s.c." in words);
  marking the patient read leaves the others unread;
- "Mine patienter" lists the patient under "Kræver opmærksomhed" with the critical change, and at
  phone width every patient is a card with nothing wider than the screen.

Screenshots: e2e/screenshots/inbox-*.png and worklist-*.png.
"""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from browser_support import click_and_wait, screenshot, sign_in
from conftest import LindringServer
from patients_support import HOME_CARE_UNIT, KEY_UNIT, NURSE, Api, Db, expect_json, fresh_cpr, plan_input

MORPHINE = {"drug": "Morfin", "strength": "10 mg/ml", "dose": "2,5 mg", "route": "sc", "indication": "pain"}


@pytest.fixture(scope="module")
def patient(key_worker: Api, db: Db) -> dict:
    """A consenting patient whose plan the key worker made and then changed in three critical ways
    (this module's own, in place of patients_support's `patient`)."""
    registered = expect_json(key_worker.post("/patients", {"cpr": fresh_cpr(db), "name": "Inga Indbakkesen",
                                                           "diagnosisGroup": "cancer", "sharingConsent": "given"}), 201)
    team = [{"role": "keyWorker", "unitId": db.unit_id(KEY_UNIT)},
            {"role": "homeCare", "unitId": db.unit_id(HOME_CARE_UNIT), "outOfHoursPhone": "33 66 99 99"}]
    path = f"/patients/{registered['id']}/plan"
    expect_json(key_worker.post(path, {"careTeam": team, "medications": [MORPHINE]}), 201)
    read = key_worker.get(path)
    plan = expect_json(read, 200)
    changed = plan_input(plan) | {
        "careTeam": [team[0], team[1] | {"outOfHoursPhone": "33 66 00 01"}],
        "resuscitation": "doNotAttempt", "decidedBy": "Overlæge Ida Holm",
        "medications": [MORPHINE | {"dose": "5 mg"}],
    }
    expect_json(key_worker.put(path, changed, headers={"If-Match": read.headers["ETag"]}), 200)
    return registered


def group_of(driver: WebDriver, name: str):
    groups = [g for g in driver.find_elements(By.CSS_SELECTOR, "li.inbox-patient")
              if g.find_element(By.CSS_SELECTOR, ".inbox-patient-heading h3").text.strip() == name]
    assert len(groups) == 1, f"{name} should head exactly one inbox entry, found {len(groups)}"
    return groups[0]


def test_the_nurse_reads_the_patients_changes_once_with_the_critical_ones_named(lindring: LindringServer, browsers, patient: dict):
    driver = browsers()
    sign_in(driver, lindring, NURSE)
    driver.get(lindring.url("/inbox"))
    group = group_of(driver, patient["name"])
    heading = group.find_element(By.CSS_SELECTOR, ".inbox-patient-heading").text
    text = group.text
    screenshot(driver, "inbox-by-patient")
    assert "Kritisk: genoplivning, anticiperende medicin" in heading, heading
    assert "2 ulæste" in heading, heading
    assert "telefon, vagt: 33 66 99 99 → 33 66 00 01" in text, text
    assert "Anticiperende medicin, Morfin (Smerter), dosis: 2,5 mg → 5 mg" in text, text
    assert "Genoplivning: – → Ingen genoplivning (DNR)" in text, text
    assert "s.c." in text and not re.search(r"\bsc\b", text), text

    # when the nurse marks this patient read
    click_and_wait(driver, group.find_element(By.CSS_SELECTOR, ".inbox-patient-heading button[type=submit]"))
    # then the patient's entry is read and others stay as they were
    group = group_of(driver, patient["name"])
    assert "ulæste" not in group.find_element(By.CSS_SELECTOR, ".inbox-patient-heading").text
    assert "ulæste" in driver.find_element(By.CSS_SELECTOR, "ul.inbox").text, "the demo patients' changes are still unread"


def test_mine_patienter_puts_the_changed_patient_under_attention_and_fits_a_phone(lindring: LindringServer, browsers, patient: dict):
    for phone in (False, True):
        driver = browsers(phone=phone)
        sign_in(driver, lindring, NURSE)
        driver.find_element(By.LINK_TEXT, "Mine patienter").click()
        attention = driver.find_element(By.ID, "worklist-attention")
        rows = [r for r in attention.find_elements(By.CSS_SELECTOR, "tbody tr") if patient["name"] in r.text]
        assert len(rows) == 1, attention.text[:800]
        assert "Kritisk: genoplivning" in rows[0].text, rows[0].text
        wide = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
        screenshot(driver, f"worklist-{'phone' if phone else 'desktop'}")
        assert not wide, "Mine patienter scrolls sideways"
        rows[0].find_element(By.LINK_TEXT, patient["name"]).click()
        assert f"/patients/{patient['id']}" in driver.current_url
