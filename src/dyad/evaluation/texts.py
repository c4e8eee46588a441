"""The documents a gold file asks dyad to code, one per gold line, in order."""

from __future__ import annotations

from datetime import date

from dyad.errors import InputError, InputFormatError
from dyad.evaluation.gold import ArticleGoldFile, GoldFile
from dyad.io.text import read_text_file
from dyad.record import Document


def documents(gold: GoldFile, default_date: date | None = None) -> list[Document]:
    """One `Document` per gold line: an article's text file (dated by its `doc_date`) or a
    sentence (dated by its `date`); `default_date` dates those the gold leaves undated.

    A text file that cannot be read is an `InputFormatError` at the gold line naming it.
    """
    if isinstance(gold, ArticleGoldFile):
        out = []
        for article in gold.articles:
            day = date.fromisoformat(article.doc_date) if article.doc_date else default_date
            try:
                text = read_text_file(str(article.path), default_date=day)
            except InputError as exc:
                raise InputFormatError(str(gold.path), f"text {article.file!r}: {exc.reason}",
                                       line=article.line) from None
            # as `dyad code FILE` reads it, but named as the gold names it
            out.append(Document(id=article.file, text=text.text, date=day,
                                origin=str(article.path)))
        return out
    return [Document(id=s.id, text=s.text,
                     date=date.fromisoformat(s.date) if s.date else default_date,
                     origin=f"{gold.path}:{s.line}")
            for s in gold.sentences]
