"""Highlighted text: escaped, marks nested where spans overlap, never crossing."""

from __future__ import annotations

from datetime import date

from dyad.store.listing import Cursor
from dyad.web.markup import Highlight, highlight, mention_sentence
from tests.web.html import parse


def test_text_is_escaped_and_marked() -> None:
    html = highlight("<b>Tokyo</b> & Moscow", [Highlight(3, 8, "source")])
    assert html == '&lt;b&gt;<mark class="source">Tokyo</mark>&lt;/b&gt; &amp; Moscow'


def test_overlapping_spans_nest_without_crossing() -> None:
    html = highlight("sanctions imposed by Tokyo",
                     [Highlight(0, 17, "trigger"), Highlight(10, 26, "source")])
    assert html == ('<mark class="trigger">sanctions </mark><mark class="trigger">'
                    '<mark class="source">imposed</mark></mark><mark class="source"> by '
                    'Tokyo</mark>')
    marks = parse(str(html)).select("mark")
    assert "".join(m.text for m in marks if m.classes == {"trigger"}) == (
        "sanctions imposed")


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    assert highlight("abc", [Highlight(-5, 1, "x"), Highlight(2, 99, "y"),
                             Highlight(7, 9, "z")]) == (
        '<mark class="x">a</mark>b<mark class="y">c</mark>')


def test_attributes_are_escaped() -> None:
    html = highlight("ab", [Highlight(0, 2, "event", (("title", 'a "b" <c>'),))])
    assert html == '<mark class="event" title="a &#34;b&#34; &lt;c&gt;">ab</mark>'


def test_mention_sentence_uses_offsets_into_the_document() -> None:
    mention = {"sentence": "Japan condemned Russia.", "sentence_start": 100,
               "spans": {"source": [100, 105], "target": [116, 122], "trigger": [106, 115]}}
    page = parse(str(mention_sentence(mention)))
    assert [(m.attrs["class"], m.text) for m in page.select("mark")] == [
        ("source", "Japan"), ("trigger", "condemned"), ("target", "Russia")]


def test_cursor_round_trip() -> None:
    for cursor in (Cursor(date(2024, 7, 2), "abc"), Cursor(None, "f00d")):
        assert Cursor.decode(cursor.encode()) == cursor
