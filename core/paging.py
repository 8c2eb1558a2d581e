"""Pages of long lists whose count is bounded (issue 22, national scale).

Counting every row of a list that grows with the register (180,000 participants, thousands of
partners) costs a scan of all of them on every page, even the first. `BoundedPaginator` counts
at most `bound` rows (`SELECT COUNT(*) FROM (… LIMIT bound + 1)`), which an index in the list's
order answers by reading that many entries: the first `bound` rows are paged as usual, and the
page says there are more and that a search narrows them, as a search engine does.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

BOUND = 1000


class BoundedPaginator(Paginator):
    """A Paginator over at most `bound` rows; `more` says whether the list holds more."""

    def __init__(self, object_list, per_page: int, *, bound: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.bound = bound or BOUND

    @cached_property
    def _counted(self) -> int:
        """Rows up to one past the bound, in one query that stops there."""
        return self.object_list[: self.bound + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.bound)

    @property
    def more(self) -> bool:
        return self._counted > self.bound
