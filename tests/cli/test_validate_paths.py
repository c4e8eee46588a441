"""`dyad validate` on PETRARCH's files wherever they lie, and only on the files it may read.

- PETRARCH's unit-test suite copied out of the package scores exactly as the packaged copy,
  with a one-line warning for the line of its verbs file dyad skips (`- * DIPLXMATIC [###]`);
  `dyad dict check` still reports that line as a problem.
- An `<Environment>` may only name files in the XML's folder or below it (or in the folder
  given with `--dictionaries`): `../../../../etc/passwd` is refused with one error line naming
  the XML file and line, and nothing of the file is shown.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import UNITTEST, Run, assert_one_line_error

XML = "PETR.UnitTest.records.xml"
DICTIONARIES = ("PETR.Validate.verbs.txt", "PETR.Validate.actors.txt",
                "PETR.Validate.agents.txt", "PETR.Validate.discards.txt")
SKIPPED = 992  # `- * DIPLXMATIC [###]`: `#` starts a comment, so the pattern has no code


def _copy_suite(folder: Path, dictionaries: Path | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(UNITTEST / XML, folder / XML)
    target = dictionaries or folder
    target.mkdir(parents=True, exist_ok=True)
    for name in DICTIONARIES:
        shutil.copy(UNITTEST / name, target / name)
    return folder / XML


def _score(run: Run) -> dict[str, object]:
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    result: dict[str, object] = json.loads(run.stdout)
    return result


@pytest.fixture(scope="module")
def packaged(dyad: Callable[..., Run]) -> dict[str, object]:
    """The score of the packaged copy of the suite."""
    return _score(dyad("validate", UNITTEST / XML, "--json"))


def test_a_copy_outside_the_package_scores_the_same(dyad: Callable[..., Run], tmp_path: Path,
                                                    packaged: dict[str, object]) -> None:
    xml = _copy_suite(tmp_path / "petrarch")
    run = dyad("validate", xml, "--json")
    score = _score(run)
    assert score["records"] == packaged["records"] == 278
    assert score["correct"] == packaged["correct"]
    assert score["results"] == packaged["results"]
    verbs = xml.parent / "PETR.Validate.verbs.txt"
    assert run.err_lines == [f"dyad: warning: {verbs}:{SKIPPED}: pattern without a [CODE]; "
                             "line skipped"], run.describe()


def test_petrarch_layout_with_a_dictionaries_folder(dyad: Callable[..., Run], tmp_path: Path,
                                                   packaged: dict[str, object]) -> None:
    """PETRARCH's repository keeps the XML in data/text and the dictionaries elsewhere."""
    data = tmp_path / "petrarch2" / "data"
    xml = _copy_suite(data / "text", data / "dictionaries")
    missing = dyad("validate", xml, "--json")
    assert_one_line_error(missing, "PETR.Validate.")
    run = dyad("validate", xml, "--dictionaries", data / "dictionaries", "--json")
    score = _score(run)
    assert (score["records"], score["correct"]) == (packaged["records"], packaged["correct"])
    assert len(run.err_lines) == 1 and run.err_lines[0].startswith("dyad: warning: ")
    assert f"{data / 'dictionaries' / 'PETR.Validate.verbs.txt'}:{SKIPPED}:" in run.stderr


def test_dict_check_still_reports_the_skipped_line(dyad: Callable[..., Run],
                                                   tmp_path: Path) -> None:
    verbs = _copy_suite(tmp_path).parent / "PETR.Validate.verbs.txt"
    run = dyad("dict", "check", verbs)
    assert run.returncode == 2, run.describe()
    assert f"{verbs}:{SKIPPED}: pattern without a [CODE]" in run.stderr
    assert run.err_lines[-2] == "dyad: error: 1 bad dictionary line(s) in 1 of 1 file(s)"


# --- what an <Environment> may name ---------------------------------------------------------------

SUITE = """<Validation>
<Environment>
    <Verbfile>{verbs}</Verbfile>
    <Actorfile>{actors}</Actorfile>
    <Agentfile>PETR.Validate.agents.txt</Agentfile>
    <Discardfile>PETR.Validate.discards.txt</Discardfile>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Arnor is about to restore full diplomatic ties with Gondor almost
five years after crowds trashed its embassy.</Text>
</Sentence>
</Sentences>
</Validation>
"""
SECRET = "TOP-SECRET-FIRST-LINE [XYZ]"


def _small_suite(folder: Path, verbs: str = "PETR.Validate.verbs.txt",
                 actors: str = "PETR.Validate.actors.txt") -> Path:
    _copy_suite(folder)
    (folder / XML).unlink()
    xml = folder / "suite.xml"
    xml.write_text(SUITE.format(verbs=verbs, actors=actors), encoding="utf-8")
    return xml


def test_small_suite_passes(dyad: Callable[..., Run], tmp_path: Path) -> None:
    score = _score(dyad("validate", _small_suite(tmp_path / "suite"), "--json"))
    assert (score["records"], score["correct"]) == (1, 1)


@pytest.mark.parametrize(("tag", "line"), [("Verbfile", 3), ("Actorfile", 4)])
@pytest.mark.parametrize("name", [
    "../../../../../../../../../../etc/passwd",
    "/etc/passwd",
    "../secret.actors.txt",
    "sub/../../secret.actors.txt",
], ids=["etc-passwd", "absolute", "beside", "down-and-up"])
def test_a_file_outside_the_folder_is_refused(dyad: Callable[..., Run], tmp_path: Path,
                                              tag: str, line: int, name: str) -> None:
    (tmp_path / "secret.actors.txt").write_text(SECRET + "\n", encoding="utf-8")
    names = {"verbs": name} if tag == "Verbfile" else {"actors": name}
    xml = _small_suite(tmp_path / "suite", **names)
    for args in ((), ("--json",)):
        run = dyad("validate", xml, *args)
        assert_one_line_error(run, f"{xml}:{line}: <{tag}> names {name!r}", "outside")
        assert run.returncode == 2
        output = run.stdout + run.stderr
        assert "TOP-SECRET" not in output and "root:" not in output, run.describe()


def test_a_symbolic_link_out_is_refused(dyad: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "secret.actors.txt").write_text(SECRET + "\n", encoding="utf-8")
    xml = _small_suite(tmp_path / "suite", actors="linked.actors.txt")
    (xml.parent / "linked.actors.txt").symlink_to(tmp_path / "secret.actors.txt")
    run = dyad("validate", xml)
    assert_one_line_error(run, f"{xml}:4: <Actorfile> names 'linked.actors.txt'", "outside")
    assert "TOP-SECRET" not in run.stdout + run.stderr


def test_files_below_the_folder_are_read(dyad: Callable[..., Run], tmp_path: Path) -> None:
    folder = tmp_path / "suite"
    xml = _small_suite(folder, actors="dicts/my.actors.txt")
    (folder / "dicts").mkdir()
    shutil.copy(UNITTEST / "PETR.Validate.actors.txt", folder / "dicts" / "my.actors.txt")
    score = _score(dyad("validate", xml, "--json"))
    assert score["correct"] == 1


def test_dictionaries_folder_bounds_the_names_too(dyad: Callable[..., Run],
                                                  tmp_path: Path) -> None:
    (tmp_path / "secret.actors.txt").write_text(SECRET + "\n", encoding="utf-8")
    folder = tmp_path / "suite"
    xml = _small_suite(folder, actors="../secret.actors.txt")
    run = dyad("validate", xml, "--dictionaries", folder, "--json")
    assert_one_line_error(run, f"{xml}:4:", "outside")
    assert "TOP-SECRET" not in run.stdout + run.stderr
