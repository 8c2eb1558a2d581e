"""Date arithmetic in SQL that gives the same whole numbers on PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import date

from django.db import NotSupportedError
from django.db.models import BooleanField, DateField, F, Func, IntegerField, Value
from django.db.models.functions import Coalesce, Greatest, Least


class DaysBetween(Func):
    """Whole days from `start` to `end` (end − start; 0 when equal, negative when end is earlier).

    PostgreSQL subtracts two dates as an integer; SQLite stores dates as ISO text, so the
    difference of their Julian day numbers is used. Django's own temporal subtraction gives a
    duration whose representation differs per backend, so it is not used here.
    """

    arity = 2
    output_field = IntegerField()

    def _operands(self, compiler, connection):
        start_sql, start_params = compiler.compile(self.source_expressions[0])
        end_sql, end_params = compiler.compile(self.source_expressions[1])
        return start_sql, end_sql, (*end_params, *start_params)

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(
            f"DaysBetween is implemented for PostgreSQL and SQLite, not {connection.vendor}."
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        start_sql, end_sql, params = self._operands(compiler, connection)
        return f"(({end_sql})::date - ({start_sql})::date)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        start_sql, end_sql, params = self._operands(compiler, connection)
        return f"CAST(julianday({end_sql}) - julianday({start_sql}) AS INTEGER)", params


def date_value(day: date) -> Value:
    return Value(day, output_field=DateField())


def counted_until():
    """The last day a placement counts: its actual end, else its planned end, else the last
    day of its agreement (see `participants.occupancy` for the rule)."""
    return Coalesce(F("actual_end"), F("planned_end"), F("agreement__valid_to"), output_field=DateField())


def overlap_days(first: date, last: date, until=None):
    """Days of [first, last] (both inclusive) that a placement covers, 0 when it covers none.
    `until`: the placement's last counted day, `counted_until()` unless given."""
    start = Greatest(F("start"), date_value(first), output_field=DateField())
    end = Least(until if until is not None else counted_until(), date_value(last), output_field=DateField())
    return Greatest(DaysBetween(start, end) + 1, Value(0), output_field=IntegerField())


class InIds(Func):
    """`field IN (ids)`, for a filter: `.filter(InIds("agreement", [1, 2, 3]))`.

    PostgreSQL gets one array parameter (`= ANY(%s::bigint[])`) instead of one parameter per id:
    a thousand ids cost Django 60 ms to compile and PostgreSQL 30 ms to plan as a list, and almost
    nothing as an array (issue 10, the occupancy of every agreement). SQLite gets the plain list.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, ids, **extra):
        self.ids = [int(pk) for pk in ids]
        super().__init__(F(field), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        if not self.ids:
            return "1 = 0", []
        return f"{sql} IN ({', '.join(['%s'] * len(self.ids))})", (*params, *self.ids)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} = ANY(%s::bigint[])", (*params, self.ids)


class OnlyAsciiDigits(Func):
    """True when a text holds no character but 0–9 (an empty text too; NULL stays NULL).

    For CHECK constraints both databases enforce by themselves: PostgreSQL's regular expression
    and SQLite's GLOB are built in, unlike the REGEXP function Django adds to its own SQLite
    connections only, which would leave the constraint unusable from any other client.
    """

    arity = 1
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(
            f"OnlyAsciiDigits is implemented for PostgreSQL and SQLite, not {connection.vendor}."
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) ~ '^[0-9]*$')", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) NOT GLOB '*[^0-9]*')", params
