"""No table header without a name (issue 14): axe's `empty-table-header` is a best-practice rule,
outside the WCAG tags the axe crawl runs, so an empty `<th>` is caught here, in every template."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

EMPTY_HEADER = re.compile(r"<th\b[^>]*>\s*</th>")


def test_no_template_has_an_empty_table_header():
    empty = [
        f"{template.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for template in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for match in EMPTY_HEADER.finditer(template.read_text())
    ]
    assert empty == []
