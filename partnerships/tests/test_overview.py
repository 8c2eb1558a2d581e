"""The committee's overview table at /agreements/ (docs/domain.md, follow-up memo, "Översikt IOP")."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Agreement

URL = reverse("partnerships:overview")


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"(?s)<(script|style|head).*?</\1>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")


def rows_of(response) -> list[list[str]]:
    table = response.content.decode().split("<tbody", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"(?s)<tr.*?</tr>", table)
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).replace("\u00a0", " ").strip()
            for cell in re.findall(r"(?s)<td.*?</td>", row)
        ]
        for row in rows
    ]


def test_2022_overview_shows_exactly_the_five_seed_rows_and_sums(client, official, seed):
    client.force_login(official)
    response = client.get(URL, {"year": 2022})
    assert response.status_code == 200
    rows = rows_of(response)
    assert [(r[0], r[1], r[4], r[5], r[6]) for r in rows] == [
        ("Hoppfull framtid", "Linköpings Stadsmission", "2 080 500 kr", "1 100 000 kr", "23.12.31"),
        ("Bro-modellen", "Bilda, Erikshjälpen", "1 791 200 kr", "1 150 000 kr", "23.12.31"),
        ("Vi Ses!", "Röda Korset", "1 156 000 kr", "600 000 kr", "23.12.31"),
        ("Kompletterande språkträning", "Bilda, bildningsnämnden", "897 626 kr", "295 000 kr", "23.12.31"),
        (
            "Inkludering på lika villkor",
            "Internationella Kvinnoföreningen",
            "454 000 kr",
            "230 000 kr",
            "22.12.31",
        ),
    ]
    assert [r[2] for r in rows] == [
        "delvis självständig → mycket självständig",
        "förberedande arbetsträning, delvis självständig → mycket självständig",
        "individer i behov av språkträning, privata näringslivet, Linköpings kommun",
        "individer som pga föräldraledighet ej kan delta i SFI",
        "förberedande arbetsträning",
    ]
    footer = response.content.decode().split("<tfoot", 1)[1]
    assert "6\u00a0379\u00a0326\u00a0kr" in footer and "3\u00a0375\u00a0000\u00a0kr" in footer
    page = text_of(response)
    for heading in [
        "Namn",
        "Samverkanspart/-er",
        "Kategorisering/målgrupp",
        "Verksamhetens syfte",
        "Beräknat värde/år",
        "Kostnad AN/år",
        "Giltighet",
    ]:
        assert heading in page


def test_2024_overview_shows_ikf_indexed_two_percent(client, official, seed):
    client.force_login(official)
    rows = rows_of(client.get(URL, {"year": 2024}))
    assert [(r[0], r[4], r[5], r[6]) for r in rows] == [
        ("Inkludering på lika villkor", "918 000 kr", "459 000 kr", "24.12.31")
    ]


def test_default_year_is_the_latest_with_agreements_when_this_year_has_none(
    client, official, seed, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 11, 22))
    client.force_login(official)
    response = client.get(URL)
    assert response.context["year"] == 2024


def test_default_year_is_this_year_when_it_has_agreements(client, official, seed, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2022, 5, 1))
    client.force_login(official)
    assert client.get(URL).context["year"] == 2022


def test_links_to_every_year_with_agreements(client, official, seed):
    client.force_login(official)
    response = client.get(URL, {"year": 2022})
    assert response.context["years"] == [2020, 2021, 2022, 2023, 2024]
    assert 'href="?year=2021"' in response.content.decode()


def test_filter_by_status(client, official, seed, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *a, **k: date(2022, 5, 1)
    )  # 2022 is this year
    Agreement.objects.filter(name="Vi Ses!").update(stage=Agreement.Stage.DRAFT)
    client.force_login(official)
    drafts = rows_of(client.get(URL, {"year": 2022, "status": "draft"}))
    assert [r[0] for r in drafts] == ["Vi Ses! utkast"]
    active = rows_of(client.get(URL, {"year": 2022, "status": "active"}))
    assert len(active) == 4


def test_sortable_by_committee_cost(client, official, seed):
    client.force_login(official)
    rows = rows_of(client.get(URL, {"year": 2022, "sort": "committee_cost"}))
    assert [r[5] for r in rows] == ["230 000 kr", "295 000 kr", "600 000 kr", "1 100 000 kr", "1 150 000 kr"]


def test_a_bad_year_is_not_found(client, official, seed):
    client.force_login(official)
    assert client.get(URL, {"year": "abc"}).status_code == 404


def test_query_count_does_not_grow_with_agreements(client, official, seed):
    client.force_login(official)

    def count(*, cached: bool = False) -> int:
        from django.core.cache import cache

        if not cached:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"year": 2022}).status_code == 200
        return len(queries)

    before = count()
    assert count(cached=True) < before  # the rows come from the cache
    template = Agreement.objects.get(name="Hoppfull framtid")
    for number in range(12):
        copy = Agreement.objects.create(
            name=f"Extra {number}",
            committee=template.committee,
            purpose="x",
            value_per_year=Decimal(1000 + number),
            committee_cost_per_year=Decimal(500),
            price_level_year=2022,
            valid_from=date(2022, 1, 1),
            valid_to=date(2022, 12, 31),
            stage=Agreement.Stage.DECIDED,
        )
        for party in template.parties.all():
            copy.parties.create(partner=party.partner, role=party.role)
    assert count() == before
    assert count(cached=True) < before


def test_drafts_are_left_out_of_the_figures_unless_asked_for(client, official, seed):
    client.force_login(official)
    client.post(reverse("partnerships:agreement_renew", args=[seed["hoppfull"].pk]))  # a 2024–2026 draft
    rows = rows_of(client.get(URL, {"year": 2024}))
    assert [(r[0], r[5]) for r in rows] == [("Inkludering på lika villkor", "459 000 kr")]
    drafts = rows_of(client.get(URL, {"year": 2024, "status": "draft"}))
    assert [r[0] for r in drafts] == ["Hoppfull framtid utkast"]


def test_status_is_as_at_the_end_of_the_year_shown(client, official, seed, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 11, 22))
    client.force_login(official)
    active_2022 = rows_of(client.get(URL, {"year": 2022, "status": "active"}))
    assert len(active_2022) == 5
    assert rows_of(client.get(URL, {"year": 2022, "status": "ended"})) == [
        ["Inga överenskommelser gäller detta år."]
    ]


def test_build_overview_is_the_seed_table_with_its_sums_and_heading(seed):
    from partnerships.overview import build_overview, overview_committee

    overview = build_overview(Agreement.objects.decided(), year=2022, committee=overview_committee())
    assert [row.name for row in overview.rows] == [
        "Hoppfull framtid",
        "Bro-modellen",
        "Vi Ses!",
        "Kompletterande språkträning",
        "Inkludering på lika villkor",
    ]
    assert (overview.total_value, overview.total_committee_cost) == (Decimal(6379326), Decimal(3375000))
    assert [heading for _key, heading in overview.headings][4:6] == ["Beräknat värde/år", "Kostnad AN/år"]
    assert build_overview(Agreement.objects.decided(), year=2022).cost_heading == "Kostnad nämnd/år"


def test_a_saved_change_reaches_the_cached_overview(client, official, seed):
    client.force_login(official)
    assert rows_of(client.get(URL, {"year": 2022}))[2][5] == "600 000 kr"  # Vi Ses!, now cached
    vises = Agreement.objects.get(name="Vi Ses!")
    vises.committee_cost_per_year = Decimal(610_000)
    vises.save()
    assert rows_of(client.get(URL, {"year": 2022}))[2][5] == "610 000 kr"
    party = vises.parties.get()
    party.partner.name = "Svenska Röda Korset"
    party.partner.save()
    assert rows_of(client.get(URL, {"year": 2022}))[2][1] == "Svenska Röda Korset"
    Agreement.objects.get(name="Bro-modellen").parties.get(partner__name="Erikshjälpen").delete()
    assert rows_of(client.get(URL, {"year": 2022}))[1][1] == "Bilda"


def test_the_cache_key_holds_the_data_version_so_every_worker_sees_a_change(seed):
    """The version is read from the database (the newest history rows), not from a signal in
    one process: a change made by another worker process is seen at once."""
    from partnerships.overview import data_version

    before = data_version()
    Agreement.objects.get(name="Vi Ses!").parties.get().delete()
    assert data_version() != before


def test_pages_of_rows_with_sums_over_every_row(client, official, seed, monkeypatch):
    monkeypatch.setattr("partnerships.views.OVERVIEW_PAGE_SIZE", 2)
    client.force_login(official)
    first = client.get(URL, {"year": 2022})
    assert [r[0] for r in rows_of(first)] == ["Hoppfull framtid", "Bro-modellen"]
    footer = first.content.decode().split("<tfoot", 1)[1]
    assert "6\u00a0379\u00a0326\u00a0kr" in footer and "3\u00a0375\u00a0000\u00a0kr" in footer
    last = client.get(URL, {"year": 2022, "page": 3, "sort": "-committee_cost"})
    assert [r[0] for r in rows_of(last)] == ["Inkludering på lika villkor"]
    assert "Sida 3 av 3" in text_of(last)


def test_sorting_a_column_twice_sorts_it_descending(client, official, seed):
    client.force_login(official)
    ascending = client.get(URL, {"year": 2022, "sort": "committee_cost"})
    assert 'aria-sort="ascending"' in ascending.content.decode()
    assert "sort=-committee_cost" in ascending.content.decode()
    rows = rows_of(client.get(URL, {"year": 2022, "sort": "-committee_cost"}))
    assert [r[5] for r in rows] == ["1 150 000 kr", "1 100 000 kr", "600 000 kr", "295 000 kr", "230 000 kr"]
