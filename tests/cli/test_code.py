"""`dyad code`: inputs (text, JSONL, stdin), dates, formats, --explain and user dictionaries."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyad.record import EVENT_FIELDS
from tests.cli.conftest import (
    DYAD,
    EXAMPLE,
    JAPAN_CHINA,
    RUSSIA_JAPAN,
    Run,
    dyad_env,
    run_dyad,
)

Write = Callable[[str, str | bytes], Path]
WriteJsonl = Callable[[str, list[dict[str, Any] | str]], Path]

# A made-up organisation and country, so that only the user's dictionaries can code them.
MY_ACTORS = """\
# made-up actors for the CLI tests
ZORBLAX_FEDERATION [XYZ]
+ZORBLAX
QUUXIA [QUX]
"""
MY_VERBS = """\
####### VERB PATTERNS #######

---  DENOUNCE   [111]  ---
DENOUNCE
- * $                                   [111]
"""
MY_AGENTS = "MINISTER [~GOV]\n"
MY_DISCARDS = "GRAND SLALOM\n"
ZORBLAX_JAPAN = "The Zorblax Federation denounced Japan."
ZORBLAX_QUUXIA = "The Zorblax Federation denounced Quuxia."


def triples(records: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(r["source"], r["target"], r["code"]) for r in records}


def ok(run: Run) -> Run:
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    return run


@pytest.fixture(scope="module")
def text_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One text file coded with stdout piped and no --format: JSONL is expected."""
    folder = tmp_path_factory.mktemp("text")
    path = folder / "moscow-tokyo.txt"
    path.write_text(f"{RUSSIA_JAPAN}\n\n{JAPAN_CHINA}\n", encoding="utf-8")
    return ok(run_dyad("code", path, "--date", "2024-07-02"))


# --- text files, piped output ------------------------------------------------------------------


def test_text_file_gives_jsonl_when_piped(text_run: Run) -> None:
    records = text_run.records()
    assert records, text_run.describe()
    assert ("RUS", "JPN", "111") in triples(records)
    assert ("JPN", "CHN", "111") in triples(records)


def test_jsonl_records_have_exactly_the_design_fields_in_order(text_run: Run) -> None:
    for line in text_run.out_lines:
        record = json.loads(line)
        assert tuple(record) == EVENT_FIELDS, line


def test_jsonl_record_field_types(text_run: Run) -> None:
    for record in text_run.records():
        for name in ("doc_id", "sentence", "source", "source_text", "target", "target_text",
                     "code", "root", "plover", "mode", "date", "date_text", "attribution",
                     "trigger"):
            assert isinstance(record[name], str), (name, record)
        assert isinstance(record["sentence_id"], int) and record["sentence_id"] >= 0
        assert isinstance(record["goldstein"], float)
        assert -10.0 <= record["goldstein"] <= 10.0
        assert record["quad_class"] in (1, 2, 3, 4)
        assert record["code"].startswith(record["root"]) and len(record["root"]) == 2
        spans = record["spans"]
        assert isinstance(spans, dict)
        assert {"source", "target", "trigger"} <= set(spans)
        for span in spans.values():
            assert span is None or (isinstance(span, list) and len(span) == 2), spans


def test_text_file_doc_id_is_the_file_name(text_run: Run) -> None:
    assert {r["doc_id"] for r in text_run.records()} == {"moscow-tokyo.txt"}


def test_spans_point_into_the_document_text(text_run: Run) -> None:
    text = f"{RUSSIA_JAPAN}\n\n{JAPAN_CHINA}\n"
    for record in text_run.records():
        start, end = record["spans"]["trigger"]
        assert text[start:end] == record["trigger"]
        start, end = record["spans"]["source"]
        assert text[start:end] == record["source_text"]


def test_date_option_and_relative_dates(text_run: Run) -> None:
    by_code = {(r["source"], r["target"]): r for r in text_run.records()}
    monday = by_code["RUS", "JPN"]
    assert monday["date"] == "2024-07-01"  # "on Monday", document date Tuesday 2024-07-02
    assert monday["date_text"] == "Monday"
    assert by_code["JPN", "CHN"]["date"] == "2024-07-02"
    assert by_code["JPN", "CHN"]["date_text"] == ""


