"""Tests for dyad.validation.suite: loading PETRARCH validation XML."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from dyad.errors import DyadError, ValidationFileError
from dyad.validation.suite import RecordConfig, ValidationSuite, load_suite

UNIT_TEST_FILE = (
    Path(__file__).resolve().parents[2]
    / "src" / "dyad" / "data" / "petrarch-unittest" / "PETR.UnitTest.records.xml"
)  # fmt: skip


@pytest.fixture(scope="module")
def unit_suite() -> ValidationSuite:
    if not UNIT_TEST_FILE.exists():
        pytest.skip(f"the PETRARCH unit-test file has not been copied to {UNIT_TEST_FILE} yet")
    return load_suite(UNIT_TEST_FILE)


def test_unit_file_counts(unit_suite: ValidationSuite) -> None:
    assert len(unit_suite.records) == 284
    assert len(unit_suite.in_scope) == 278
    out = [record.id for record in unit_suite.records if not record.in_scope]
    assert out == ["DEMO-04", "AGENT-08", "AGENTS-18", "AGENTS-19", "COMPOUND-28", "COMPOUND-36"]


def test_unit_file_environment(unit_suite: ValidationSuite) -> None:
    folder = UNIT_TEST_FILE.parent
    assert unit_suite.verbs == folder / "PETR.Validate.verbs.txt"
    assert unit_suite.actors == (folder / "PETR.Validate.actors.txt",)
    assert unit_suite.agents == folder / "PETR.Validate.agents.txt"
    assert unit_suite.discards == folder / "PETR.Validate.discards.txt"
    assert unit_suite.valid_only
    assert "COMPOUND" in unit_suite.categories and "COMPOUNDx" not in unit_suite.categories
    assert unit_suite.initial_config.options["stop_on_error"] == "True"
    assert unit_suite.initial_config.require_dyad is True


def test_unit_file_records(unit_suite: ValidationSuite) -> None:
    demo0 = unit_suite.records[0]
    assert demo0.id == "DEMO-00"
    assert demo0.date == date(1995, 1, 1)
    assert demo0.category == "DEMO" and demo0.sentence
    assert demo0.expected == [("ARN", "GON", "064")]
    assert demo0.text.startswith("Arnor is about to restore full diplomatic ties with Gondor")
    assert demo0.parse.startswith("(ROOT")
    assert unit_suite.find("DEMO-24").expected == []
    assert unit_suite.find("DEMO-24").expected_error is None
    assert ('"INJURY TOLL"', "OSG", "223") in unit_suite.find("DEMO-22").expected
    assert unit_suite.find("PATTERN-06").expected == []
    assert unit_suite.records[-1].id == "FINAL-RECORD"


def test_unit_file_error_records(unit_suite: ValidationSuite) -> None:
    errors = {r.id: r.expected_error for r in unit_suite.records if r.expected_error}
    assert errors == {
        "ERROR-01": "dateline",
        "ERROR-02": "bad_input_parse",
        "ERROR-03": "bad_input_parse",
        "DISCARD-01": "storydiscard",
        "DISCARD-02": "storydiscard",
        "DISCARD-03": "sentencediscard",
        "DISCARD-04": "sentencediscard",
    }
    assert all(unit_suite.find(i).expected == [] for i in errors)


def test_unit_file_config_toggles(unit_suite: ValidationSuite) -> None:
    dyad = {r.id: r.config.require_dyad for r in unit_suite.records}
    assert dyad["DEMO-00"] is True
    assert dyad["COMPOUND-03"] is False  # value="false"
    assert dyad["COMPOUND-05"] is True  # value="true"
    assert dyad["COMPOUND-15"] is False  # value="FALSE"
    assert dyad["COMPOUND-17"] is True  # value="TRUE"
    assert dyad["DATE-16"] is False  # value="False"
    assert dyad["DATE-17"] is True
    assert unit_suite.find("DEMO-22").config.new_actor_length == 4
    assert unit_suite.find("DEMO-24").config.new_actor_length == 0
    assert unit_suite.find("DATE-16").config.options["comma_emax"] == "0"


def test_unit_file_repeated_ids_kept_in_order(unit_suite: ValidationSuite) -> None:
    agents18 = [r for r in unit_suite.records if r.id == "AGENTS-18"]
    assert [r.category for r in agents18] == ["AGENT", "AGENTS"]
    assert [r.in_scope for r in agents18] == [True, False]
    assert [r.index for r in unit_suite.records] == list(range(284))


SMALL = """<Validation>
<!-- a comment with <Sentence> in it -->
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>actors.txt</Actorfile>
    <Include>valid A B</Include>
    <Config option = "new_actor_length" value = "2"></Config>
