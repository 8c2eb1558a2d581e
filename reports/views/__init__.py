"""Pages for follow-ups and memos, one module per resource."""
