"""Reading dictionary files: decoding checks and comment stripping shared by all parsers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dyad.errors import DictionaryError, DictionaryLineError

#: The longest dictionary line read, in characters; PETRARCH's longest has 178.
MAX_LINE_CHARS = 10_000


def read_text(path: Path) -> str:
    """The text of a dictionary file; DictionaryError if it is missing, binary or empty."""
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DictionaryError(name, "no such file", hint="check the path") from None
    except IsADirectoryError:
        raise DictionaryError(name, "is a directory, not a dictionary file") from None
    except OSError as exc:
        raise DictionaryError(name, f"cannot be read ({exc.strerror or exc})") from None
    if b"\x00" in data:
        raise DictionaryError(name, "is a binary file, not a text dictionary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        error = DictionaryLineError(
            name, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02X})"
        )
        error.hint = "save the file as UTF-8"
        raise error from None
    # Countries has two stray Ctrl-Z bytes inside names; they are never data.
    text = text.removeprefix("\ufeff").replace("\x1a", "").replace("\r\n", "\n")
    if not text.strip():
        raise DictionaryError(name, "is empty")
    return text


def strip_comment(line: str) -> str:
    """The line without its `#` comment and its old `;` comment (outside brackets)."""
    cut = line.find("#")
    if cut >= 0:
        line = line[:cut]
    if ";" in line:
        depth = 0
        for i, ch in enumerate(line):
            if ch in "[{":
                depth += 1
            elif ch in "]}":
                depth = max(0, depth - 1)
            elif ch == ";" and depth == 0:
                return line[:i].rstrip()
    return line.rstrip()


def iter_lines(
    text: str, path: str, problems: list[DictionaryLineError]
) -> Iterator[tuple[int, str, str]]:
    """(line number, raw line, content without comments) for every line of the file.

    `<!-- ... -->` comments, which may span lines, are removed from the content; an
    unclosed one is reported and swallows the rest of the file. A line longer than
    MAX_LINE_CHARS is reported and skipped.
    """
    opened = 0
    # split("\n"), not splitlines(): the latter also breaks at U+0085, U+2028 ... and
    # would shift the line numbers reported to the user.
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw
        if opened:
            end = line.find("-->")
            if end < 0:
                continue
            opened = 0
            line = line[end + 3 :]
        elif len(line) > MAX_LINE_CHARS:
            problems.append(DictionaryLineError(
                path, number, f"line of {len(line):,} characters, over the limit of "
                f"{MAX_LINE_CHARS:,}; skipped"))
            continue
        elif "<!" in line and line.lstrip().startswith("<!"):
            end = line.find("-->")
            if end < 0:
                opened = number
                continue
            line = line[end + 3 :]
        if "#" in line or ";" in line:
            line = strip_comment(line)
        yield number, raw, line.rstrip()
    if opened:
        problems.append(DictionaryLineError(path, opened, "comment `<!--` is never closed"))


def words_of(text: str) -> tuple[str, ...]:
    """Upper-case words of a dictionary phrase: `_` and blanks both separate words."""
    return tuple(text.upper().replace("_", " ").split())


def plural_of(word: str) -> str:
    """Regular plural of a noun as the dictionaries generate it: Y→IES, S→+ES, else +S."""
    if word.endswith("Y"):
        return word[:-1] + "IES"
    if word.endswith("S"):
        return word + "ES"
    return word + "S"
