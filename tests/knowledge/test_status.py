"""Status questions: which records a query names, related agreements and claims, the text."""

from __future__ import annotations

from dyad.knowledge import answer_status, describe, select_agreements, select_institutions
from tests.knowledge.conftest import Extract

ARTICLE = (
    "Moscow closed the Finnish consulate in St. Petersburg in 2023. "
    "Finland suspended its agreements on the Finnish consulate in St. Petersburg last week. "
    "The Kremlin denied reports that it had closed the Finnish Institute in Moscow."
)


def test_status_answer_names_institution_agreements_and_claims(extract: Extract) -> None:
    kb = extract(ARTICLE)
    answer = answer_status(kb, "Finnish consulate")
    (item,) = answer.institutions
    assert item.status == "closed" and item.institution.locations == ("St. Petersburg",)
    assert [a.status for a in item.agreements] == ["suspended"]
    lines = answer.lines()
    assert lines[0].startswith("Finnish consulate in St. Petersburg [consulate, ins-")
    assert any("closed because close, 2023" in line for line in lines)


def test_status_claims_about_an_institution(extract: Extract) -> None:
    answer = answer_status(extract(ARTICLE), "Finnish Institute")
    (item,) = answer.institutions
    assert item.status == "operating"
    assert [c.standing for c in item.claims] == ["disputed"]  # denied by the accused side
    assert any(
        line.startswith('  claim "it had closed the Finnish Institute"') for line in answer.lines()
    )


def test_status_unknown_query(extract: Extract) -> None:
    answer = answer_status(extract(ARTICLE), "Goethe Institute")
    assert not answer.found and answer.lines() == ["nothing known about 'Goethe Institute'"]


def test_status_agreement_query_without_institution(extract: Extract) -> None:
    kb = extract("Russia suspended its participation in the New START treaty in February 2023.")
    answer = answer_status(kb, "New START")
    assert answer.institutions == () and [a.status for a in answer.agreements] == ["suspended"]
    lines = answer.lines()
    assert lines[1].startswith("  status suspended since 2023-02, as stated in: \"Russia "
                               "suspended its participation")
    assert lines[2] == "  where each party stands: RUS suspended 2023-02"
    assert lines[3].startswith("  suspended 2023-02 by Russia (RUS):")
    assert answer.to_dict()["agreements"][0]["status"] == "suspended"


def test_status_a_stated_date_outranks_an_inferred_one(extract: Extract) -> None:
    kb = extract("Russia's termination of the Kuril fisheries agreements angered Tokyo.\n\n"
                 "Last week, Prime Minister Mishustin signed an order suspending the Kuril "
                 "fisheries agreements.")
    (agreement,) = kb.agreements
    assert agreement.status == "suspended"
    lines = describe(agreement)
    assert lines[0].endswith(": suspended (also terminated)")
    assert lines[1].startswith("  status suspended since 2024-06-25, as stated in: \"Last week")
    assert lines[2].startswith("  also terminated since 2024-06-25, as stated in: \"Russia's")


def test_status_a_party_withdrawing_from_a_multilateral_treaty(extract: Extract) -> None:
    kb = extract("Russia revoked its ratification of the Comprehensive Nuclear-Test-Ban Treaty "
                 "(CTBT) in 2023. France ratified the CTBT in 1998.")
    (treaty,) = kb.agreements
    standing = next(line for line in describe(treaty) if "where each party stands" in line)
    assert "RUS withdrawn 2023" in standing and "FRA ratified 1998" in standing


def test_status_selections(extract: Extract) -> None:
    kb = extract(ARTICLE)
    assert [a.status for a in select_agreements(kb, party="FIN")] == ["suspended"]
    assert select_agreements(kb, status="terminated") == []
    assert [i.name for i in select_institutions(kb, status="operating")] == ["Finnish Institute"]


def test_status_describe_each_record(extract: Extract) -> None:
    kb = extract(ARTICLE)
    (agreement,) = kb.agreements
    assert describe(agreement)[0].startswith("agreement agreements on Finnish consulate")
    assert describe(kb.claims[0])[0] == 'claim "it had closed the Finnish Institute" [' + (
        kb.claims[0].id + "]: disputed"
    )
    assert describe(kb.institutions[0])[0].endswith(": closed")


def test_status_finds_an_agreement_by_its_acronym(extract: Extract) -> None:
    kb = extract("North Korea withdrew from the Nuclear Non-Proliferation Treaty (NPT).")
    answer = answer_status(kb, "NPT")
    assert [a.name for a in answer.agreements] == ["Nuclear Non-Proliferation Treaty"]


def test_status_a_limit_shows_the_first_records_and_counts_the_others(extract: Extract) -> None:
    kb = extract("Moscow closed the Finnish consulate in St. Petersburg in 2023. "
                 "Finland suspended the 1990 visa agreement with Russia last week. "
                 "Finland terminated the 1995 fisheries agreement with Russia in May. "
                 "Finland signed a border agreement with Estonia in June.")
    every = answer_status(kb, "agreement", limit=None)
    assert len(every.agreements) == 3 and every.totals == (0, 3, 0)
    first = answer_status(kb, "agreement", limit=1)
    assert [a.id for a in first.agreements] == [every.agreements[0].id]
    assert first.totals == (0, 3, 0) and first.left_out == (0, 2, 0)
    assert first.lines()[-1] == ("the query also names 2 more agreements "
                                 "(dyad agreements --q 'agreement')")
    assert first.to_dict()["totals"] == {"institutions": 0, "agreements": 3, "claims": 0}
    assert not any("also names" in line for line in every.lines())