</Environment>
<Sentences>
<Sentence date = "20010203" id ="A-1" category="A" sentence="true">
<EventCoding sourcecode = "USA" targetcode="CHN" eventcode="042"></EventCoding>
<EventCoding sourcecode="CHN" targetcode="USA" eventcode="042"></EventCoding>
<Text>
  The   United States
  met China.
</Text>
<Parse>(ROOT (S))</Parse>
</Sentence>
<Config option="require_dyad" value="no_false_here"></Config>
<Config option="require_dyad" value="False "></Config>
<Config option="comma_min" value=" 3 "></Config>
<Sentence date="20010204" id="A-2" category="A" sentence="false">
<EventCoding noevents="True"></EventCoding>
<Text>Nothing.</Text>
</Sentence>
<Sentence date="20010205" id="C-1" category="C" sentence="true">
<Text>No coding element at all.</Text>
</Sentence>
<Config option="new_actor_length" value="0"></Config>
<Sentence date="20010206" id="B-1" category="B" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>Sports.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sub" / "suite.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_inline_suite(tmp_path: Path) -> None:
    path = _write(tmp_path, SMALL)
    suite = load_suite(path)
    assert suite.verbs == path.parent / "verbs.txt"
    assert suite.actors == (path.parent / "actors.txt",)
    assert suite.agents is None and suite.discards is None and suite.errorfile is None
    assert suite.include == ("valid", "A", "B")
    assert suite.initial_config == RecordConfig(new_actor_length=2)
    a1, a2, c1, b1 = suite.records
    assert a1.text == "The United States met China."
    assert a1.expected == [("USA", "CHN", "042"), ("CHN", "USA", "042")]
    assert a1.date == date(2001, 2, 3) and a1.line == 10 and a1.parse == "(ROOT (S))"
    assert a1.config.new_actor_length == 2 and a1.config.require_dyad
    assert a2.expected == [] and not a2.sentence and not a2.in_scope
    assert a2.config.require_dyad is False
    assert a2.config.options == {"comma_min": "3"}
    assert c1.expected == [] and c1.expected_error is None and not c1.in_scope
    assert b1.expected_error == "storydiscard" and b1.in_scope
    assert b1.config.new_actor_length == 0 and b1.config.require_dyad is False
    assert [r.id for r in suite.in_scope] == ["A-1", "B-1"]


