"""Score dyad against gold: article gold (required, optional and forbidden events per text)
and sentence gold (the PLOVER gold standard's shape).

    gold = read_gold("dev/articles/gold.jsonl")          # dyad.evaluation.read
    docs = documents(gold)                                # dyad.evaluation.texts
    coded = [...]                                         # a CodedDocument or TextFailed each
    report = score_articles(gold, coded)                  # dyad.evaluation.score
    as_json([report]); render([report], console)          # dyad.evaluation.report

`dyad evaluate GOLD...` does all of this with the coder `dyad code` uses.
"""

from dyad.evaluation.gold import (
    ArticleGold,
    ArticleGoldFile,
    ForbiddenEvent,
    GoldEvent,
    GoldFile,
    SentenceGold,
    SentenceGoldFile,
)
from dyad.evaluation.read import read_gold
from dyad.evaluation.score import (
    ArticleReport,
    SentenceGoldReport,
    TextFailed,
    score_articles,
    score_sentences,
)
from dyad.evaluation.texts import documents

__all__ = [
    "ArticleGold",
    "ArticleGoldFile",
    "ArticleReport",
    "ForbiddenEvent",
    "GoldEvent",
    "GoldFile",
    "SentenceGold",
    "SentenceGoldFile",
    "SentenceGoldReport",
    "TextFailed",
    "documents",
    "read_gold",
    "score_articles",
    "score_sentences",
]