def test_sentence_ids_count_sentences(text_run: Run) -> None:
    by_source = {r["source"]: r for r in text_run.records()}
    assert by_source["RUS"]["sentence_id"] == 0
    assert by_source["RUS"]["sentence"] == RUSSIA_JAPAN
    assert by_source["JPN"]["sentence_id"] == 1
    assert by_source["JPN"]["sentence"] == JAPAN_CHINA


def test_several_text_files_keep_their_names(dyad: Callable[..., Run], write: Write) -> None:
    first = write("one.txt", RUSSIA_JAPAN)
    second = write("two.txt", JAPAN_CHINA)
    run = ok(dyad("code", first, second, "--date", "2024-07-02"))
    assert {(r["doc_id"], r["source"], r["target"]) for r in run.records()} == {
        ("one.txt", "RUS", "JPN"),
        ("two.txt", "JPN", "CHN"),
    }
    assert run.err_lines == []


def test_example_article(dyad: Callable[..., Run]) -> None:
    """The README's first example runs and gives the article's headline event."""
    run = ok(dyad("code", EXAMPLE, "--date", "2024-07-02", "--format", "jsonl"))
    records = run.records()
    assert {r["doc_id"] for r in records} == {EXAMPLE.name}
    assert any(r["source"].startswith("JPN") and r["target"].startswith("RUS")
               and r["root"] == "11" for r in records)


# --- JSONL input ---------------------------------------------------------------------------------


