"""Render evaluation reports: one JSON object for machines, Rich tables for people.

Everything that comes from a document or a gold file is printed as plain text (never read as
Rich markup), its control characters made visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dyad.cli.output import plain
from dyad.evaluation.knowledge import KnowledgeReport, knowledge_json
from dyad.evaluation.score import (
    ArticleReport,
    FieldScore,
    RootScore,
    SentenceGoldReport,
    TypeScore,
    ratio,
)

Report = ArticleReport | SentenceGoldReport


# ---------------------------------------------------------------- combining files


def combine_articles(reports: Sequence[ArticleReport]) -> ArticleReport:
    """The reports of several article gold files as one (texts, lists and counts together)."""
    total = ArticleReport(", ".join(r.gold for r in reports))
    roots: dict[str, RootScore] = {}
    fields: dict[str, FieldScore] = {}
    for report in reports:
        total.texts += report.texts
        total.forbidden += report.forbidden
        total.failed += report.failed
        total.misses += report.misses
        total.false_events += report.false_events
        total.located += report.located
        for root in report.roots:
            into = roots.setdefault(root.root, RootScore(root.root))
            into.required += root.required
            into.found += root.found
            into.produced += root.produced
            into.matched += root.matched
        for score in report.fields:
            field = fields.setdefault(score.field, FieldScore(score.field))
            field.right += score.right
            field.total += score.total
    total.roots = [roots[r] for r in sorted(roots)]
    total.fields = list(fields.values())
    return total


def combine_sentences(reports: Sequence[SentenceGoldReport]) -> SentenceGoldReport:
    """The reports of several sentence gold files as one."""
    total = SentenceGoldReport(", ".join(r.gold for r in reports))
    types: dict[str, TypeScore] = {}
    for report in reports:
        for name in ("total", "right", "type_right", "source_right", "target_right",
                     "coded_any", "produced", "matched"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        total.failed += report.failed
        total.misses += report.misses
        for kind in report.types:
            into = types.setdefault(kind.type, TypeScore(kind.type))
            into.total += kind.total
            into.right += kind.right
            into.type_right += kind.type_right
    total.types = [types[t] for t in sorted(types)]
    return total


# ---------------------------------------------------------------- JSON


def article_json(report: ArticleReport) -> dict[str, Any]:
    """One article gold file's score as plain JSON values."""
    return {
        "gold": report.gold,
        "kind": "articles",
        "summary": report.summary(),
        "texts": [{**asdict(t), "false": t.false, "recall": ratio(t.found, t.required)}
                  for t in report.texts],
        "roots": [{**asdict(r), "recall": ratio(r.found, r.required),
                   "precision": ratio(r.matched, r.produced)} for r in report.roots],
        "fields": [{**asdict(f), "accuracy": f.accuracy} for f in report.fields],
        "forbidden_hits": [asdict(h) for h in report.forbidden],
        "failed": [asdict(f) for f in report.failed],
        "misses": [asdict(m) for m in report.misses],
        "false_events": [asdict(f) for f in report.false_events],
    }


def sentence_json(report: SentenceGoldReport) -> dict[str, Any]:
    """One sentence gold file's score as plain JSON values."""
    return {
        "gold": report.gold,
        "kind": "sentences",
        "summary": report.summary(),
        "types": [{**asdict(t), "accuracy": ratio(t.right, t.total)} for t in report.types],
        "failed": [asdict(f) for f in report.failed],
        "misses": [asdict(m) for m in report.misses],
    }


def as_json(reports: Sequence[Report],
            knowledge: Sequence[KnowledgeReport | None] = ()) -> dict[str, Any]:
    """All reports in one object: `files` (each file's score, in the order given; an article
    file's with its `knowledge` score when `knowledge[i]` is given) and the totals over all
    files of each kind (`articles`, `sentences`, `knowledge`; null when none was given)."""
    articles = [r for r in reports if isinstance(r, ArticleReport)]
    sentences = [r for r in reports if isinstance(r, SentenceGoldReport)]
    files = []
    total: KnowledgeReport | None = None
    for n, report in enumerate(reports):
        if isinstance(report, SentenceGoldReport):
            files.append(sentence_json(report))
            continue
        entry = article_json(report)
        scored = knowledge[n] if n < len(knowledge) else None
        if scored is not None:
            entry["knowledge"] = knowledge_json(scored)
            total = total or KnowledgeReport()
            total.add(scored)
        files.append(entry)
    summary = knowledge_json(total) if total is not None else None
    if summary is not None:
        del summary["misses"]
    return {
        "files": files,
        "articles": combine_articles(articles).summary() if articles else None,
        "sentences": combine_sentences(sentences).summary() if sentences else None,
        "knowledge": summary,
    }


