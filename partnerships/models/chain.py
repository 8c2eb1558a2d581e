"""An agreement's line of predecessors and successors (`Agreement.chain`), in two queries."""

from __future__ import annotations

from django.db import connection

from .agreements import CHAIN_LIMIT, Agreement


def chain_of(self: Agreement) -> list[Agreement]:
    """Every agreement in this one's line, oldest first: predecessors, itself, successors
    (the earliest successor at each step). Two queries however long the line, and only the
    line's rows are read: one recursive query walks the links both ways (issue 10: it used
    to load every agreement's link), one loads the agreements."""
    table = connection.ops.quote_name(self._meta.db_table)
    sql = f"""
        WITH RECURSIVE back(id, predecessor_id, depth) AS (
            SELECT id, predecessor_id, 0 FROM {table} WHERE id = %s
            UNION ALL
            SELECT a.id, a.predecessor_id, back.depth + 1
            FROM {table} a JOIN back ON a.id = back.predecessor_id
            WHERE back.depth < %s
        ),
        forward(id, depth) AS (
            SELECT id, 0 FROM {table} WHERE id = %s
            UNION ALL
            SELECT (SELECT s.id FROM {table} s WHERE s.predecessor_id = forward.id
                    ORDER BY s.valid_from, s.id LIMIT 1),
                   forward.depth + 1
            FROM forward WHERE forward.id IS NOT NULL AND forward.depth < %s
        )
        SELECT id, -depth FROM back
        UNION ALL
        SELECT id, depth FROM forward WHERE id IS NOT NULL AND depth > 0
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [self.pk, CHAIN_LIMIT, self.pk, CHAIN_LIMIT])
        steps = sorted(cursor.fetchall(), key=lambda row: row[1])
    line, seen = [], set()
    for pk, _depth in steps:  # a cycle of links (A before B before A) is cut where it repeats
        if pk not in seen:
            seen.add(pk)
            line.append(pk)
    others = Agreement.objects.in_bulk([pk for pk in line if pk != self.pk])
    return [self if pk == self.pk else others[pk] for pk in line]
