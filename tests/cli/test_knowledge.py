"""`dyad agreements`, `agreement`, `institutions`, `claims`, `status` and `export --knowledge`
on a store made by `dyad ingest` from the founding article and a few other documents."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.store.backend import open_backend
from tests.cli.conftest import EXAMPLE

Run = Callable[..., tuple[int, str, str]]

OTHERS = (
    {"id": "grain-1", "date": "2022-07-25",
     "text": "Russia and Ukraine signed the Black Sea Grain Initiative in July 2022."},
    {"id": "grain-2", "date": "2023-07-18",
     "text": "Russia suspended the Black Sea Grain Initiative in July 2023."},
    {"id": "consulate", "date": "2024-05-02",
     "text": "Russia closed the Finnish consulate in St. Petersburg on Monday."},
)



@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("knowledge")
    news = folder / "news.jsonl"
    news.write_text("".join(json.dumps(o) + "\n" for o in OTHERS), encoding="utf-8")
    path = str(folder / "k.duckdb")
    for args in ([str(EXAMPLE), "--date", "2024-07-02"], [str(news)]):
        result = CliRunner().invoke(app, ["ingest", *args, "--db", path])
        assert result.exit_code == 0, result.output
    return path


def _records(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_cli_agreements_by_party_and_status(run: Run, db: str) -> None:
    code, out, _ = run("agreements", "--db", db, "--party", "RUS", "--status", "suspended",
                       "--format", "jsonl")
    assert code == 0
    found = _records(out)
    japan = [a for a in found if {p["code"] for p in a["parties"]} == {"RUS", "JPN"}]
    assert len(japan) == 2
    signed = sorted(s["date"][:4] for a in japan for s in a["steps"] if s["kind"] == "signed")
    assert signed == ["2000", "2003"]
    for agreement in japan:
        order = [s for s in agreement["steps"] if "Mishustin" in s["evidence"]["sentence"]]
        assert order and order[0]["date"] == "2024-06-25"
    assert any("Grain" in str(a["name"]) for a in found)
    code, out, _ = run("agreements", "--db", db, "--party", "UKR", "--format", "jsonl")
    assert code == 0 and [a["status"] for a in _records(out)] == ["suspended"]
    code, out, _ = run("agreements", "--db", db, "--party", "USA", "--format", "jsonl")
    assert code == 0 and out == ""


def test_cli_knowledge_lists_limit_shows_the_first_records(run: Run, db: str) -> None:
    code, out, _ = run("agreements", "--db", db, "--format", "jsonl")
    every = [a["id"] for a in _records(out)]
    assert code == 0 and len(every) >= 2
    code, out, _ = run("agreements", "--db", db, "--format", "jsonl", "--limit", "1")
    assert code == 0 and [a["id"] for a in _records(out)] == every[:1]
    code, out, _ = run("agreements", "--db", db, "--format", "table", "--limit", "1")
    assert code == 0 and f"{len(every)} agreements (the first 1 shown; --limit 0 shows all)" in out
    for command in ("institutions", "claims"):
        code, out, _ = run(command, "--db", db, "--format", "jsonl", "--limit", "1")
        assert code == 0 and len(_records(out)) == 1


def test_cli_agreements_table_shows_each_step_with_its_sentence(run: Run, db: str) -> None:
    code, out, _ = run("agreements", "--db", db, "--party", "JPN", "--format", "table")
    assert code == 0
    evidence = " ".join(line.split("│")[-2].strip() for line in out.splitlines()
                        if line.startswith("│"))  # the last column, wrapped lines joined
    assert "Mishustin signed an order suspending these agreements." in evidence
    assert "2 agreements" in out
    assert "examples/japan-centers.txt" in out  # the documents the evidence is in


def _cells(out: str, column: int) -> list[str]:
    """The cells of one column of a table, one a line as printed."""
    return [line.split("│")[column].strip() for line in out.splitlines()
            if line.startswith("│")]


def test_cli_knowledge_tables_name_party_codes(run: Run, db: str) -> None:
    code, out, _ = run("agreements", "--db", db, "--party", "JPN", "--format", "table")
    assert code == 0
    parties = " ".join(_cells(out, 3))  # wrapped lines joined
    assert "JPN Japan RUS Russian Federation" in parties
    code, out, _ = run("institutions", "--db", db, "--format", "table")
    facts = " ".join(_cells(out, 4))
    assert code == 0 and "of: JPN Japan" in facts and "of: FIN Finland" in facts
    code, out, _ = run("claims", "--db", db, "--format", "table")
    assert code == 0 and "(RUSMED Russian" in " ".join(_cells(out, 5))


def test_cli_knowledge_named_codes() -> None:
    from dyad.cli.knowledge import named_codes

    assert named_codes(("JPN", "RUS")) == "JPN Japan\nRUS Russian Federation"
    assert named_codes(("JPN", "", "RUSGOV"), ", ") == (
        "JPN Japan, RUSGOV Russian Federation · government")
    assert named_codes(()) == ""


def test_cli_agreement_by_id(run: Run, db: str) -> None:
    _, out, _ = run("agreements", "--db", db, "--party", "JPN", "--format", "jsonl")
    first = _records(out)[0]
    code, out, _ = run("agreement", str(first["id"]), "--db", db)
    assert code == 0
    assert out.startswith("agreement ") and f"[agreement, {first['id']}]" in out
    assert "suspended 2024-06-25 by Russian Prime Minister Mikhail Mishustin (RUSGOV)" in out
    assert "signed 20" in out and "examples/japan-centers.txt" in out
    code, out, _ = run("agreement", str(first["id"]), "--db", db, "--format", "jsonl")
    assert code == 0 and _records(out)[0]["id"] == first["id"]


def test_cli_agreement_unknown_id_is_a_one_line_error(run: Run, db: str) -> None:
    code, out, err = run("agreement", "agr-000000000000", "--db", db)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "dyad: error: no agreement, institution or claim with id 'agr-000000000000'",
        "hint: list ids with: dyad agreements, dyad institutions, dyad claims"]


def test_cli_institutions_by_status(run: Run, db: str) -> None:
    code, out, _ = run("institutions", "--db", db, "--format", "jsonl")
    assert code == 0
    by_name = {str(i["name"]): i for i in _records(out)}
    assert by_name["Japan Center"]["status"] == "operating"
    assert set(by_name["Japan Center"]["locations"]) >= {"Moscow", "Khabarovsk"}
    code, out, _ = run("institutions", "--db", db, "--status", "closed", "--format", "jsonl")
    (closed,) = _records(out)
    assert code == 0 and closed["name"].startswith("Finnish consulate")
    code, out, _ = run("institutions", "--db", db, "--status", "operating", "--format", "table")
    assert code == 0 and "Japan Center" in out and "Finnish" not in out
    assert "denied" in out and "1 institution" in out


def test_cli_claims_with_standing(run: Run, db: str) -> None:
    code, out, _ = run("claims", "--db", db, "--format", "jsonl")
    assert code == 0
    (claim,) = _records(out)
    assert claim["gist"] == "Russia is closing Japan Centers" and claim["standing"] == "refuted"
    code, out, _ = run("claims", "--db", db, "--format", "table")
    assert code == 0 and "refuted" in out and "RIA Novosti" in out and "media reports" in out
    code, out, _ = run("claims", "--db", db, "--standing", "confirmed", "--format", "jsonl")
    assert code == 0 and out == ""


def test_cli_status_answers_with_evidence(run: Run, db: str) -> None:
    code, out, _ = run("status", "Japan Center", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Japan Center [center, ins-") and lines[0].endswith(": operating")
    assert "  funded by: Japanese government" in lines
    assert sum(line.startswith("  agreement ") for line in lines) == 2
    assert any(line.startswith('  claim "Russia is closing Japan Centers"') and
               line.endswith("refuted") for line in lines)
    assert "examples/japan-centers.txt" in out
    code, out, _ = run("status", "Japan Center", "--db", db, "--format", "jsonl")
    (answer,) = _records(out)
    assert answer["institutions"][0]["status"] == "operating"


def test_cli_status_limit_shows_the_first_and_says_how_many_more(run: Run, db: str) -> None:
    code, out, _ = run("status", "agreement", "--db", db, "--format", "jsonl", "--limit", "0")
    (every,) = _records(out)
    assert code == 0 and len(every["agreements"]) >= 2
    code, out, _ = run("status", "agreement", "--db", db, "--limit", "1")
    more = len(every["agreements"]) - 1
    assert code == 0 and (f"the query also names {more} more agreement" in out)
    assert sum(line.startswith("agreement ") for line in out.splitlines()) == 1


def test_cli_status_of_something_unknown_exits_1(run: Run, db: str) -> None:
    code, out, err = run("status", "Goethe Institute", "--db", db)
    assert code == 1 and out.startswith("nothing known about 'Goethe Institute'") and err == ""


@pytest.mark.parametrize(("args", "needle"), [
    (("agreements", "--status", "paused"), "'paused' is not one of signed"),
    (("institutions", "--status", "open"), "'open' is not one of operating"),
    (("claims", "--standing", "false"), "'false' is not one of asserted"),
])  # fmt: skip
def test_cli_knowledge_bad_filters(run: Run, db: str, args: tuple[str, ...],
                                   needle: str) -> None:
    code, _, err = run(*args, "--db", db)
    assert code == 2 and needle in err


def test_cli_knowledge_missing_store(run: Run, tmp_path: Path) -> None:
    code, _, err = run("claims", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and err.startswith("dyad: error: ") and "no such database" in err


def test_cli_export_knowledge_beside_the_events(run: Run, db: str, tmp_path: Path) -> None:
    events, knowledge = tmp_path / "events.jsonl", tmp_path / "events.knowledge.jsonl"
    code, _, err = run("export", "--db", db, "--format", "jsonl", str(events), "--knowledge",
                       str(knowledge))
    assert code == 0 and f"to {knowledge}" in err
    records = _records(knowledge.read_text(encoding="utf-8"))
    types = [r["type"] for r in records]
    assert types == sorted(types, key=["agreement", "institution", "claim"].index)
    assert {"agreement", "institution", "claim"} == set(types)
    center = next(r for r in records if r.get("name") == "Japan Center")
    assert center["status"] == "operating" and center["status_facts"]
    assert _records(events.read_text(encoding="utf-8"))
    code, _, err = run("export", "--db", db, str(events), "--knowledge", str(events))
    assert code == 2 and "a file of its own" in err


@pytest.mark.parametrize("command", ["agreements", "agreement", "institutions", "claims",
                                     "status"])
def test_cli_knowledge_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: dyad " + command in result.output and "--db" in result.output


def test_cli_knowledge_of_an_older_store_is_merged_on_read_until_its_next_ingest(
        run: Run, db: str, tmp_path: Path) -> None:
    older = str(tmp_path / "older.duckdb")
    shutil.copy(db, older)
    backend = open_backend(older)
    for table in ("knowledge_groups", "knowledge_members", "knowledge_tokens"):
        backend.execute(f"DROP TABLE {table}")
    backend.execute("DELETE FROM meta WHERE key = 'knowledge_groups'")
    backend.close()
    code, kept, err = run("agreements", "--db", db, "--format", "jsonl")
    assert code == 0 and "older dyad" not in err
    code, out, err = run("agreements", "--db", older, "--format", "jsonl")
    assert code == 0 and out == kept
    assert "older dyad and does not keep its knowledge merged" in err
    again = tmp_path / "again.jsonl"  # nothing new: the merge is built all the same
    again.write_text(json.dumps(OTHERS[0]) + "\n", encoding="utf-8")
    code, out, err = run("ingest", str(again), "--db", older)
    assert code == 0 and "merged once and kept merged" in out + err
    code, out, err = run("agreements", "--db", older, "--format", "jsonl")
    assert code == 0 and out == kept and "older dyad" not in err