def test_jsonl_ids_and_per_document_dates(dyad: Callable[..., Run],
                                          write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("news.jsonl", [
        {"id": "a-1", "text": RUSSIA_JAPAN, "date": "2024-07-02", "url": "http://x/1",
         "source": "Wire", "title": "One"},
        {"id": 42, "text": JAPAN_CHINA},
        {"id": "dated-later", "text": JAPAN_CHINA, "date": "2025-03-10T08:30:00"},
    ])
    run = ok(dyad("code", path, "--date", "2020-01-01"))
    by_id = {r["doc_id"]: r for r in run.records()}
    assert set(by_id) == {"a-1", "42", "dated-later"}, run.describe()
    # the line's own date wins ("on Monday" resolves against it) ...
    assert by_id["a-1"]["date"] == "2024-07-01"
    assert (by_id["a-1"]["source"], by_id["a-1"]["target"]) == ("RUS", "JPN")
    # ... --date fills the gap ...
    assert by_id["42"]["date"] == "2020-01-01"
    # ... and the date part of an ISO date-time is taken.
    assert by_id["dated-later"]["date"] == "2025-03-10"
    assert run.err_lines == []


def test_jsonl_without_date_option_uses_line_dates(dyad: Callable[..., Run],
                                                   write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("news.jsonl", [{"id": "x", "text": JAPAN_CHINA, "date": "2019-05-06"}])
    run = ok(dyad("code", path))
    assert [r["date"] for r in run.records()] == ["2019-05-06"]


def test_jsonl_fields_are_the_same_as_for_text(dyad: Callable[..., Run],
                                               write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("news.jsonl", [{"id": "x", "text": RUSSIA_JAPAN, "date": "2024-07-02"}])
    run = ok(dyad("code", path))
    assert all(tuple(r) == EVENT_FIELDS for r in run.records())


# --- stdin ---------------------------------------------------------------------------------------


def test_stdin_text(dyad: Callable[..., Run]) -> None:
    run = ok(dyad("code", "-", "--date", "2024-07-02", stdin=RUSSIA_JAPAN + "\n"))
    records = run.records()
    assert triples(records) == {("RUS", "JPN", "111")}
    assert records[0]["date"] == "2024-07-01"
    # a document without a name gets a stable content id
    assert re.fullmatch(r"[0-9a-f]{16}", records[0]["doc_id"]), records[0]["doc_id"]
    again = ok(dyad("code", "-", "--date", "2024-07-02", stdin=RUSSIA_JAPAN + "\n"))
    assert again.records()[0]["doc_id"] == records[0]["doc_id"]


def test_stdin_jsonl(dyad: Callable[..., Run]) -> None:
    lines = [json.dumps({"id": "s1", "text": RUSSIA_JAPAN, "date": "2024-07-02"}),
             json.dumps({"id": "s2", "text": JAPAN_CHINA})]
    run = ok(dyad("code", "-", "--date", "2023-01-01", stdin="\n".join(lines) + "\n"))
    by_id = {r["doc_id"]: r for r in run.records()}
    assert set(by_id) == {"s1", "s2"}
    assert by_id["s1"]["date"] == "2024-07-01"
    assert by_id["s2"]["date"] == "2023-01-01"


def test_stdin_and_files_together(dyad: Callable[..., Run], write: Write) -> None:
    path = write("file.txt", JAPAN_CHINA)
    run = ok(dyad("code", path, "-", "--date", "2024-07-02", stdin=RUSSIA_JAPAN))
    assert triples(run.records()) == {("RUS", "JPN", "111"), ("JPN", "CHN", "111")}
    assert "file.txt" in {r["doc_id"] for r in run.records()}


# --- formats -------------------------------------------------------------------------------------


def test_format_csv(dyad: Callable[..., Run], write: Write) -> None:
    one = write("one.txt", RUSSIA_JAPAN)
    two = write("two.txt", JAPAN_CHINA)
    run = ok(dyad("code", one, two, "--date", "2024-07-02", "--format", "csv"))
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert tuple(rows[0]) == EVENT_FIELDS
    assert sum(1 for row in rows if tuple(row) == EVENT_FIELDS) == 1, "one header only"
    body = [dict(zip(EVENT_FIELDS, row, strict=True)) for row in rows[1:]]
    assert {(r["doc_id"], r["source"], r["target"], r["code"]) for r in body} == {
        ("one.txt", "RUS", "JPN", "111"),
        ("two.txt", "JPN", "CHN", "111"),
    }
    for row in body:
        assert {"source", "target", "trigger"} <= set(json.loads(row["spans"]))


def test_format_jsonl_explicit(dyad: Callable[..., Run], write: Write) -> None:
    path = write("one.txt", RUSSIA_JAPAN)
    run = ok(dyad("code", path, "--format", "jsonl"))
    assert triples(run.records()) == {("RUS", "JPN", "111")}


def test_format_table(dyad: Callable[..., Run], write: Write) -> None:
    path = write("one.txt", RUSSIA_JAPAN)
    run = ok(dyad("code", path, "--date", "2024-07-02", "--format", "table"))
    out = run.stdout
    assert not out.lstrip().startswith("{"), "a table, not JSON"
    for word in ("source", "target", "code", "RUS", "JPN", "111", "ACCUSE", "2024-07-01",
                 "one.txt"):
        assert word in out, f"{word!r} missing from the table\n{out}"
    assert "1 event" in out
    assert any(ch in out for ch in "│┃|"), "table borders"


def test_table_is_the_default_on_a_terminal(write: Write) -> None:
    path = write("one.txt", RUSSIA_JAPAN)
    master, slave = pty.openpty()
    env = dyad_env({"COLUMNS": "160", "TERM": "xterm"})
    with subprocess.Popen([str(DYAD), "code", str(path), "--date", "2024-07-02"],
                          stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE,
                          env=env) as proc:
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        proc.wait(timeout=300)
    os.close(master)
    out = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "RUS" in out and "JPN" in out and "1 event" in out, out
    assert '"doc_id"' not in out, "JSON Lines on a terminal; expected a table"


def test_unknown_format_is_an_error(dyad: Callable[..., Run], write: Write) -> None:
    path = write("one.txt", RUSSIA_JAPAN)
    run = dyad("code", path, "--format", "xml")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "--format" in run.stderr and "xml" in run.stderr, run.describe()
    assert run.stdout == ""


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "02/07/2024"])
def test_bad_date_option_is_an_error(dyad: Callable[..., Run], write: Write, value: str) -> None:
    path = write("one.txt", RUSSIA_JAPAN)
    run = dyad("code", path, "--date", value)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert value in run.stderr, run.describe()
    assert run.stdout == ""


def test_no_arguments_shows_usage(dyad: Callable[..., Run]) -> None:
    run = dyad("code")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "Usage" in run.stderr + run.stdout


# --- --explain -----------------------------------------------------------------------------------

EXPLAIN_TEXT = (
    "Russia condemned Japan on Monday. Japan did not condemn Russia. The minister spoke. "
    "Russia sneezed at Japan."
)


def test_explain_with_jsonl_keeps_stdout_clean(dyad: Callable[..., Run], write: Write) -> None:
    path = write("explained.txt", EXPLAIN_TEXT)
    run = ok(dyad("code", path, "--date", "2024-07-02", "--explain", "--format", "jsonl"))
    assert triples(run.records()) == {("RUS", "JPN", "111")}, "stdout stays JSON Lines"
    text = run.stderr
    assert "explained.txt" in text
    assert "actors: JPN:Japan, RUS:Russia" in text
    assert "coded: condemned" in text
    assert "negated: condemn" in text
    assert "no target" in text
    assert "no verb pattern: sneezed" in text


def test_explain_per_sentence(dyad: Callable[..., Run], write: Write) -> None:
    path = write("explained.txt", EXPLAIN_TEXT)
    run = ok(dyad("code", path, "--date", "2024-07-02", "--explain", "--format", "table"))
    out = run.stdout
    # one numbered block per sentence, each with its actors and its predicates
    blocks = re.split(r"^#(\d+) ", out, flags=re.MULTILINE)
    numbers = blocks[1::2]
    assert numbers == ["0", "1", "2", "3"], out
    bodies = blocks[2::2]
    assert bodies[0].startswith("Russia condemned Japan on Monday.")
    assert "coded:" in bodies[0] and "RUS" in bodies[0] and "JPN" in bodies[0]
    assert "negated:" in bodies[1]
    assert "actors: none" in bodies[2] and "no target actor: spoke" in bodies[2]
    assert "no verb pattern: sneezed" in bodies[3]
    assert "1 event" in out


def test_explain_shows_discarded_sentences(dyad: Callable[..., Run], write: Write) -> None:
    text = write("slalom.txt", "Russia condemned Japan during the grand slalom.")
    discards = write("my.discards.txt", MY_DISCARDS)
    run = ok(dyad("code", text, "--discards", discards, "--explain", "--format", "jsonl"))
    assert run.stdout == ""
    assert "discard" in run.stderr and "grand slalom" in run.stderr, run.describe()


def test_discards_option_voids_the_sentence(dyad: Callable[..., Run], write: Write) -> None:
    text = write("slalom.txt", "Russia condemned Japan during the grand slalom.")
    assert triples(ok(dyad("code", text)).records()) == {("RUS", "JPN", "111")}
    discards = write("my.discards.txt", MY_DISCARDS)
    assert ok(dyad("code", text, "--discards", discards)).records() == []


# --- text that a terminal or Rich would act on ----------------------------------------------------

#: Escape sequences (colour, window title, a CSI written as one C1 byte, cursor return), Rich
#: markup and an emoji code, in a document's id and text.
HOSTILE_ID = "[red]doc[/red] \x1b]0;owned\x07 :smile:"
HOSTILE_TEXT = ("\x1b[31mRussia\x1b[0m condemned [bold]Japan[/bold] on Monday. \x9b2J\r"
                "Japan criticized :smile: China.")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    path.write_text(json.dumps({"id": HOSTILE_ID, "text": HOSTILE_TEXT, "date": "2024-07-02"})
                    + "\n", encoding="utf-8")
    return path


def _no_controls(text: str) -> None:
    controls = sorted({ch for ch in text if (ord(ch) < 32 and ch not in "\n\t")
                       or 0x7f <= ord(ch) <= 0x9f})
    assert not controls, f"control characters reach the terminal: {controls}\n{text!r}"


@pytest.mark.parametrize("output_format", ["table", "jsonl"])
def test_explain_shows_control_characters_and_markup_as_text(
        dyad: Callable[..., Run], hostile: Path, output_format: str) -> None:
    run = ok(dyad("code", hostile, "--explain", "--format", output_format))
    shown = run.stdout if output_format == "table" else run.stderr
    _no_controls(run.stdout + run.stderr)
    assert "\\x1b[31mRussia\\x1b[0m condemned [bold]Japan[/bold] on Monday." in shown, shown
    assert "\\x9b2J\\r" in shown and "criticized :smile: China." in shown, shown
    assert "[red]doc[/red] \\x1b]0;owned\\x07 :smile:" in shown, shown


def test_table_shows_ids_and_words_as_text(dyad: Callable[..., Run], hostile: Path) -> None:
    run = ok(dyad("code", hostile, "--format", "table"))
    _no_controls(run.stdout)
    assert "[red]doc[/red] \\x1b]0;owned\\x07 :smile: (2024-07-02)" in run.stdout, run.stdout
    assert "\\x9b2J Japan" in run.stdout, run.stdout  # the source's words


def test_jsonl_keeps_the_text_as_it_is(dyad: Callable[..., Run], hostile: Path) -> None:
    """Only what is shown to a person is escaped: data output keeps the exact text."""
    records = ok(dyad("code", hostile, "--format", "jsonl")).records()
    assert {(r["doc_id"], r["source_text"]) for r in records} == {(HOSTILE_ID, "\x9b2J Japan")}


# --- user dictionaries ---------------------------------------------------------------------------


def test_actors_option_adds_to_the_shipped_ones(dyad: Callable[..., Run], write: Write) -> None:
    text = write("zorblax.txt", ZORBLAX_JAPAN)
    actors = write("my.actors.txt", MY_ACTORS)
    before = ok(dyad("code", text)).records()
    # without the user's actors the organisation is kept with its words and an empty code
    assert [(r["source"], r["source_text"], r["target"]) for r in before] == [
        ("", "Zorblax Federation", "JPN")]
    after = ok(dyad("code", text, "--actors", actors)).records()
    assert triples(after) == {("XYZ", "JPN", "111")}, "user actor plus the shipped JPN"
    assert after[0]["source_text"] == "Zorblax Federation"


def test_actors_option_is_repeatable(dyad: Callable[..., Run], write: Write) -> None:
    text = write("zq.txt", ZORBLAX_QUUXIA)
    first = write("a.actors.txt", "ZORBLAX_FEDERATION [XYZ]\n")
    second = write("b.actors.txt", "QUUXIA [QUX]\n")
    run = ok(dyad("code", text, "--actors", first, "--actors", second))
    assert triples(run.records()) == {("XYZ", "QUX", "111")}


def test_no_default_dictionaries_uses_only_the_given_files(dyad: Callable[..., Run],
                                                           write: Write) -> None:
    files = {kind: write(f"my.{kind}.txt", body) for kind, body in
             (("actors", MY_ACTORS), ("verbs", MY_VERBS), ("agents", MY_AGENTS),
              ("discards", MY_DISCARDS))}
    options = ["--no-default-dictionaries", "--actors", files["actors"], "--verbs",
               files["verbs"], "--agents", files["agents"], "--discards", files["discards"]]
    text = write("zq.txt", ZORBLAX_QUUXIA)
    run = ok(dyad("code", text, *options))
    assert triples(run.records()) == {("XYZ", "QUX", "111")}
    # Japan is in the shipped actors only, "condemned" in the shipped verbs only.
    japan = write("zj.txt", ZORBLAX_JAPAN)
    assert [(r["source"], r["target"], r["target_text"]) for r in
            ok(dyad("code", japan, *options)).records()] == [("XYZ", "", "Japan")]
    condemned = write("rj.txt", RUSSIA_JAPAN)
    assert ok(dyad("code", condemned, *options)).records() == []


def test_no_default_dictionaries_without_files_codes_nothing(dyad: Callable[..., Run],
                                                             write: Write) -> None:
    text = write("one.txt", RUSSIA_JAPAN)
    run = ok(dyad("code", text, "--no-default-dictionaries"))
    assert run.records() == []


def test_config_file_is_equivalent_to_the_options(dyad: Callable[..., Run], write: Write,
                                                  tmp_path: Path) -> None:
    write("dicts/my.actors.txt", MY_ACTORS)
    write("dicts/my.verbs.txt", MY_VERBS)
    write("dicts/my.agents.txt", MY_AGENTS)
    write("dicts/my.discards.txt", MY_DISCARDS)
    config = write("dicts/dyad.toml", """\
actors = ["my.actors.txt"]
agents = ["my.agents.txt"]
verbs = ["my.verbs.txt"]
discards = "my.discards.txt"
no_default_dictionaries = true
""")
    text = write("zq.txt", ZORBLAX_QUUXIA)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # file names in the config are relative to the config file, not to the working directory
    run = ok(run_dyad("code", text, "--config", config, cwd=elsewhere))
    assert triples(run.records()) == {("XYZ", "QUX", "111")}
    japan = write("zj.txt", ZORBLAX_JAPAN)
    assert [(r["source"], r["target"]) for r in
            ok(run_dyad("code", japan, "--config", config, cwd=elsewhere)).records()] == [
        ("XYZ", "")]


def test_config_file_adds_to_the_shipped_dictionaries(dyad: Callable[..., Run],
                                                      write: Write) -> None:
    write("my.actors.txt", MY_ACTORS)
    config = write("dyad.toml", 'actors = ["my.actors.txt"]\n')
    text = write("zj.txt", ZORBLAX_JAPAN)
    assert triples(ok(dyad("code", text, "--config", config)).records()) == {
        ("XYZ", "JPN", "111")}


def test_config_and_options_combine(dyad: Callable[..., Run], write: Write) -> None:
    write("a.actors.txt", "ZORBLAX_FEDERATION [XYZ]\n")
    config = write("dyad.toml", 'actors = ["a.actors.txt"]\n')
    second = write("b.actors.txt", "QUUXIA [QUX]\n")
    text = write("zq.txt", ZORBLAX_QUUXIA)
    run = ok(dyad("code", text, "--config", config, "--actors", second))
    assert triples(run.records()) == {("XYZ", "QUX", "111")}


@pytest.mark.parametrize(("body", "needle"), [
    ("actors = [\n", "not valid TOML"),
    ("actors = 3\n", "'actors'"),
    (None, "no such config file"),
])
def test_bad_config_file(dyad: Callable[..., Run], write: Write, tmp_path: Path,
                         body: str | None, needle: str) -> None:
    config = write("dyad.toml", body) if body is not None else tmp_path / "missing.toml"
    text = write("one.txt", RUSSIA_JAPAN)
    run = dyad("code", text, "--config", config)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = run.err_lines
    assert len(lines) in (1, 2) and lines[0].startswith("dyad: error: "), run.describe()
    assert str(config) in lines[0] and needle in lines[0], run.describe()
    assert run.stdout == ""


def test_a_copy_of_a_published_dictionary_warns_per_skipped_line(
        run: Callable[..., tuple[int, str, str]], tmp_path: Path) -> None:
    from dyad.dictionaries.defaults import shipped_dir

    copy = tmp_path / "my.agents.txt"
    copy.write_bytes((shipped_dir() / "Phoenix.agents.txt").read_bytes())
    text = tmp_path / "t.txt"
    text.write_text("Russia condemned Japan.\n", encoding="utf-8")
    status, out, err = run("code", str(text), "--agents", str(copy), "--date", "2024-07-02",
                           "--format", "csv")
    assert status == 0
    warned = [line for line in err.splitlines() if line.startswith("dyad: warning: ")]
    assert warned and all(f"{copy}:" in line and "skipped" in line for line in warned)
    assert "RUS,Russia,JPN" in out


def test_speaker_from_the_line_then_from_the_option(dyad: Callable[..., Run],
                                                    write_jsonl: WriteJsonl) -> None:
    statement = "We condemn the attack on Guyana by Venezuela."
    path = write_jsonl("statements.jsonl", [
        {"id": "named", "text": statement, "date": "2023-12-01",
         "speaker": "Ministry of Foreign Affairs of Brazil"},
        {"id": "coded", "text": statement, "date": "2023-12-01", "speaker": "COLGOV"},
        {"id": "unsaid", "text": statement, "date": "2023-12-01"},
    ])
    by_id = {r["doc_id"]: r["source"] for r in ok(dyad("code", path)).records()}
    assert by_id == {"named": "BRAGOV", "coded": "COLGOV"}
    by_id = {r["doc_id"]: r["source"]
             for r in ok(dyad("code", path, "--speaker", "Japan")).records()}
    # the option speaks only for the documents that do not say who speaks
    assert by_id == {"named": "BRAGOV", "coded": "COLGOV", "unsaid": "JPN"}


def test_an_undated_document_gets_one_notice(dyad: Callable[..., Run], write: Write) -> None:
    undated = write("undated.txt", "Japan protested to China on Monday.")
    dated_by_line = write("dateline.txt", "Japan Protests\n\nAugust 10, 2012\n\n"
                                          "Japan protested to China on Monday.")
    run = ok(dyad("code", undated, dated_by_line))
    assert len(run.undated) == 1 and "undated.txt: document undated.txt" in run.undated[0]
    by_id = {r["doc_id"]: r["date"] for r in run.records()}
    # the dateline dates the other one, so "on Monday" resolves against it
    assert by_id == {"undated.txt": "", "dateline.txt": "2012-08-06"}
