from pathlib import Path

import pytest

from dyad.io.walk import expand_paths, is_documentation


@pytest.mark.parametrize("name", ["README.md", "SOURCES.md", "LICENSE", "LICENCE.txt",
                                  "notes.md", "CREDITS.rst", "changelog.txt"])
def test_documentation_files_are_recognised(name: str) -> None:
    assert is_documentation(name)


@pytest.mark.parametrize("name", ["japan-centers.txt", "feed.rss", "news.jsonl", "page.html",
                                  "sources-of-conflict.txt", "readme-ukraine.txt"])
def test_news_files_are_not_documentation(name: str) -> None:
    assert not is_documentation(name)


def test_folder_walk_leaves_out_documentation_and_hidden_files(tmp_path: Path) -> None:
    for name in ("a.txt", "SOURCES.md", "README", ".hidden.txt", "sub/b.jsonl"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    assert found == ["a.txt", "sub/b.jsonl"]


def test_a_file_named_directly_is_kept_even_if_it_looks_like_documentation(tmp_path: Path
                                                                           ) -> None:
    notes = tmp_path / "SOURCES.md"
    notes.write_text("x", encoding="utf-8")
    assert list(expand_paths([str(notes)])) == [str(notes)]