def test_without_valid_or_include_everything_runs(tmp_path: Path) -> None:
    text = SMALL.replace("<Include>valid A B</Include>", "<Exclude>B</Exclude>")
    suite = load_suite(_write(tmp_path, text))
    assert [r.id for r in suite.in_scope] == ["A-1", "A-2", "C-1"]


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, SMALL.replace("</Text>\n<Parse>", "</Txt>\n<Parse>"))
    with pytest.raises(ValidationFileError) as caught:
        load_suite(path)
    assert f"{path}:16:" in str(caught.value)
    assert isinstance(caught.value, DyadError)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('date = "20010203"', 'date="2001-02-03"'), "YYYYMMDD"),
        (('date = "20010203"', 'date="20010231"'), "YYYYMMDD"),
        (('id ="A-1"', 'id=""'), "no id="),
        (('value = "2"', 'value="two"'), "whole number"),
        (('option = "new_actor_length" ', ""), "option="),
        (('targetcode="USA" ', ""), "targetcode="),
    ],
)
def test_bad_records(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert change[0] in SMALL
    with pytest.raises(ValidationFileError, match=message):
        load_suite(_write(tmp_path, SMALL.replace(*change, 1)))


def test_missing_file_and_empty_suite(tmp_path: Path) -> None:
    with pytest.raises(ValidationFileError, match="cannot read"):
        load_suite(tmp_path / "absent.xml")
    with pytest.raises(ValidationFileError, match="no <Sentence> records"):
        load_suite(_write(tmp_path, "<Validation><Sentences></Sentences></Validation>"))
    with pytest.raises(ValidationFileError, match=":1:"):
        load_suite(_write(tmp_path, ""))


def test_record_config_parsing() -> None:
    config = RecordConfig()
    assert config.with_option("require_dyad", "FaLsE").require_dyad is False
    assert config.with_option("require_dyad", "yes").require_dyad is True
    assert config.with_option("new_actor_length", " 4 ").new_actor_length == 4
    assert config.with_option("stop_on_error", "True").options == {"stop_on_error": "True"}
    assert config.options == {}


# --- the files an <Environment> may name ---------------------------------------------------------


@pytest.mark.parametrize("name", [
    "../../../../../../../../etc/passwd",
    "/etc/passwd",
    "../secret.txt",
    "dicts/../../secret.txt",
], ids=["up-to-etc", "absolute", "beside-the-folder", "down-then-up"])
@pytest.mark.parametrize("tag", ["Verbfile", "Actorfile", "Agentfile", "Discardfile"])
def test_environment_outside_the_folder_is_refused(tmp_path: Path, name: str, tag: str) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET first line [XYZ]\n", encoding="utf-8")
    if tag in ("Verbfile", "Actorfile"):  # lines 4 and 5 of SMALL
        text = re.sub(f"<{tag}>.*</{tag}>", f"<{tag}>{name}</{tag}>", SMALL)
        line = 4 if tag == "Verbfile" else 5
    else:
        text = SMALL.replace("    <Include>", f"    <{tag}>{name}</{tag}>\n    <Include>")
        line = 6
    path = _write(tmp_path, text)
    with pytest.raises(ValidationFileError) as caught:
        load_suite(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: <{tag}> names {name!r}, which is outside "), message
    assert "SECRET" not in message and "root:" not in message
    assert "\n" not in message


def test_environment_may_name_files_below_the_folder(tmp_path: Path) -> None:
    path = _write(tmp_path, SMALL.replace("<Verbfile>verbs.txt", "<Verbfile>dicts/v/verbs.txt"))
    assert load_suite(path).verbs == path.parent / "dicts" / "v" / "verbs.txt"


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET\n", encoding="utf-8")
    path = _write(tmp_path, SMALL)
    (path.parent / "verbs.txt").symlink_to(secret)
    with pytest.raises(ValidationFileError, match=r":4: <Verbfile> names 'verbs.txt'"):
        load_suite(path)


def test_dictionaries_folder_given_by_the_caller(tmp_path: Path) -> None:
    path = _write(tmp_path, SMALL)
    folder = tmp_path / "dictionaries"
    suite = load_suite(path, dictionaries=folder)
    assert suite.verbs == folder / "verbs.txt"
    assert suite.actors == (folder / "actors.txt",)
    outside = _write(tmp_path, SMALL.replace("<Verbfile>verbs.txt", "<Verbfile>../verbs.txt"))
    with pytest.raises(ValidationFileError, match="outside"):
        load_suite(outside, dictionaries=folder)


def test_the_errorfile_is_never_opened_so_never_refused(tmp_path: Path) -> None:
    text = SMALL.replace("<Include>", "<Errorfile>../../errors.txt</Errorfile>\n<Include>")
    suite = load_suite(_write(tmp_path, text))
    assert suite.errorfile is not None and suite.errorfile.name == "errors.txt"
