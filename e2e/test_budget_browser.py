"""The budget module in a real browser (issue 22's check):

- the finance officer (`oekonomi`) enters the seed's training initiative on the region's form
  (2026-2029 at 2026-pl, amounts with decimal commas), cannot save a fund split of 90 %, which
  comes back with everything typed kept, then saves it and sees the totals per year computed
  (1,8 / 1,5 / 1,5 / 1,5, in all 6,3), the same as the seed's side by side; she prints it and
  the print is the region's layout;
- she enters the palliation package as an allocation of 2.6 / 2.5 million kroner in three parts,
  imports a year of actuals from the finance system's CSV through the file input (a file with a
  bad line is refused naming the line, and nothing of it is booked), and sees the cost per
  advisory contact next to the advisory line's activity;
- the auditor (`revisor`) reads the demo's "Palliationspakken 2025" on a 390-px phone: its cost per
  contact, the working group "not measured yet" (never 0), no forms to book or import, and no
  sideways scrolling (an expected failure while the budget's `.table-scroll` boxes have no CSS);
- the clinician (`klinik`) is refused the budget (403), and the auditor its forms.

Its own server (the `lindring` fixture). Screenshots: e2e/screenshots/budget-*.png.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import (
    CPH,
    WAIT_SECONDS,
    assert_clean_page,
    assert_phone_width,
    cells,
    click_and_wait,
    describe_page,
    error_page_status,
    one,
    path_of,
    screenshot,
    set_date,
    severe_console_entries,
    sign_in,
    submit_and_wait,
    visible,
)
from conftest import LindringServer
from patients_support import PHONE

FINANCE = "oekonomi"
AUDITOR = "revisor"
CLINICIAN = "klinik"

TRAINING = "Opruste uddannelsen af læger og sygeplejersker i palliation"
FIRST_YEAR = 2026
YEARS = [FIRST_YEAR + offset for offset in range(4)]
# Mio. kr. per year: salaries, other operations, establishment (rows 0-2 of the grid), FTE.
SALARIES = ["1,2", "1,2", "1,2", "1,2"]
OTHER_OPERATIONS = ["0,4", "0,3", "0,3", "0,3"]
ESTABLISHMENT = ["0,2", "", "", ""]
FTE = ["2,0", "2,0", "2,0", "2,0"]

PACKAGE = "Palliationspakken 2025 (indtastet)"
# The allocation's parts: code, name, activity, whole kroner of salaries in 2025 and 2026, FTE.
PARTS = [
    ("24-7", "Palliativ rådgivning døgnet rundt", "advisoryLine", ["1.600.000", "1.500.000"], "2,0"),
    ("PABU", "Socialrådgivning i det pædiatriske palliative team", "paediatricSocialWork", ["800000", "800000"], "1,1"),
    ("ARB", "Tværsektoriel arbejdsgruppe", "workingGroup", ["200000", "200000"], ""),
]
# A month of actuals from the finance system: part, cost type, amount as the file writes it.
MONTHLY_ACTUALS = [
    ("24-7", "salaries", "120000,50"),
    ("24-7", "otherOperations", "4500"),
    ("PABU", "salaries", "62000"),
    ("ARB", "otherOperations", "15000"),
]


# --- the page -----------------------------------------------------------------------------------


def response_status(driver: WebDriver) -> int:
    """The HTTP status of the document shown (Navigation Timing)."""
    return int(driver.execute_script("return performance.getEntriesByType('navigation')[0].responseStatus"))


def assert_refused(driver: WebDriver, what: str) -> None:
    """The form came back with 422; the browser's console logs that response, and nothing else."""
    assert response_status(driver) == 422, f"{what}: {describe_page(driver)}"
    unexpected = [entry for entry in severe_console_entries(driver) if "status of 422" not in entry]
    assert not unexpected, f"{what}: console errors {unexpected}"


