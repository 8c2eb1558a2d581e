"""Pages of the API's lists: 50 rows by default, `?page_size=` up to 200 (a bounded page, so no
request reads a whole table)."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
