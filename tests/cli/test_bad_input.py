"""Bad input never gives a traceback: a one-line error naming the file, or a warning in a batch."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import JAPAN_CHINA, RUSSIA_JAPAN, Run, assert_one_line_error

Write = Callable[[str, str | bytes], Path]
Maker = Callable[[Path], Path]

RUSSIAN = (
    "Президент России Владимир Путин заявил в понедельник, что Москва готова к переговорам "
    "с Токио по всем вопросам, включая мирный договор и экономическое сотрудничество между "
    "двумя странами, однако японская сторона пока не ответила на это предложение.\n"
)
FRENCH = (
    "Le gouvernement français a annoncé lundi que le président de la République se rendra "
    "au Japon la semaine prochaine pour discuter de la coopération économique et des "
    "questions de sécurité dans la région, selon un communiqué publié par l'Élysée.\n"
)
MB = 1 << 20


def _text(name: str, content: bytes) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return make


def _huge_line(folder: Path) -> Path:
    """A 50 MB file that is one single line, written in chunks."""
    path = folder / "huge.txt"
    chunk = (b"Russia condemned Japan and " * (MB // 27 + 1))[:MB]
    with path.open("wb") as handle:
        for _ in range(50):
            handle.write(chunk)
        handle.write(b"\n")
    return path


def _huge_jsonl_line(folder: Path) -> Path:
    """A .jsonl file whose only line is a 50 MB document."""
    path = folder / "huge.jsonl"
    chunk = (b"Russia condemned Japan and " * (MB // 27 + 1))[:MB]
    with path.open("wb") as handle:
        handle.write(b'{"id": "big", "text": "')
        for _ in range(50):
            handle.write(chunk)
        handle.write(b'"}\n')
    return path


def _missing(folder: Path) -> Path:
    return folder / "no-such-file.txt"


def _directory(folder: Path) -> Path:
    path = folder / "a-folder.txt"
    path.mkdir()
    return path


# (id, maker, extra words the error line must contain)
BAD_FILES: list[tuple[str, Maker, tuple[str, ...]]] = [
    ("empty", _text("empty.txt", b""), ("empty",)),
    ("whitespace", _text("blank.txt", b"  \n\t\n\r\n   \n"), ("empty",)),
    ("binary", _text("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x02\x03" * 40),
     ("binary",)),
    ("non-utf8", _text("latin1.txt", (RUSSIA_JAPAN + "\n" + JAPAN_CHINA + "\n"
                                      + "The caf\xe9 was closed.\n").encode("latin-1")),
     ("latin1.txt:3:", "UTF-8")),
    ("50MB-line", _huge_line, ("larger than",)),
    ("russian", _text("russian.txt", RUSSIAN.encode()), ("English",)),
    ("french", _text("french.txt", FRENCH.encode()), ("English",)),
    ("missing", _missing, ("not found",)),
    ("directory", _directory, ("directory",)),
    ("empty-jsonl", _text("empty.jsonl", b""), ("empty",)),
    ("binary-jsonl", _text("data.jsonl", b"\x00\x01\x02\x03" * 100), ("binary",)),
]


@pytest.mark.parametrize(("maker", "needles"), [(m, n) for _, m, n in BAD_FILES],
                         ids=[i for i, _, _ in BAD_FILES])
def test_bad_file_gives_one_line_error(dyad: Callable[..., Run], tmp_path: Path,
                                       maker: Maker, needles: tuple[str, ...]) -> None:
    path = maker(tmp_path)
    run = dyad("code", path, "--date", "2024-07-02")
    assert_one_line_error(run, str(path), *needles)
    assert run.stdout == ""


@pytest.mark.parametrize("bad", ["empty", "non-utf8", "missing"])
def test_bad_file_error_in_explicit_format(dyad: Callable[..., Run], tmp_path: Path,
                                           bad: str) -> None:
    """The same with --format table: stdout stays empty (no half-drawn table)."""
    maker, needles = next((m, n) for i, m, n in BAD_FILES if i == bad)
    path = maker(tmp_path)
    run = dyad("code", path, "--format", "table")
    assert_one_line_error(run, str(path), *needles)
    assert run.stdout == ""


def test_huge_jsonl_line_alone_is_an_error(dyad: Callable[..., Run], tmp_path: Path) -> None:
    path = _huge_jsonl_line(tmp_path)
    run = dyad("code", path)
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr
    assert f"{path}:1:" in run.err_lines[-1] and "larger than" in run.err_lines[-1]
    assert run.err_lines[-1].startswith("dyad: error: ")
    assert run.stdout == ""


@pytest.mark.parametrize(("content", "needles"), [
    (b"", ("<stdin>", "empty")),
    (b"   \n\n", ("<stdin>", "empty")),
    (b"abc\x00\x01\x02def", ("<stdin>", "binary")),
    (b"Russia condemned Japan.\nJapan spoke \xff loudly.\n", ("<stdin>:2:", "UTF-8")),
    (RUSSIAN.encode(), ("<stdin>", "English")),
    (FRENCH.encode(), ("<stdin>", "English")),
], ids=["empty", "whitespace", "binary", "non-utf8", "russian", "french"])
def test_bad_stdin_gives_one_line_error(dyad: Callable[..., Run], content: bytes,
                                        needles: tuple[str, ...]) -> None:
    run = dyad("code", "-", stdin=content)
    assert_one_line_error(run, *needles)
    assert run.stdout == ""


# --- batches: a warning for the bad document, the rest coded -------------------------------------


BAD_LINES: list[tuple[str, bytes, str]] = [
    ("invalid-json", b'{"id": "b", "text": ', "invalid JSON"),
    ("not-an-object", b'["b", "text"]', "expected a JSON object"),
    ("missing-text", b'{"id": "b"}', '"text"'),
    ("empty-text", b'{"id": "b", "text": "  "}', '"text" is empty'),
    ("missing-id", b'{"text": "Japan criticized China."}', '"id"'),
    ("bad-date", b'{"id": "b", "text": "Japan criticized China.", "date": "July 2"}', "date"),
    ("non-utf8", b'{"id": "b", "text": "caf\xe9"}', "UTF-8"),
    ("russian", json.dumps({"id": "b", "text": RUSSIAN}, ensure_ascii=False).encode(),
     "English"),
    ("french", json.dumps({"id": "b", "text": FRENCH}).encode(), "English"),
]


GOOD_A = json.dumps({"id": "a", "text": RUSSIA_JAPAN, "date": "2024-07-02"}).encode()
GOOD_C = json.dumps({"id": "c", "text": JAPAN_CHINA}).encode()
ONE_BAD_LINE = ["invalid-json", "non-utf8", "french"]


@pytest.mark.parametrize(("line", "needle"), [(b, n) for i, b, n in BAD_LINES
                                              if i in ONE_BAD_LINE], ids=ONE_BAD_LINE)
def test_jsonl_batch_with_a_bad_line(dyad: Callable[..., Run], write: Write, line: bytes,
                                     needle: str) -> None:
    path = write("batch.jsonl", b"\n".join([GOOD_A, line, GOOD_C]) + b"\n")
    run = dyad("code", path, "--date", "2024-07-02")
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr
    records = run.records()
    assert {(r["doc_id"], r["source"], r["target"]) for r in records} == {
        ("a", "RUS", "JPN"), ("c", "JPN", "CHN")}, run.describe()
    lines = run.err_lines
    assert len(lines) == 1, run.describe()
    assert lines[0].startswith("dyad: warning: "), run.describe()
    assert f"{path}:2:" in lines[0] and needle in lines[0], run.describe()


def test_jsonl_batch_with_many_bad_lines(dyad: Callable[..., Run], write: Write) -> None:
    """Every kind of bad line gives one warning naming its line; the good lines are coded."""
    body = [GOOD_A, b"", *(line for _, line, _ in BAD_LINES), GOOD_C]
    path = write("batch.jsonl", b"\n".join(body) + b"\n")
    run = dyad("code", path, "--date", "2024-07-02")
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr
    assert {(r["doc_id"], r["source"], r["target"]) for r in run.records()} == {
        ("a", "RUS", "JPN"), ("c", "JPN", "CHN")}, run.describe()
    lines = run.err_lines
    assert len(lines) == len(BAD_LINES), run.describe()
    for number, (line, (_, _, needle)) in enumerate(zip(lines, BAD_LINES, strict=True), 3):
        assert line.startswith(f"dyad: warning: {path}:{number}: "), run.describe()
        assert needle in line, (needle, line)


def test_jsonl_batch_with_a_huge_line(dyad: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    chunk = (b"Russia condemned Japan and " * (MB // 27 + 1))[:MB]
    with path.open("wb") as handle:
        handle.write(json.dumps({"id": "a", "text": RUSSIA_JAPAN}).encode() + b"\n")
        handle.write(b'{"id": "big", "text": "')
        for _ in range(50):
            handle.write(chunk)
        handle.write(b'"}\n')
        handle.write(json.dumps({"id": "c", "text": JAPAN_CHINA}).encode() + b"\n")
    run = dyad("code", path)
    assert run.returncode == 0, run.describe()
    assert {r["doc_id"] for r in run.records()} == {"a", "c"}
    assert len(run.err_lines) == 1, run.describe()
    assert run.err_lines[0].startswith("dyad: warning: ")
    assert f"{path}:2:" in run.err_lines[0] and "larger than" in run.err_lines[0]


def test_jsonl_batch_where_every_line_is_bad(dyad: Callable[..., Run], write: Write) -> None:
    path = write("bad.jsonl", b'{"id": 1}\n[1, 2]\n')
    run = dyad("code", path)
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    assert run.err_lines[-1].startswith("dyad: error: ")
    assert str(path) in run.err_lines[-1]


@pytest.mark.parametrize("bad", ["binary", "missing", "french"])
def test_several_files_where_one_is_bad(dyad: Callable[..., Run], write: Write,
                                        tmp_path: Path, bad: str) -> None:
    maker = next(m for i, m, _ in BAD_FILES if i == bad)
    broken = maker(tmp_path)
    first = write("first.txt", RUSSIA_JAPAN)
    last = write("last.txt", JAPAN_CHINA)
    run = dyad("code", first, broken, last, "--date", "2024-07-02")
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr
    assert {(r["doc_id"], r["source"], r["target"]) for r in run.records()} == {
        ("first.txt", "RUS", "JPN"), ("last.txt", "JPN", "CHN")}, run.describe()
    lines = run.err_lines
    assert len(lines) == 1, run.describe()
    assert lines[0].startswith("dyad: warning: ") and str(broken) in lines[0], run.describe()


def test_several_files_all_bad(dyad: Callable[..., Run], write: Write) -> None:
    first = write("empty.txt", b"")
    second = write("blank.txt", b"\n\n")
    run = dyad("code", first, second)
    assert run.returncode != 0, run.describe()
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    assert run.err_lines[-1].startswith("dyad: error: ")
    assert str(first) in run.err_lines[-1]


def test_text_file_and_bad_jsonl_line(dyad: Callable[..., Run], write: Write) -> None:
    text = write("plain.txt", RUSSIA_JAPAN)
    batch = write("batch.jsonl", b'{"id": "c", "text": "Japan criticized China."}\nnot json\n')
    run = dyad("code", text, batch)
    assert run.returncode == 0, run.describe()
    assert {r["doc_id"] for r in run.records()} == {"plain.txt", "c"}
    assert len(run.err_lines) == 1 and f"{batch}:2:" in run.err_lines[0], run.describe()


# --- bad user dictionaries -----------------------------------------------------------------------


@pytest.mark.parametrize(("option", "name", "body", "line", "needle"), [
    ("--actors", "my.actors.txt", "ZORBLAX [XYZ]\nFOO_BAR [XYZ 2024130-]\n", 2, "2024130"),
    ("--actors", "bad.actors.txt", "FOO_BAR [XYZ 2024130-]\n", 1, "date"),
    ("--agents", "my.agents.txt", "MINISTER [~GOV]\nGENERAL GOV\n", 2, ""),
], ids=["actors-line-2", "actors-line-1", "agents"])
def test_malformed_user_dictionary_line(dyad: Callable[..., Run], write: Write, option: str,
                                        name: str, body: str, line: int, needle: str) -> None:
    dictionary = write(name, body)
    text = write("one.txt", RUSSIA_JAPAN)
    run = dyad("code", text, option, dictionary)
    assert_one_line_error(run, f"{dictionary}:{line}: ", needle)
    assert run.stdout == ""


@pytest.mark.parametrize(("content", "needle"), [
    (None, "no such file"),
    (b"", "empty"),
    (b"\x00\x01\x02\x03", "binary"),
    ("dir", "directory"),
], ids=["missing", "empty", "binary", "directory"])
def test_unusable_user_dictionary_file(dyad: Callable[..., Run], write: Write, tmp_path: Path,
                                       content: bytes | str | None, needle: str) -> None:
    path = tmp_path / "my.actors.txt"
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    text = write("one.txt", RUSSIA_JAPAN)
    run = dyad("code", text, "--actors", path)
    assert_one_line_error(run, str(path), needle)
    assert run.stdout == ""


def test_non_utf8_user_dictionary_names_the_line(dyad: Callable[..., Run], write: Write) -> None:
    path = write("my.actors.txt", b"ZORBLAX [XYZ]\nQUUXIA [QUX]\nCAF\xc9 [FRA]\n")
    text = write("one.txt", RUSSIA_JAPAN)
    run = dyad("code", text, "--actors", path)
    assert_one_line_error(run, str(path), "UTF-8")
    assert f"{path}:3:" in run.err_lines[0], run.describe()


def test_warning_for_a_bad_file_shows_control_characters_of_its_name(
        dyad: Callable[..., Run], write: Write, tmp_path: Path) -> None:
    """A file name is text from outside too: its escape sequences are shown, not obeyed."""
    first = write("first.txt", RUSSIA_JAPAN)
    missing = tmp_path / "gone\x1b]0;owned\x07[bold].txt"
    run = dyad("code", first, missing)
    assert run.returncode == 0, run.describe()
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr, run.describe()
    assert len(run.err_lines) == 1, run.describe()
    assert "gone\\x1b]0;owned\\x07[bold].txt" in run.err_lines[0], run.describe()
