"""Every user-facing string has its English translation, and the compiled catalogues are current.

Strings are written in Bahasa Indonesia (the default language); English comes from each app's
locale/en/LC_MESSAGES/django.po. A string added without a translation fails here, naming it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "netral"
CATALOGUES = sorted(PACKAGE.glob("*/locale/en/LC_MESSAGES/django.po"))


def _app(po_path: Path) -> str:
    return po_path.parents[3].name


def test_there_are_catalogues():
    assert {"web", "accounts"} <= {_app(p) for p in CATALOGUES}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_app)
def test_every_string_is_translated_to_english(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{po_path}: untranslated {untranslated[:5]}"
    assert not fuzzy, f"{po_path}: fuzzy {fuzzy[:5]}"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_app)
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run django-admin compilemessages"
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in polib.pofile(str(po_path)).translated_entries()
    }
    mo = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in polib.mofile(str(mo_path))
    }
    assert po == mo, f"{mo_path} is stale: run django-admin compilemessages"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_app)
def test_catalogue_holds_every_string_in_the_code(po_path, tmp_path):
    """makemessages on a copy of the app finds no string the catalogue lacks."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is missing: scripts/test installs Debian's gettext")
    app_dir = po_path.parents[3]
    copy = tmp_path / app_dir.name
    shutil.copytree(app_dir, copy)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "netral.settings"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in polib.pofile(str(po_path))}
    assert not fresh - known, f"{app_dir.name}: not in the catalogue: {sorted(fresh - known)[:5]}"
