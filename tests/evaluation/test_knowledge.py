"""Scoring the knowledge layer: gold items paired with records, fields compared, misses kept
with their evidence sentence (hand-made records, no extractor)."""

from __future__ import annotations

from pathlib import Path

from dyad.evaluation.gold import ArticleGold, GoldAgreement, GoldClaim, GoldInstitution
from dyad.evaluation.knowledge import (
    closest_sentence,
    knowledge_json,
    score_knowledge,
    sentence_starting,
    words,
)
from dyad.knowledge.model import (
    Agreement,
    AgreementStep,
    Claim,
    Evidence,
    Institution,
    KnowledgeBase,
    Party,
    Stance,
    StatusFact,
    When,
)

TEXT = ("Japan froze talks on a new investment agreement with Russia. "
        "Sudan denied accusations that its air force bombed Chad. "
        "The mission began in January.")
DAY = When("2024-07-02", "", "day", "stated")


def evidence(sentence: str) -> Evidence:
    return Evidence("t", 0, sentence, (0, 1))


def agreement(name: str, status_kind: str, *codes: str) -> Agreement:
    parties = tuple(Party(c, c) for c in codes)
    step = AgreementStep(status_kind, DAY, parties, evidence("Japan froze talks"))
    return Agreement(f"agr-{name}", "agreement", name, parties, "", (step,),
                     (evidence("Japan froze talks"),))


def claim(gist: str, *stances: tuple[str, str]) -> Claim:
    return Claim(f"clm-{gist}", gist, gist, "bomb", ("SDN",), "chad",
                 tuple(Stance(role, Party(code, code), DAY, evidence(gist))
                       for role, code in stances))


def article(**kinds: object) -> ArticleGold:
    return ArticleGold(file="t.txt", path=Path("t.txt"), line=1, **kinds)  # type: ignore[arg-type]


def test_words_are_stems_without_generic_words() -> None:
    assert words("The Investment Agreement") == {"inves"}
    assert words("harbors") == words("harboring") == {"harbo"}


def test_sentences_for_misses() -> None:
    assert sentence_starting(TEXT, "Sudan denied") == (
        "Sudan denied accusations that its air force bombed Chad.")
    assert closest_sentence(TEXT, "The mission started in January") == (
        "The mission began in January.")


def test_agreements_paired_by_words_then_fields_compared() -> None:
    gold = article(agreements=(
        GoldAgreement("New Japan-Russia investment agreement", ("JPN", "RUS"), "suspended"),
        GoldAgreement("Japan-Russia space agreement", ("JPN", "RUS"), "suspended"),
    ))
    kb = KnowledgeBase(agreements=(agreement("investment agreement", "suspended", "JPNGOV"),))
    report = score_knowledge([gold], [TEXT], [kb])
    score = report.kinds["agreements"]
    assert (score.gold, score.found, score.status_right, score.parties_right) == (2, 1, 1, 0)
    problems = [(m.gold.split(" [")[0], m.problem) for m in report.misses]
    assert problems == [("New Japan-Russia investment agreement", "parties JPN, gold JPN, RUS"),
                        ("Japan-Russia space agreement", "not found")]


def test_claims_standing_and_answerer() -> None:
    gold = article(claims=(GoldClaim("Sudan's air force bombed Chad", "TCD", "disputed", "SDN"),))
    answered = claim("its air force bombed Chad", ("claimant", "TCD"), ("disputer", "SDNGOV"))
    report = score_knowledge([gold], [TEXT], [KnowledgeBase(claims=(answered,))])
    score = report.kinds["claims"]
    assert (score.found, score.status_right, score.contested, score.contested_right) == (
        1, 1, 1, 1)
    wrong = claim("its air force bombed Chad", ("claimant", "TCD"), ("refuter", "IGO"))
    report = score_knowledge([gold], [TEXT], [KnowledgeBase(claims=(wrong,))])
    assert report.kinds["claims"].contested_right == 0
    assert report.misses[0].problem == "standing refuted, gold disputed"
    assert report.misses[0].evidence.startswith("Sudan denied accusations")


def test_institutions_status_owner_and_json() -> None:
    gold = article(institutions=(GoldInstitution("the mission (UNAMID)", "", "operating",
                                                 "The mission began"),))
    fact = StatusFact("operating", "begin", DAY, evidence("The mission began in January."))
    mission = Institution("ins-1", "mission", "mission", None, (), (fact,),
                          (evidence("The mission began in January."),))
    report = score_knowledge([gold], [TEXT], [KnowledgeBase(institutions=(mission,))])
    data = knowledge_json(report)
    assert data["institutions"] == {"gold": 1, "found": 1, "found_ratio": 1.0,
                                    "status_right": 1, "status_ratio": 1.0,
                                    "parties_right": 1, "parties_ratio": 1.0,
                                    "extracted": 1, "paired": 1}
    assert data["misses"] == []


def test_a_failed_extraction_finds_nothing() -> None:
    gold = article(claims=(GoldClaim("Sudan bombed Chad", "TCD", "asserted"),))
    report = score_knowledge([gold], [TEXT], [None])
    assert report.kinds["claims"].found == 0 and report.misses[0].problem == "not found"
