"""The Swedish catalogue is complete, compiled, and holds every string the code marks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES"


def catalogue(po: polib.POFile) -> dict[tuple[str, str], object]:
    return {
        (entry.msgctxt or "", entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in po
        if not entry.obsolete and entry.msgid
    }


def test_every_entry_is_translated():
    po = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    po = catalogue(polib.pofile(str(LOCALE / "django.po")))
    mo = catalogue(polib.mofile(str(LOCALE / "django.mo")))
    assert {key: str(value) for key, value in mo.items()} == {key: str(value) for key, value in po.items()}


@pytest.mark.long  # makemessages over the whole tree: a few seconds
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (make test installs it)")
def test_catalogue_holds_every_marked_string(tmp_path):
    """Run makemessages on a copy of the source and compare msgids: none missing, none stale."""
    base = Path(settings.BASE_DIR)
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "staticfiles", "node_modules", "__pycache__", "*.sqlite3", "media"
    )
    copy = tmp_path / "src"
    shutil.copytree(base, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "sv",
            "--no-location",
            "--no-obsolete",
            "--ignore=static/vendor",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    fresh = set(catalogue(polib.pofile(str(copy / "locale/sv/LC_MESSAGES/django.po"))))
    committed = set(catalogue(polib.pofile(str(LOCALE / "django.po"))))
    assert sorted(fresh - committed) == [], "marked in code but missing from django.po: run `make messages`"
    assert sorted(committed - fresh) == [], "stale entries in django.po: run `make messages`"


def test_django_wording_wins_over_third_party_catalogues():
    """An installed app's Swedish catalogue outranks Django's own (Django REST framework says
    "Det här fältet är obligatoriskt." for "This field is required."): every message that Django
    and an installed app both translate, differently, must be in our catalogue with Django's
    words (iop_registry/django_strings.py), so a form's errors do not change with INSTALLED_APPS."""
    from django.apps import apps

    django_sv = Path(django.__file__).parent / "conf/locale/sv/LC_MESSAGES/django.mo"
    django_words = {entry.msgid: entry.msgstr for entry in polib.mofile(str(django_sv))}
    ours = {entry.msgid: entry.msgstr for entry in polib.pofile(str(LOCALE / "django.po"))}
    clashes = {}
    for app in apps.get_app_configs():
        catalogue = Path(app.path) / "locale/sv/LC_MESSAGES/django.mo"
        if not catalogue.exists() or app.name.startswith("django."):
            continue
        for entry in polib.mofile(str(catalogue)):
            if entry.msgstr and django_words.get(entry.msgid, entry.msgstr) != entry.msgstr:
                clashes[entry.msgid] = django_words[entry.msgid]
    assert clashes, "expected at least Django REST framework's clashes"
    assert {msgid: ours.get(msgid) for msgid in clashes} == clashes