def field(driver: WebDriver, field_id: str):
    """A form control by its id (the grid's ids hold brackets and dots: By.ID, not CSS)."""
    element = driver.find_element(By.ID, field_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    return element


def fill(driver: WebDriver, field_id: str, text: str) -> None:
    element = field(driver, field_id)
    element.clear()
    if text:
        element.send_keys(text)


def fill_cell(driver: WebDriver, name: str, text: str) -> None:
    """A cell of a budget grid by its name: its column's position and its row."""
    element = driver.find_element(By.NAME, name)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.clear()
    if text:
        element.send_keys(text)


def choose(driver: WebDriver, field_id: str, value: str) -> None:
    Select(field(driver, field_id)).select_by_value(value)


def value_of(driver: WebDriver, field_id: str) -> str:
    return driver.find_element(By.ID, field_id).get_attribute("value") or ""


def grid_years(driver: WebDriver, table_css: str) -> list[int]:
    """The years a budget grid's columns are labelled with (the first table matching)."""
    table = driver.find_element(By.CSS_SELECTOR, table_css)
    return [int(th.text) for th in table.find_elements(By.CSS_SELECTOR, "thead th.number")]


def number(text: str) -> Decimal:
    """A Danish number as the pages show it: 1.338.750,50 or 6,3."""
    return Decimal(text.strip().replace(".", "").replace(",", "."))


def kroner(amount: Decimal) -> str:
    """Whole kroner as the pages show them: 1.234."""
    return f"{int(amount):,}".replace(",", ".")


def row_of(table, heading: str) -> list[str]:
    """The cells of the table's body row whose header is `heading` (header first)."""
    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        found = cells(row)
        if found and found[0] == heading:
            return found
    headings = [cells(row)[:1] for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    raise AssertionError(f"no row {heading!r} in #{table.get_attribute('id')}; its rows: {headings}")


def budget_id(driver: WebDriver, kind: str) -> str:
    """The id in /budget/{kind}/{id}, the page shown."""
    match = re.fullmatch(rf"/budget/{kind}/([0-9A-Fa-f-]{{36}})", path_of(driver))
    assert match, f"not on a page of /budget/{kind}/: {describe_page(driver)}"
    return match.group(1)


def wait_for_value(driver: WebDriver, field_id: str, expected: str, what: str) -> None:
    try:
        WebDriverWait(driver, WAIT_SECONDS).until(lambda d: value_of(d, field_id).strip() == expected.strip())
    except TimeoutException:
        screenshot(driver, f"budget-FAILED-{what}")
        raise AssertionError(f"{what}: #{field_id} holds {value_of(driver, field_id)[:200]!r}, not the file's content")


# --- the initiative -----------------------------------------------------------------------------


def test_a_finance_officer_enters_the_training_initiative_and_prints_it(lindring: LindringServer, browsers):
    driver = browsers()
    sign_in(driver, lindring, FINANCE)
    driver.get(lindring.url("/budget"))
    assert_clean_page(driver, "/budget")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "#initiatives a[href='/budget/initiatives/new']"))
    assert_clean_page(driver, "the new initiative")

    fill(driver, "title", TRAINING)
    fill(driver, "proposedBy", "Socialdemokratiet")
    fill(driver, "purpose", "Flere læger og sygeplejersker skal kunne yde basal palliation og vide, hvornår de skal inddrage "
                            "den specialiserede indsats. Forslaget ansætter to undervisere.")
    fill(driver, "remarks", "Udgiften til løn svarer til to årsværk til undervisere; etableringen dækker nye e-læringsmoduler.")
    choose(driver, "status", "draft")
    fill(driver, "priceLevel", "2026-pl")
    fill(driver, "firstYear", str(FIRST_YEAR))
    # The grid is sent by column position from the first year; its column headings follow the
    # first year as it is typed (the cells' ids only after the form has been to the server, so
    # they are taken by name, which is their position).
    assert grid_years(driver, "#amounts") == YEARS, "the grid's headings do not follow the typed first year"
    for position in range(4):
        for row, amounts in enumerate([SALARIES, OTHER_OPERATIONS, ESTABLISHMENT]):
            fill_cell(driver, f"lines[y{position}][{row}]", amounts[position])
        fill_cell(driver, f"fte[y{position}]", FTE[position])
    choose(driver, "funds[0].fund", "health")
    fill(driver, "funds[0].sharePercent", "90")
    choose(driver, "scalable", "yes")
    fill(driver, "scalingNote", "Kan nedskaleres ved at udskyde specialuddannelsens næste hold et år.")
    choose(driver, "sdgs[0].goal", "3")
    choose(driver, "sdgs[0].effect", "positive")
    fill(driver, "sdgs[0].text", "Bedre lindring og livskvalitet for mennesker med livstruende sygdom.")
    choose(driver, "sdgs[1].goal", "4")
    fill(driver, "sdgs[1].text", "Efter- og videreuddannelse af sundhedspersonale.")
    fill(driver, "agreementText", "Partierne er enige om at opruste uddannelsen i palliation med 1,8 mio. kr. i 2026 "
                                  "og 1,5 mio. kr. årligt fra 2027.")

    # 90 % of the cost placed: refused, and everything typed comes back
    submit_and_wait(driver, driver.find_element(By.ID, "save-initiative"))
    assert_refused(driver, "a fund split of 90 %")
    assert "andelene skal give præcis 100 %" in driver.find_element(By.TAG_NAME, "main").text, describe_page(driver)
    screenshot(driver, "budget-initiative-fund-split-refused")
    assert grid_years(driver, "#amounts") == YEARS, "the grid that came back is not labelled with the typed first year"
    kept = {
        "title": TRAINING, "proposedBy": "Socialdemokratiet", "priceLevel": "2026-pl", "firstYear": str(FIRST_YEAR),
        "funds[0].fund": "health", "funds[0].sharePercent": "90", "scalable": "yes", "sdgs[0].goal": "3", "sdgs[1].goal": "4",
        "sdgs[1].text": "Efter- og videreuddannelse af sundhedspersonale.",
    }
    for position, year in enumerate(YEARS):
        kept[f"lines[0].amounts.{year}"] = SALARIES[position]
        kept[f"lines[1].amounts.{year}"] = OTHER_OPERATIONS[position]
        kept[f"fte.{year}"] = FTE[position]
    kept[f"lines[2].amounts.{YEARS[0]}"] = ESTABLISHMENT[0]
    lost = {name: (value_of(driver, name), wanted) for name, wanted in kept.items() if value_of(driver, name) != wanted}
    assert not lost, f"the refused form lost what was typed (shown, typed): {lost}"
    assert value_of(driver, "purpose").startswith("Flere læger og sygeplejersker")
    assert value_of(driver, "agreementText").startswith("Partierne er enige")

    # the other tenth on the regional development fund: saved
    choose(driver, "funds[1].fund", "regionalDevelopment")
    fill(driver, "funds[1].sharePercent", "10")
    submit_and_wait(driver, driver.find_element(By.ID, "save-initiative"))
    initiative = budget_id(driver, "initiatives")
    assert parse_qs(urlsplit(driver.current_url).query).get("notice") == ["created"], driver.current_url
    assert_clean_page(driver, "the saved initiative")
    visible(driver, "#consequences", "the economic consequences")
    totals = {f"total-{year}": driver.find_element(By.ID, f"total-{year}").text for year in YEARS}
    totals["total-all"] = driver.find_element(By.ID, "total-all").text
    assert totals == {"total-2026": "1,8", "total-2027": "1,5", "total-2028": "1,5", "total-2029": "1,5", "total-all": "6,3"}, totals
    financing = driver.find_element(By.ID, "financing")
    assert row_of(financing, "Sundhedskassen")[1] == "90,0 %"
    assert row_of(financing, "Den regionale udviklingskasse")[1] == "10,0 %"
    screenshot(driver, "budget-initiative")

    # side by side with the seed's copy: the same figures
    driver.get(lindring.url("/budget"))
    seeded = [
        box for box in driver.find_elements(By.CSS_SELECTOR, "#initiative-list input[type=checkbox][name=id]")
        if box.get_attribute("aria-label") == f"Vælg {TRAINING}"
    ]
    assert len(seeded) == 2, f"/budget lists {len(seeded)} initiatives titled {TRAINING!r}, not the seed's and the new one"
    for box in seeded:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        box.click()
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[normalize-space(.)='Sammenlign de valgte']"))
    assert path_of(driver) == "/budget/compare", describe_page(driver)
    assert initiative in parse_qs(urlsplit(driver.current_url).query).get("id", []), driver.current_url
    rows = [cells(row) for row in driver.find_elements(By.CSS_SELECTOR, "#compare-years tbody tr")]
    assert [row[2:] for row in rows] == [["1,8", "1,5", "1,5", "1,5", "6,3"]] * 2 + [["3,6", "3,0", "3,0", "3,0", "12,6"]], rows

    # the print: the region's form, with the same total, and nothing of the app around it
    driver.get(lindring.url(f"/budget/initiatives/{initiative}"))
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Udskriftsvenlig version"))
    assert path_of(driver) == f"/budget/initiatives/{initiative}/print", describe_page(driver)
    assert_clean_page(driver, "the print")
    article = visible(driver, "article#initiative-print", "the printable initiative")
    heading = article.find_element(By.XPATH, "./*[1]")  # the region's form heading, shown in capitals
    assert heading.get_attribute("textContent").strip() == "Region Hovedstaden · Budgetforslag", heading.get_attribute("outerHTML")
    assert article.find_element(By.TAG_NAME, "h1").text == TRAINING
    assert driver.find_element(By.ID, "print-total").text == "6,3 mio. kr."
    assert article.find_element(By.ID, "total-all").text == "6,3"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    printed = driver.execute_script(
        "const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';"
        "return {article: shown(document.getElementById('initiative-print')),"
        " around: [...document.querySelectorAll('.no-print, .site-header, nav, .site-footer')].filter(shown)"
        "   .map(e => e.tagName.toLowerCase() + '.' + e.className)};"
    )
    screenshot(driver, "budget-initiative-print")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert printed["article"], "the initiative is not printed"
    assert not printed["around"], f"the print shows the app around the form: {printed['around']}"


