"""The `lindring` command line against a running server's database: audit verification,
backups, accounts, migrations. Tests run in file order; the tampering test comes last."""
import sqlite3
import subprocess
from pathlib import Path

import requests


def sqlite_path(lindring) -> Path:
    assert lindring.database_url and lindring.database_url.startswith("sqlite://"), "these tests need the SQLite server"
    return Path(lindring.database_url[len("sqlite://"):])


def test_migrate_reports_an_up_to_date_database(lindring):
    result = lindring.cli("migrate")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def test_binary_serves_its_bundled_assets_from_another_working_directory(lindring):
    # The server was started in a temporary folder, not the repository.
    assert lindring.workdir is not None and Path.cwd() != lindring.workdir
    response = requests.get(lindring.url("/assets/app.css"), timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")


def test_create_user_reads_the_password_from_stdin_and_enforces_the_policy(lindring):
    base = [str(lindring.binary), "create-user", "--username", "hanne.b", "--name", "Hanne Berg",
            "--role", "advisor", "--role", "clinician", "--unit", "PAL-247", "--profession", "nurse", "--password-stdin"]
    weak = subprocess.run(base, env=lindring.env, input="password1234\n", capture_output=True, text=True, timeout=120)
    assert weak.returncode != 0
    assert "commonPassword" in weak.stderr + weak.stdout
    ok = subprocess.run(base, env=lindring.env, input="en lang og sikker sætning\n", capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "hanne.b" in ok.stdout


def test_backup_writes_a_consistent_copy_and_refuses_to_overwrite(lindring, tmp_path):
    target = tmp_path / "backup.sqlite"
    first = lindring.cli("backup", "--to", str(target))
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM users").fetchone()[0] >= 7
    second = lindring.cli("backup", "--to", str(target))
    assert second.returncode != 0
    assert "refusing" in (second.stderr + second.stdout)


def test_audit_verify_reports_an_altered_row(lindring):
    intact = lindring.cli("audit", "verify")
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "intact" in intact.stdout

    with sqlite3.connect(sqlite_path(lindring)) as db:
        db.execute("UPDATE audit_entries SET username = 'mallory' WHERE seq = 3")

    broken = lindring.cli("audit", "verify")
    assert broken.returncode == 1
    assert "entry 3" in broken.stdout
