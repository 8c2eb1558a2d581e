"""The API's agreement document versions and signed copies (issue 23), per role and committee."""

from __future__ import annotations

import hashlib

import pytest

from contracting.tests.factories import stand_in
from participants.tests.factories import AgreementFactory, CommitteeFactory
from partnerships.models import AgreementParty, Partner

VERSIONS = "/api/v1/agreement-document-versions/"
SIGNATURES = "/api/v1/agreement-signatures/"


@pytest.fixture
def documents(seed, official):
    ikf, hoppfull = seed["ikf2023"], seed["hoppfull"]
    stand_in(ikf, by=official)
    stand_in(hoppfull, by=official, decided=False, signed=False)
    other_committee = AgreementFactory(
        committee=CommitteeFactory(name="Socialnämnden (fiktiv)", abbreviation="SN")
    )
    AgreementParty.objects.create(agreement=other_committee, partner=Partner.objects.create(name="Annan"))
    stand_in(other_committee, by=official)
    return {"ikf": ikf, "hoppfull": hoppfull, "other": other_committee}


def _agreements(response) -> list[int]:
    return sorted(item["agreement"] for item in response.json()["results"])


def test_each_role_reaches_its_own_committees_versions_and_signatures(api, tokens, documents):
    ikf, hoppfull = documents["ikf"].pk, documents["hoppfull"].pk
    expected_versions = {
        "official": sorted([ikf, hoppfull]),
        "secretary": sorted([ikf, hoppfull]),
        "coordinator": [],
        "partner": [ikf],  # the decided version of its own decided agreement only
        "administrator": sorted([ikf, hoppfull, documents["other"].pk]),
    }
    got = {role: _agreements(api(tokens[role]).get(VERSIONS)) for role in expected_versions}
    assert got == expected_versions
    signatures = {role: _agreements(api(tokens[role]).get(SIGNATURES)) for role in expected_versions}
    assert signatures == {
        "official": [ikf],
        "secretary": [ikf],
        "coordinator": [],
        "partner": [],
        "administrator": sorted([ikf, documents["other"].pk]),
    }


def test_a_version_and_a_signature_say_what_was_stored_and_found(api, tokens, documents):
    response = api(tokens["official"]).get(VERSIONS, {"agreement": documents["ikf"].pk})
    (version,) = response.json()["results"]
    assert version["number"] == 1 and version["decided"] is True
    assert version["sha256"] == hashlib.sha256(b"%PDF-1.7").hexdigest()
    assert version["text"].startswith("Överenskommelse")
    (signature,) = api(tokens["official"]).get(SIGNATURES).json()["results"]
    assert signature["signer"] == "Common Name: Kommunen" and signature["version"] == 1
    assert signature["party"] == "municipality" and signature["partner"] is None
    other = api(tokens["official"]).get(f"{VERSIONS}{documents['other'].document.versions.get().pk}/")
    assert other.status_code == 404


def test_a_browser_session_reaches_neither(client, official, documents):
    client.force_login(official)
    assert client.get(VERSIONS).status_code == 401
    assert client.get(SIGNATURES).status_code == 401
