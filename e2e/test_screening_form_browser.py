"""Staff enter a screening in a real browser (issue 18, item 10):

- the key worker `klinik` (RH-PAL) opens ESAS-r from the patient's screening page and fills it
  with the keyboard only: Tab between the items, a digit chooses the answer ("1" "0" is 10), the
  arrow keys choose the respondent, Enter saves; the screening page then shows the new result in
  its table (the respondent, the colour and the total) and in the trend chart, and the API lists
  it with the scores the answers give;
- a refused form (an item left out) comes back with the error summary and the answers kept;
- every field is reached with Tab at 1366 x 900 and on a 390 x 844 phone and none is hidden
  under the sticky save bar.

Screenshots: e2e/screenshots/screening-form-*.png.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from browser_support import (
    assert_clean_page,
    cells,
    mark_document,
    one,
    open_at,
    screenshot,
    sign_in,
    tab_through,
    wait_for_next_document,
)
from conftest import LindringServer
from patients_support import KEY_WORKER, Api, expect_json

# `patient` (patients_support): a consenting patient with RH-PAL as key worker and HJ-101 as home
# care, registered for this module.

# The answers as typed; pain 10 is severe, so the result is red.
ANSWERS = [("pain", 10), ("tiredness", 6), ("drowsiness", 2), ("nausea", 0), ("appetite", 3), ("shortnessOfBreath", 4),
           ("depression", 1), ("anxiety", 5), ("wellbeing", 4)]
# total 10+6+2+0+3+4+1+5+4 = 35, physical (first six) 25, emotional 1+5 = 6
EXPECTED_SCORES = {"total": 35, "physical": 25, "emotional": 6}


def keys(driver: WebDriver, *sequence: str) -> None:
    ActionChains(driver).send_keys(*sequence).perform()


def focused_name(driver: WebDriver) -> str | None:
    return driver.execute_script("return document.activeElement && document.activeElement.name")


def tab_to_name(driver: WebDriver, name: str, max_tabs: int = 40) -> None:
    for _ in range(max_tabs):
        if focused_name(driver) == name:
            return
        keys(driver, Keys.TAB)
    screenshot(driver, f"screening-form-FAILED-tab-to-{name}")
    pytest.fail(f"Tab never reached {name}; focus is on {focused_name(driver)!r}")


def chosen(driver: WebDriver, name: str) -> str | None:
    return driver.execute_script(
        "const c = document.querySelector(`input[name='${arguments[0]}']:checked`); return c ? c.value : null;", name)


def test_a_nurse_fills_an_esas_r_with_the_keyboard_and_the_trend_shows_it(lindring: LindringServer, browsers, key_worker: Api,
                                                                         patient: dict):
    # given the key worker on the patient's screening page, at 1366 x 900
    patient_id = patient["id"]
    driver = open_at(browsers, "desktop")
    sign_in(driver, lindring, KEY_WORKER)
    driver.get(lindring.url(f"/patients/{patient_id}/screening"))
    assert_clean_page(driver, "screening page")
    link = one(driver, f".screening-new a[href='/patients/{patient_id}/screening/new?instrument=esas-r']", "the ESAS-r form link")
    mark_document(driver)
    link.send_keys(Keys.ENTER)
    wait_for_next_document(driver, "the ESAS-r form")
    assert_clean_page(driver, "ESAS-r form")
    screenshot(driver, "screening-form-esas-r-empty")

    # when: the respondent with the arrow keys, every item with a digit, then Enter
    driver.execute_script("document.querySelector('.skip-link').focus();")
    tab_to_name(driver, "respondent")
    keys(driver, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)  # patient → relative → staff
    assert chosen(driver, "respondent") == "staff"
    for item, value in ANSWERS:
        tab_to_name(driver, f"answers[{item}]")
        keys(driver, *str(value))
        assert chosen(driver, f"answers[{item}]") == str(value), f"typing {value} on {item} chose {chosen(driver, f'answers[{item}]')}"
    screenshot(driver, "screening-form-esas-r-filled")
    mark_document(driver)
    keys(driver, Keys.ENTER)
    wait_for_next_document(driver, "saving the ESAS-r")

    # then: the screening page shows it in the table and the chart, and the API has its scores
    assert_clean_page(driver, "screening page after saving")
    assert driver.current_url.endswith(f"/patients/{patient_id}/screening?notice=saved"), driver.current_url
    rows = driver.find_elements(By.CSS_SELECTOR, "table.screening-table:not(.items) tbody tr")
    assert rows, "the screening table has no rows"
    row = cells(rows[0])
    assert "Personale" in row and "Rød" in row and "35" in row, f"the newest row reads {row}"
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart.trend circle.dot"), "the trend chart shows no point"
    screenshot(driver, "screening-form-trend-after")
    listed = expect_json(key_worker.get(f"/patients/{patient_id}/assessments"), 200)["items"]
    assert len(listed) == 1
    assert listed[0]["respondent"] == "staff" and listed[0]["trafficLight"] == "red"
    assert {k: listed[0]["scores"][k] for k in EXPECTED_SCORES} == EXPECTED_SCORES


def test_a_refused_form_keeps_the_answers_and_names_the_missing_item(lindring: LindringServer, browsers, patient: dict):
    # given the ESAS-r form with every item but nausea answered
    driver = open_at(browsers, "desktop")
    sign_in(driver, lindring, KEY_WORKER)
    driver.get(lindring.url(f"/patients/{patient['id']}/screening/new?instrument=esas-r"))
    driver.execute_script("document.getElementById('respondent-patient').click();")
    for item, value in ANSWERS:
        if item != "nausea":
            driver.execute_script("document.querySelector(`input[name='answers[${arguments[0]}]'][value='${arguments[1]}']`).click();",
                                  item, str(value))
    # when saved with Ctrl+Enter
    mark_document(driver)
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    wait_for_next_document(driver, "the refused form")
    # then the summary names the item by its label, and the answers are still chosen
    summary = one(driver, ".form-error", "the error summary").text
    assert "Kvalme" in summary, summary
    assert chosen(driver, "answers[pain]") == "10" and chosen(driver, "respondent") == "patient"
    screenshot(driver, "screening-form-refused")


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("instrument", ["esas-r", "ipos", "eortc-qlq-c15-pal"])
def test_tabbing_through_the_screening_form_never_hides_the_focused_field(lindring: LindringServer, browsers, patient: dict,
                                                                           instrument: str, size: str):
    driver = open_at(browsers, size)
    sign_in(driver, lindring, KEY_WORKER)
    driver.get(lindring.url(f"/patients/{patient['id']}/screening/new?instrument={instrument}"))
    assert_clean_page(driver, f"{instrument} form")
    screenshot(driver, f"screening-form-{instrument}-{size}")
    tab_through(driver, "#assessment-form", f"screening-{instrument}-{size}")
