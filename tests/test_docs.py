"""The repository stands on its own (issue 25): the code cites the project's docs/, not the
domain reference and committee memos beside the checkout, and every page it cites exists."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SOURCES = [
    path
    for pattern in ("*.py", "*.html", "*.md")
    for path in ROOT.rglob(pattern)
    if not {".venv", "node_modules", ".git", "staticfiles"} & set(path.relative_to(ROOT).parts)
]


def test_nothing_cites_what_is_outside_the_repository():
    outside = re.compile(r"DOMAIN\.md|shared/seeds|seed 00[03]|\.\./shared")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in SOURCES
        # test_memo_pdf compares with the memos where they lie beside the checkout; docs/domain.md
        # names them as its sources
        if path.name not in ("test_memo_pdf.py", "test_docs.py") and path.parts[-2] != "docs"
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), start=1)
        if outside.search(line)
    ]
    assert found == []


def test_every_cited_docs_page_exists():
    cited = {
        match
        for path in SOURCES
        for match in re.findall(r"docs/[\w/.-]+\.md", path.read_text(errors="replace"))
    }
    assert cited and all((ROOT / page).exists() for page in cited), sorted(
        page for page in cited if not (ROOT / page).exists()
    )


def test_the_architecture_names_every_app():
    text = (ROOT / "docs" / "architecture.md").read_text()
    ours = [config.name for config in apps.get_app_configs() if (ROOT / config.name).is_dir()]
    assert [name for name in ours if f"`{name}`" not in text] == []
