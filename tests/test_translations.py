"""The UI speaks Vietnamese: every message id has a Vietnamese translation, compiled.

`make messages` (scripts/messages) refreshes the catalogues from the source; these tests fail
when a catalogue misses a message, has an empty or fuzzy one, or its .mo is stale.
"""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
CATALOGUES = [*sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")), PROJECT_CATALOGUE]


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {_name(po_path)}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {_name(po_path)}: {fuzzy[:10]}"

    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    assert compiled == source, f"{_name(po_path)}: the .mo is stale; run make messages"


def _extract(source_dir: Path, tmp_path: Path) -> set[str]:
    """The message ids `makemessages` finds in a copy of `source_dir`."""
    copy = tmp_path / source_dir.name
    shutil.copytree(
        source_dir,
        copy,
        ignore=shutil.ignore_patterns("locale", "__pycache__", "migrations"),
    )
    (copy / "locale").mkdir()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "django-admin"), "makemessages", "-l", "vi", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        # makemessages in a bare copy needs no settings; the suite's would not import there
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    po = polib.pofile(str(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    return {entry.msgid for entry in po}


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext")
@pytest.mark.parametrize(
    "po_path", [p for p in CATALOGUES if p.parent.parent.parent.parent != ROOT], ids=_name
)
def test_catalogue_holds_every_message_of_its_app(po_path, tmp_path):
    app_dir = po_path.parents[3]
    committed = {entry.msgid for entry in polib.pofile(str(po_path))}

    missing = _extract(app_dir, tmp_path) - committed

    assert not missing, f"{app_dir.name}: run make messages and translate {sorted(missing)[:10]}"
