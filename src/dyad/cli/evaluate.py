"""`dyad evaluate`: score dyad against gold files (article gold or PLOVER-style sentence gold)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from dyad.analysis import DocumentAnalyser
from dyad.cli.options import (
    ActorsOption,
    AgentsOption,
    ConfigOption,
    DiscardsOption,
    NoDefaultsOption,
    VerbsOption,
    dictionary_choice,
    load_chosen,
    parse_day,
)
from dyad.coding.coder import EventCoder, FailedDocument, prepare_for_bulk_coding
from dyad.evaluation.gold import ArticleGoldFile, GoldFile
from dyad.evaluation.knowledge import KnowledgeReport, score_knowledge
from dyad.evaluation.read import read_gold
from dyad.evaluation.report import Report, as_json, render
from dyad.evaluation.score import Outcome, TextFailed, score_articles, score_sentences
from dyad.evaluation.texts import documents
from dyad.knowledge.model import KnowledgeBase


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_command)


def evaluate_command(
    gold: Annotated[list[str], typer.Argument(
        help="Gold files (JSON Lines): article gold (file, events, forbidden) or sentence "
             "gold (id, text, event, source, target).", metavar="GOLD...")],
    as_json_: Annotated[bool, typer.Option(
        "--json", help="Print one JSON object with every number and list.")] = False,
    misses: Annotated[bool, typer.Option(
        "--misses", help="List each required event not found and each false event, with its "
        "sentence, what dyad coded there and why.")] = False,
    date: Annotated[str | None, typer.Option(
        "--date", help="Document date (YYYY-MM-DD) for texts whose gold gives none.")] = None,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
    discards: DiscardsOption = None,
    config: ConfigOption = None,
    no_default_dictionaries: NoDefaultsOption = False,
) -> None:
    """Code the gold's texts as `dyad code` does and score the events against the gold.

    Reports recall, precision, forbidden hits, and scores per text, CAMEO root, PLOVER type
    and field; for article gold, also the knowledge layer (agreements, institutions, claims:
    found, status or standing, parties), each miss with its evidence sentence. A text the
    coder fails on is listed and counted as not found. Exit status 0 (a scorer reports, it
    does not fail), 2 when a gold file is unusable.

    Example: dyad evaluate dev/articles/gold.jsonl dev/plover_gsr_dev.jsonl --misses
    """
    day = parse_day(date)
    golds: list[GoldFile] = [read_gold(path) for path in gold]  # all checked before coding
    texts = [documents(g, day) for g in golds]
    choice = dictionary_choice(actors, agents, verbs, discards, config, no_default_dictionaries)
    coder = EventCoder(load_chosen(choice))
    prepare_for_bulk_coding()
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    reports: list[Report] = []
    knowledge: list[KnowledgeReport | None] = []
    analyser = DocumentAnalyser(coder)  # one walk: events and knowledge read alike
    with Progress(TextColumn("coding"), SpinnerColumn(),
                  TextColumn("{task.completed} of {task.total} texts"), TimeElapsedColumn(),
                  console=errors, transient=True,
                  disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("coding", total=sum(len(t) for t in texts))
        for gold_file, docs in zip(golds, texts, strict=True):
            outcomes: list[Outcome] = []
            bases: list[KnowledgeBase | None] = []
            for result in analyser.analyse_each(docs):
                if isinstance(result, FailedDocument):
                    outcomes.append(TextFailed(result.reason))
                    bases.append(None)
                else:
                    outcomes.append(result.coded)
                    bases.append(None if result.knowledge_failed else result.knowledge)
                progress.update(task, advance=1)
            if isinstance(gold_file, ArticleGoldFile):
                reports.append(score_articles(gold_file, outcomes))
                knowledge.append(score_knowledge(gold_file.articles, [d.text for d in docs],
                                                 bases))
            else:
                reports.append(score_sentences(gold_file, outcomes))
                knowledge.append(None)
    if as_json_:
        sys.stdout.write(json.dumps(as_json(reports, knowledge), ensure_ascii=False) + "\n")
        return
    out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
    render(reports, out, misses=misses, knowledge=knowledge)