# --- the allocation and its follow-up -----------------------------------------------------------


def csv_file(tmp_path, name: str, lines: list[str]) -> tuple[str, str]:
    """Writes a CSV file as the finance system exports it; returns its path and content."""
    content = "\n".join(["month;part;costType;amount", *lines]) + "\n"
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path), content


def next_month(today: date) -> str:
    return f"{today.year + 1}-01" if today.month == 12 else f"{today.year}-{today.month + 1:02d}"


def import_file(driver: WebDriver, path: str, content: str, what: str) -> None:
    """Chooses the file in #csv-file (the page's script reads it into #csv) and imports it."""
    chooser = field(driver, "csv-file")
    chooser.send_keys(path)
    wait_for_value(driver, "csv", content, what)
    submit_and_wait(driver, driver.find_element(By.ID, "import-button"))


def test_a_finance_officer_follows_up_the_palliation_package_with_a_year_of_actuals(lindring: LindringServer, browsers, tmp_path):
    today = datetime.now(CPH).date()
    year = today.year
    months = [f"{year}-{month:02d}" for month in range(1, today.month + 1)]

    driver = browsers()
    sign_in(driver, lindring, FINANCE)
    driver.get(lindring.url("/budget/allocations/new"))
    assert_clean_page(driver, "the new allocation")
    fill(driver, "name", PACKAGE)
    fill(driver, "organisation", "Region Hovedstaden")
    set_date(driver, field(driver, "decidedOn"), date(2024, 9, 19))
    fill(driver, "successor", "Region Østdanmark")
    set_date(driver, field(driver, "successorFrom"), date(2027, 1, 1))
    fill(driver, "firstYear", "2025")
    # by column position from the first year, as in the initiative's grid
    assert grid_years(driver, "form.allocation-form table.amounts-grid")[0] == 2025
    for index, (code, name, activity, salaries, fte) in enumerate(PARTS):
        fill(driver, f"parts[{index}].code", code)
        fill(driver, f"parts[{index}].name", name)
        choose(driver, f"parts[{index}].activity", activity)
        for position, amount in enumerate(salaries):
            fill_cell(driver, f"parts[salaries.y{position}][{index}]", amount)
            fill_cell(driver, f"parts[fte.y{position}][{index}]", fte)
    submit_and_wait(driver, driver.find_element(By.ID, "save-allocation"))
    allocation = budget_id(driver, "allocations")
    assert parse_qs(urlsplit(driver.current_url).query).get("notice") == ["allocationCreated"], describe_page(driver)
    assert_clean_page(driver, "the new allocation's follow-up")
    assert "Videreføres af Region Østdanmark fra 01.01.2027" in driver.find_element(By.CSS_SELECTOR, "main .lead").text
    driver.get(lindring.url("/budget"))
    listed = driver.find_element(By.XPATH, f"//section[@id='allocations']//li[.//a[contains(@href, '{allocation}')]]").text
    assert "2025: 2.600.000 kr. · 2026: 2.500.000 kr." in listed, listed
    follow_up = lindring.url(f"/budget/allocations/{allocation}?year={year}")
    driver.get(follow_up)

    # a file with bad lines: refused, naming them, and nothing of it booked
    bad_path, bad_content = csv_file(tmp_path, "bad.csv", [
        f"{months[0]};24-7;salaries;120000,50",
        f"{months[0]};XYZ;salaries;1000",  # line 3: no such part
        f"{next_month(today)};24-7;salaries;1000",  # line 4: not yet
    ])
    import_file(driver, bad_path, bad_content, "the bad file")
    assert_refused(driver, "the bad file")
    errors = visible(driver, "#import-errors", "the import's errors").text
    assert "Linje 3:" in errors and "Linje 4:" in errors and "Linje 2:" not in errors, errors
    assert "Filen er indlæst" not in driver.find_element(By.TAG_NAME, "main").text
    driver.get(follow_up)
    spent = row_of(driver.find_element(By.ID, "activity-24-7"), "Forbrug (kr.)")
    assert set(spent[1:13]) == {"–"}, f"the refused file booked something: {spent}"

    # a year of actuals, up to this month
    lines = [f"{month};{part};{cost_type};{amount}" for month in months for part, cost_type, amount in MONTHLY_ACTUALS]
    good_path, good_content = csv_file(tmp_path, "actuals.csv", lines)
    import_file(driver, good_path, good_content, "the year's file")
    assert response_status(driver) == 200, describe_page(driver)
    assert f"Filen er indlæst: {len(lines)} linjer bogført." in driver.find_element(By.TAG_NAME, "main").text, describe_page(driver)
    driver.get(follow_up)
    assert_clean_page(driver, "the follow-up")
    month_total = sum(number(amount) for _, _, amount in MONTHLY_ACTUALS)
    assert number(driver.find_element(By.ID, "actual-to-date").text.split(" kr.")[0]) == month_total * len(months)
    one(driver, "svg.chart.budget-spending", "the spending chart")
    one(driver, "#spending", "the spending table")

    # the cost per contact beside the advisory line's contacts
    activity = driver.find_element(By.ID, "activity-24-7")
    spent = row_of(activity, "Forbrug (kr.)")[1:13]
    contacts = row_of(activity, "Henvendelser")[1:13]
    costs = row_of(activity, "Pris pr. enhed (kr. pr. henvendelse)")
    per_month = Decimal("120000.50") + Decimal("4500")
    assert [number(cell) for cell in spent[: len(months)]] == [per_month] * len(months), spent
    contacts_so_far = sum(number(cell) for cell in contacts[: len(months)])
    assert contacts_so_far > 0, f"the demo has no advisory contacts in {year}: {contacts}"
    cost = (per_month * len(months) / contacts_so_far).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert costs[-1] == kroner(cost), f"the year's cost per contact is {costs[-1]}, not {kroner(cost)} ({costs})"
    first = (per_month / number(contacts[0])).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert costs[1] == kroner(first), costs
    part = driver.find_element(By.ID, "part-24-7")
    sentence = part.find_element(By.CSS_SELECTOR, ".cost-per-unit").text
    assert f"{kroner(cost)} kr. pr. henvendelse i {year} indtil nu" in sentence, sentence
    assert part.find_elements(By.CSS_SELECTOR, "svg.chart.budget-activity"), "no chart of the advisory line's contacts"
    # the working group's part shows the region's indicators month by month: shares, never a made-up zero
    ten_days = row_of(driver.find_element(By.ID, "activity-ARB"), "Første kontakt senest 10 dage efter henvisning (regionen)")
    assert re.fullmatch(r"\d+(,\d)? %", ten_days[-1]), ten_days
    screenshot(driver, "budget-follow-up")


