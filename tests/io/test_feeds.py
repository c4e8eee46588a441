"""RSS and Atom feeds: one Document per entry; malformed feeds warn or fail, naming the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyad.errors import InputError
from dyad.io.feeds import MALFORMED, NOT_A_FEED, html_to_text, is_feed_path, read_feed
from dyad.io.jsonl import InputProblem
from dyad.record import Document

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example/</link>
<item><title>Sanctions</title><link>https://wire.example/1</link><guid>wire-1</guid>
<pubDate>Mon, 01 Jul 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Russia imposed sanctions on Japan.&lt;/p&gt;&lt;p&gt;Japan condemned the
decision.&lt;/p&gt;</description></item>
<item><title>Accusation</title><link>https://wire.example/2</link>
<description>China accused the United States of interfering in its elections.</description>
</item>
<item><title></title><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><id>urn:atom:1</id><title>Threat</title><updated>2024-07-03T12:00:00Z</updated>
<link href="https://atom.example/x"/>
<content type="html">&lt;div&gt;Iran threatened Israel with retaliation.&lt;br&gt;Officials
said more was to come.&lt;/div&gt;</content></entry></feed>"""


def read(tmp_path: Path, name: str, data: str, **options: object) -> list[Document | InputProblem]:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    return list(read_feed(str(path), **options))  # type: ignore[arg-type]


def test_feeds_rss_entries(tmp_path: Path) -> None:
    items = read(tmp_path, "wire.rss", RSS, default_date=date(2024, 7, 9))
    first, second, empty = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "wire-1" and second.id == "https://wire.example/2"
    assert first.text == "Russia imposed sanctions on Japan.\n\nJapan condemned the decision."
    assert first.date == date(2024, 7, 1) and second.date == date(2024, 7, 9)
    assert (first.source, first.url, first.title) == ("World Wire", "https://wire.example/1",
                                                      "Sanctions")
    assert first.origin == f"{tmp_path / 'wire.rss'}#1"
    assert isinstance(empty, InputProblem)
    assert str(empty) == f"{tmp_path / 'wire.rss'}#3: feed entry has no text"


def test_feeds_atom_entry(tmp_path: Path) -> None:
    (entry,) = read(tmp_path, "news.atom", ATOM)
    assert isinstance(entry, Document)
    assert entry.id == "urn:atom:1" and entry.date == date(2024, 7, 3)
    assert entry.text == (
        "Iran threatened Israel with retaliation.\n\nOfficials said more was to come.")
    assert entry.source == "Atom News"


def test_feeds_malformed_xml_keeps_what_was_read(tmp_path: Path) -> None:
    cut = RSS[: RSS.index("<item><title></title>")]
    problem, *entries = read(tmp_path, "cut.xml", cut)
    assert isinstance(problem, InputProblem)
    assert str(problem).startswith(f"{tmp_path / 'cut.xml'}: {MALFORMED} (")
    assert [e.id for e in entries if isinstance(e, Document)] == ["wire-1",
                                                                  "https://wire.example/2"]


@pytest.mark.parametrize("data", ["<rss><channel><item>", "not a feed at all", "<html></html>"])
def test_feeds_unreadable(tmp_path: Path, data: str) -> None:
    with pytest.raises(InputError) as caught:
        read(tmp_path, "bad.rss", data)
    assert caught.value.message.startswith(f"{tmp_path / 'bad.rss'}: {NOT_A_FEED}")


def test_feeds_entry_over_the_limit(tmp_path: Path) -> None:
    items = read(tmp_path, "wire.rss", RSS, max_bytes=40)
    assert [str(i).split(": ", 1)[1] for i in items if isinstance(i, InputProblem)][:2] == [
        "document is larger than the limit of 40 bytes"] * 2


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("plain &amp; simple", "plain &amp; simple"),
        ("<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        ("<script>x()</script><p>Kept.</p>", "Kept."),
        ("<<<>>>", "<<<>>>"),
    ],
)
def test_feeds_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


@pytest.mark.parametrize(("name", "feed"), [("a.rss", True), ("a.ATOM", True), ("a.xml", True),
                                            ("a.rdf", True), ("a.html", False)])
def test_feeds_suffixes(name: str, feed: bool) -> None:
    assert is_feed_path(name) is feed


ITEM = {"title": "Sanctions", "link": "https://wire.example/1", "guid": "wire-1",
        "description": "Russia imposed sanctions on Japan."}


@pytest.mark.parametrize("ref", ["&#xD800;", "&#55296;", "&#xdfff;", "&#x110000;",
                                 "&#99999999999999999999;", "&#x0000d800;"],
                         ids=["hex", "decimal", "low-half", "beyond", "huge", "leading-zeros"])
@pytest.mark.parametrize("field", list(ITEM))
def test_reference_to_no_character_makes_its_entry_bad(tmp_path: Path, ref: str,
                                                       field: str) -> None:
    """feedparser fails on `&#xD800;` with a traceback: the entry is reported, the rest read."""
    item = "".join(f"<{name}>{value + ref if name == field else value}</{name}>"
                   for name, value in ITEM.items())
    body = RSS[: RSS.index("<item>")] + f"<item>{item}</item>" + RSS[RSS.index("</item>") + 7:]
    items = read(tmp_path, "wire.rss", body)
    problems = [i for i in items if isinstance(i, InputProblem) and "invalid" in i.message]
    assert [p.path for p in problems] == [f"{tmp_path / 'wire.rss'}#1"], items
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == ["https://wire.example/2"]


def test_bad_reference_in_the_feed_title_loses_only_the_name(tmp_path: Path) -> None:
    items = read(tmp_path, "wire.rss", RSS.replace("World Wire", "World &#xD800; Wire"))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.source for d in docs] == ["wire.example", "wire.example"]
    assert [d.id for d in docs] == ["wire-1", "https://wire.example/2"]


def test_references_to_characters_are_kept(tmp_path: Path) -> None:
    body = RSS.replace("China accused", "China &#x201C;accused&#8221; &#x1F600;")
    docs = [i for i in read(tmp_path, "wire.rss", body) if isinstance(i, Document)]
    assert "China “accused” \U0001f600 the United States" in docs[1].text