# ---------------------------------------------------------------- Rich


def percent(part: int, whole: int) -> str:
    """`11.1%`, or `-` when there is nothing to divide."""
    value = ratio(part, whole)
    return "-" if value is None else f"{100 * value:.1f}%"


def _count(part: int, whole: int) -> str:
    return f"{part} of {whole} ({percent(part, whole)})"


def render(reports: Sequence[Report], console: Console, *, misses: bool = False,
           knowledge: Sequence[KnowledgeReport | None] = ()) -> None:
    """Every report as tables, then (with `misses`) each miss and each false event; an
    article file's knowledge score after its events when `knowledge[i]` is given."""
    for n, report in enumerate(reports):
        if isinstance(report, ArticleReport):
            render_articles(report, console, misses=misses)
            scored = knowledge[n] if n < len(knowledge) else None
            if scored is not None:
                render_knowledge(scored, console, misses=misses)
        else:
            render_sentences(report, console, misses=misses)


def render_knowledge(report: KnowledgeReport, console: Console, *, misses: bool = False) -> None:
    """The knowledge layer's score: per kind found, status and parties right; then each miss
    (with `misses`) with its evidence sentence and what dyad has."""
    table = Table(title="knowledge layer", title_justify="left",
                  caption="parties: agreements' parties, institutions' owner, claims' claimant; "
                  "contested: refuted or disputed claims with the right standing and answerer",
                  caption_justify="left")
    for name in ("kind", "gold", "found", "status right", "parties right", "contested right",
                 "extracted"):
        table.add_column(name, justify="left" if name == "kind" else "right")
    for kind, score in report.kinds.items():
        contested = (_count(score.contested_right, score.contested) if kind == "claims"
                     else "")
        table.add_row(kind, str(score.gold), _count(score.found, score.gold),
                      _count(score.status_right, score.gold),
                      _count(score.parties_right, score.gold), contested, str(score.extracted))
    console.print(table)
    if not misses:
        return
    console.print(Text(f"\nknowledge misses ({len(report.misses)})", style="bold"))
    for miss in report.misses:
        console.print(Text.assemble("  miss ", plain(_short(miss.text)), f" {miss.kind} ",
                                    plain(miss.gold)))
        console.print(Text.assemble("    problem: ", plain(miss.problem)))
        console.print(Text.assemble("    evidence: ", plain(miss.evidence or "-")))
        console.print(Text.assemble("    dyad has: ", plain(miss.dyad or "nothing")))


def render_articles(report: ArticleReport, console: Console, *, misses: bool = False) -> None:
    """One article gold file's score."""
    total = report.total
    console.print(Text.assemble(("article gold ", "bold"), plain(report.gold, "bold"),
                                f" — {len(report.texts)} texts"))
    console.print(f"  required events found  {_count(total('found'), total('required'))}")
    console.print(f"  optional events found  {total('optional_found')} of {total('optional')}")
    console.print(f"  events coded           {total('produced')}, matching gold "
                  f"{total('matched')} (precision {percent(total('matched'), total('produced'))})"
                  f", false {total('false')}")
    console.print(f"  forbidden hits         {total('forbidden_hits')}")
    console.print(f"  texts not coded        {len(report.failed)}")

    table = Table(title="per text", title_justify="left")
    for name in ("text", "required", "found", "recall", "optional", "coded", "false",
                 "forbidden"):
        text = name == "text"
        table.add_column(name, justify="left" if text else "right", overflow="ellipsis",
                         no_wrap=True, max_width=48 if text else None)
    for t in report.texts:
        table.add_row(plain(t.text.rsplit("/", 1)[-1]), str(t.required), str(t.found),
                      percent(t.found, t.required), f"{t.optional_found}/{t.optional}",
                      str(t.produced) if t.coded else "FAILED", str(t.false),
                      str(t.forbidden_hits))
    console.print(table)

    table = Table(title="per CAMEO root (gold events by their first root)", title_justify="left")
    for name in ("root", "required", "found", "recall", "coded", "matching", "precision"):
        table.add_column(name, justify="right")
    for r in report.roots:
        table.add_row(r.root, str(r.required), str(r.found), percent(r.found, r.required),
                      str(r.produced), str(r.matched), percent(r.matched, r.produced))
    console.print(table)

    table = Table(title=f"per field ({report.located} required events located)",
                  caption="located: dyad coded an event in the gold event's sentence; the "
                  "nearest such event is compared", caption_justify="left", title_justify="left")
    for name in ("field", "right", "of", "accuracy"):
        table.add_column(name, justify="left" if name == "field" else "right")
    for f in report.fields:
        table.add_row(f.field, str(f.right), str(f.total), percent(f.right, f.total))
    console.print(table)

    for hit in report.forbidden:
        console.print(Text.assemble(("  FORBIDDEN ", "red"), plain(_short(hit.text)), " ",
                                    plain(", ".join(hit.events)), " — ", plain(hit.why_forbidden)))
    for failed in report.failed:
        console.print(Text.assemble(("  NOT CODED ", "red"), plain(_short(failed.text)), ": ",
                                    plain(failed.reason)))
    if misses:
        _render_misses(report, console)
    console.print()