def test_the_auditor_reads_the_demo_package_on_a_phone(lindring: LindringServer, browsers):
    phone = browsers(phone=True)
    sign_in(phone, lindring, AUDITOR)
    phone.get(lindring.url("/budget"))
    package = phone.find_element(By.XPATH, "//section[@id='allocations']//a[normalize-space(.)='Palliationspakken 2025']")
    phone.get(package.get_attribute("href"))
    assert_clean_page(phone, "the demo package's follow-up on a phone")
    visible(phone, "#follow-up-facts #actual-to-date", "the spending to date")
    one(phone, "svg.chart.budget-spending", "the spending chart")
    assert row_of(phone.find_element(By.ID, "activity-24-7"), "Henvendelser")[-1] != "0", "the demo's advisory line has no contacts"
    sentence = one(phone, "#part-24-7 .cost-per-unit", "the cost per contact").text
    assert re.search(r"[\d.]+ kr\. pr\. henvendelse i \d{4} indtil nu", sentence), sentence
    assert row_of(phone.find_element(By.ID, "activity-ARB"), "Døde på det ønskede sted (regionen)"), "the working group's indicators"
    # reading only: no forms to book, import or carry over
    assert not phone.find_elements(By.CSS_SELECTOR, "#record form, #import form, #carry-over form, #csv-file")
    screenshot(phone, "budget-follow-up-phone")

    # the wide tables scroll inside their box; the page itself fits the phone
    assert_phone_width(phone, "the follow-up")


# --- who may ------------------------------------------------------------------------------------


def test_the_clinician_is_refused_the_budget_and_the_auditor_its_forms(lindring: LindringServer, browsers):
    clinician = browsers()
    sign_in(clinician, lindring, CLINICIAN)
    assert not clinician.find_elements(By.CSS_SELECTOR, "#main-nav a[href='/budget']"), "the clinician's menu offers the budget"
    clinician.get(lindring.url("/budget"))
    assert error_page_status(clinician) == "403" and response_status(clinician) == 403, describe_page(clinician)

    auditor = browsers()
    sign_in(auditor, lindring, AUDITOR)
    auditor.get(lindring.url("/budget"))
    assert_clean_page(auditor, "the auditor's /budget")
    assert auditor.find_elements(By.CSS_SELECTOR, "#initiative-list tbody tr"), describe_page(auditor)
    assert not auditor.find_elements(By.CSS_SELECTOR, "a[href='/budget/initiatives/new'], a[href='/budget/allocations/new']")
    for path in ("/budget/initiatives/new", "/budget/allocations/new"):
        auditor.get(lindring.url(path))
        assert error_page_status(auditor) == "403", f"{path}: {describe_page(auditor)}"