def _short(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def _render_misses(report: ArticleReport, console: Console) -> None:
    console.print(Text(f"\nmissed required events ({len(report.misses)})", style="bold"))
    for miss in report.misses:
        console.print(Text.assemble("  miss ", plain(_short(miss.text)), " ", plain(miss.gold),
                                    (f"  ({miss.note})" if miss.note else "")))
        console.print(Text.assemble("    sentence: ", plain(miss.sentence)))
        console.print(Text.assemble("    dyad coded: ", plain(", ".join(miss.coded) or "nothing")))
        for line in miss.why:
            console.print(Text.assemble("      ", plain(line)))
    console.print(Text(f"\nfalse events ({len(report.false_events)})", style="bold"))
    for false in report.false_events:
        console.print(Text.assemble("  false ", plain(_short(false.text)), " ",
                                    plain(false.event)))
        console.print(Text.assemble("    sentence: ", plain(false.sentence)))
        console.print(Text.assemble("    gold here: ",
                                    plain(", ".join(false.gold_here) or "no event")))
        for line in false.why:
            console.print(Text.assemble("      ", plain(line)))


def render_sentences(report: SentenceGoldReport, console: Console, *,
                     misses: bool = False) -> None:
    """One sentence gold file's score."""
    console.print(Text.assemble(("sentence gold ", "bold"), plain(report.gold, "bold"),
                                f" — {report.total} sentences"))
    console.print(f"  right type+source+target  {_count(report.right, report.total)}")
    console.print(f"  right type                {_count(report.type_right, report.total)}")
    console.print(f"  right source              {_count(report.source_right, report.total)}")
    console.print(f"  some event coded          {_count(report.coded_any, report.total)}")
    console.print(f"  events coded              {report.produced}, right {report.matched} "
                  f"(precision {percent(report.matched, report.produced)})")
    console.print(f"  sentences not coded       {len(report.failed)}")
    table = Table(title="per PLOVER type", title_justify="left")
    for name in ("type", "sentences", "right", "accuracy", "type right"):
        table.add_column(name, justify="left" if name == "type" else "right")
    for t in report.types:
        table.add_row(t.type, str(t.total), str(t.right), percent(t.right, t.total),
                      str(t.type_right))
    console.print(table)
    for failed in report.failed:
        console.print(Text.assemble(("  NOT CODED ", "red"), plain(failed.text), ": ",
                                    plain(failed.reason)))
    if misses:
        console.print(Text(f"\nsentences not right ({len(report.misses)})", style="bold"))
        for miss in report.misses:
            console.print(Text.assemble("  miss ", plain(miss.id), " gold ", plain(miss.gold)))
            console.print(Text.assemble("    sentence: ", plain(miss.text)))
            if miss.failed:
                console.print(Text.assemble("    not coded: ", plain(miss.failed)))
                continue
            console.print(Text.assemble("    dyad coded: ",
                                        plain(", ".join(miss.coded) or "nothing")))
            for line in miss.why:
                console.print(Text.assemble("      ", plain(line)))
    console.print()
