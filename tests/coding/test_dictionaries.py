"""Readers of PETRARCH-format dictionaries and tieline's own format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tieline.coding.dictionaries import (
    DictionarySet,
    LoadReport,
    read_actor_dictionary,
    read_agent_dictionary,
    read_discard_dictionary,
    read_issue_dictionary,
    read_petrarch_set,
    read_verb_dictionary,
)
from tieline.errors import DictionaryError


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


VERBS = """\
<!-- a comment
   spanning lines -->
&TIES
+DIPLOMATIC TIES
+RELATIONS

--- RESTORE [064] ---
RESTORE  # comment
+RE_+ESTABLISH {+RE_+ESTABLISHED}
- * &TIES [064]
- NOT * RELATIONS [112]
- SO IN_AND_*_OUT_AGAIN NOW [074]
- $ * + (TO BORDER) [032:033]

--- MEET [040:040] ---
MEET {MET MEETING}
DOWNPLAY [014]
"""


def test_verb_reader_reads_synsets_families_patterns(tmp_path: Path) -> None:
    vd = read_verb_dictionary(write(tmp_path, "v.txt", VERBS))
    assert vd.synsets["&TIES"] == [["DIPLOMATIC", "TIES"], ["RELATIONS"]]
    restore, meet = vd.families
    assert (restore.name, restore.code) == ("RESTORE", "064")
    assert restore.verbs[0].words == ["RESTORE"]
    assert restore.verbs[1].words == ["RE", "ESTABLISH"] and restore.verbs[1].head == 1
    assert restore.verbs[1].forms == [["RE", "ESTABLISHED"]]
    pats = {p.code: p for p in restore.patterns}
    assert pats["064"].pre == [] and pats["064"].post == ["&TIES"]
    assert pats["112"].pre == ["NOT"]
    assert pats["074"].pre == ["SO", "IN", "_", "AND", "_"]
    assert pats["074"].post == ["_", "OUT", "_", "AGAIN", "NOW"]
    assert pats["032:033"].pre == ["$"] and pats["032:033"].post == ["+", "TO", "_", "BORDER"]
    assert meet.verbs[0].forms == [["MET"], ["MEETING"]]
    assert meet.verbs[1].code == "014"


@pytest.mark.parametrize(
    ("bad_line", "problem"),
    [
        ("- * TIES", "malformed pattern"),
        ("- TIES [064]", "malformed pattern"),
        ("--- BROKEN HEADER ---", "malformed verb block header"),
    ],
)
def test_verb_reader_names_file_and_line_of_malformed_line(
    tmp_path: Path, bad_line: str, problem: str
) -> None:
    text = VERBS + bad_line + "\n"
    path = write(tmp_path, "bad.verbs.txt", text)
    line = text.count("\n")
    with pytest.raises(DictionaryError) as err:
        read_verb_dictionary(path)
    assert err.value.path == str(path) and err.value.line == line
    assert problem in str(err.value) and f"bad.verbs.txt:{line}" in str(err.value)


def test_verb_reader_lenient_skips_bad_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = write(tmp_path, "v.txt", VERBS + "- * TIES\n--- ASK [020] ---\nASK\n")
    report = LoadReport()
    vd = read_verb_dictionary(path, lenient=True, report=report)
    assert [f.name for f in vd.families] == ["RESTORE", "MEET", "ASK"]
    assert len(report.warnings) == 1 and "malformed pattern" in report.warnings[0]


ACTORS = """\
RUSSIA_ [RUS]
+RUSSIAN_
+MOSCOW
VLADIMIR_PUTIN_  # CountryInfo.txt
+PUTIN_
	[RUSELI 700101-990809]
	[RUSGOV >080508]
	[RUSELI]
U.N._
UNITED_NATIONS
	[IGOUNO]
ZIMBABWE
	[RHO <790606]
	[ZBW]
"""


def test_actor_reader_reads_aliases_and_dated_codes(tmp_path: Path) -> None:
    entries = read_actor_dictionary(write(tmp_path, "a.txt", ACTORS))
    russia, putin, un, zimbabwe = entries
    assert russia.names == [["RUSSIA"], ["RUSSIAN"], ["MOSCOW"]]
    assert [c.code for c in russia.codes] == ["RUS"]
    assert putin.names == [["VLADIMIR", "PUTIN"], ["PUTIN"]]
    assert (putin.codes[0].start, putin.codes[0].end) == ("1970-01-01", "1999-08-09")
    assert (putin.codes[1].code, putin.codes[1].start) == ("RUSGOV", "2008-05-08")
    assert un.names == [["U.N."], ["UNITED", "NATIONS"]] and un.codes[0].code == "IGOUNO"
    assert zimbabwe.codes[0].end == "1979-06-06" and zimbabwe.codes[1].code == "ZBW"


@pytest.mark.parametrize(
    "bad",
    ["INDIA [IND", "\t[RUSGOV 9908-0805]", "+ORPHAN_ALIAS_AT_START"],
)
def test_actor_reader_rejects_malformed_lines(tmp_path: Path, bad: str) -> None:
    text = (bad + "\n" + ACTORS) if bad.startswith("+") else (ACTORS + bad + "\n")
    path = write(tmp_path, "a.txt", text)
    with pytest.raises(DictionaryError) as err:
        read_actor_dictionary(path)
    assert err.value.line == (1 if bad.startswith("+") else text.count("\n"))


def test_agent_reader_expands_substitutions_and_plurals(tmp_path: Path) -> None:
    text = (
        "!MINIST! = MINISTER, MINISTRY\n"
        "FOREIGN_!MINIST! [~GOVFRM]\n"
        "POLICE {} [~COP]\n"
        "MSF {}  [NGO~]\n"
        "ARMED_FORCES {} [~MIL]\n"
        "SECURITY_FORCE [~MIL]\n"
        "CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\n"
    )
    agents = read_agent_dictionary(write(tmp_path, "ag.txt", text))
    minister = agents[0]
    assert ["FOREIGN", "MINISTER"] in minister.names
    assert ["FOREIGN", "MINISTRIES"] in minister.names
    assert minister.code == "~GOVFRM"
    assert agents[1].names == [["POLICE"]]
    assert agents[2].code == "NGO~"
    assert ["SECURITY", "FORCES"] in agents[4].names
    assert ["CHAMBERS", "OF", "COMMERCE"] in agents[5].names


def test_agent_reader_rejects_line_without_code(tmp_path: Path) -> None:
    path = write(tmp_path, "ag.txt", "PRESIDENT [~GOV]\nISLAMIC_EXTREMIST\n")
    with pytest.raises(DictionaryError, match=r"ag.txt:2: malformed agent line"):
        read_agent_dictionary(path)
    assert len(read_agent_dictionary(path, lenient=True)) == 1


def test_discard_and_issue_readers(tmp_path: Path) -> None:
    discards = read_discard_dictionary(write(tmp_path, "d.txt", "BASEBALL\n+TYPHOON # x\n"))
    assert [(d.words, d.story) for d in discards] == [(["BASEBALL"], False), (["TYPHOON"], True)]
    issues = read_issue_dictionary(
        write(
            tmp_path,
            "i.txt",
            '<ISSUE CATEGORY="EU" TYPE="ALL">\neu [EUROPEAN_UNION]\neurozone\n~eu citizen\n',
        )
    )
    assert [(i.words, i.code, i.exclude) for i in issues] == [
        (["EU"], "EUROPEAN_UNION", False),
        (["EUROZONE"], "EUROPEAN_UNION", False),
        (["EU", "CITIZEN"], "EUROPEAN_UNION", True),
    ]


def test_missing_dictionary_file_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read"):
        read_verb_dictionary(tmp_path / "nope.txt")


def test_own_format_round_trip(tmp_path: Path) -> None:
    path = write(tmp_path, "x.verbs.txt", VERBS)
    apath = write(tmp_path, "x.actors.txt", ACTORS)
    original = read_petrarch_set([path], [apath], [], [], [])
    out = tmp_path / "x.tldict.gz"
    original.save(out)
    loaded = DictionarySet.load(out)
    assert loaded.to_json() == original.to_json()


def test_own_format_rejects_other_version(tmp_path: Path) -> None:
    data = DictionarySet().to_json()
    data["version"] = 99
    with pytest.raises(DictionaryError, match="format version 99"):
        DictionarySet.from_json(data, origin="future.tldict.gz")


def test_shipped_defaults_load_and_are_complete() -> None:
    from tieline.coding.coder import default_dictionaries

    d = default_dictionaries()
    assert len(d.verbs.families) > 300
    assert len(d.actors) > 20000
    assert len(d.agents) > 1000 and len(d.discards) > 100 and len(d.issues) > 1000
    assert "CAMEO.2.0.txt" in d.sources


def test_petrarch_real_files_read_strictly_except_known_bad_lines(shared_data: Path) -> None:
    report = LoadReport()
    petr = shared_data / "petrarch"
    read_petrarch_set(
        [petr / "PETR.Validate.verbs.txt"],
        [petr / "PETR.Validate.actors.txt"],
        [petr / "PETR.Validate.agents.txt"],
        [petr / "PETR.Validate.discards.txt"],
        [],
    )
    d = read_petrarch_set(
        [petr / "CAMEO.2.0.txt"],
        [petr / "Phoenix.Countries.actors.txt"],
        [petr / "Phoenix.agents.txt"],
        [],
        [petr / "Phoenix.IssueCoding.txt"],
        lenient=True,
        report=report,
    )
    # the only lines skipped are real defects of the files (dates such as 9008223)
    assert 0 < len(report.warnings) < 15
    assert len(d.actors) > 18000


RIVAL_PATTERNS = """\
--- POST [---] ---
POST
STATION
- * GUARDS [154]  # STATION
- * GUARDS [062]  # POST
- * LETTER [040]  # POST
"""


def test_rival_copies_of_a_pattern_keep_to_the_verbs_their_comments_name(
    tmp_path: Path,
) -> None:
    from tieline.coding.verbs import VerbIndex

    vd = read_verb_dictionary(write(tmp_path, "v.txt", RIVAL_PATTERNS))
    owners = {(p.code, tuple(p.verbs)) for p in vd.families[0].patterns}
    assert owners == {("154", ("STATION",)), ("062", ("POST",)), ("040", ())}
    index = VerbIndex(vd)
    for verb, code in (("STATIONED", "154"), ("POSTED", "062")):
        words = ["THEY", verb, "GUARDS"]
        match = index.match(index.find(words, words, 1), words, 0, 3)
        assert match is not None and match.code.forward == code
    words = ["THEY", "STATIONED", "A", "LETTER"]  # a pattern without a rival serves both
    match = index.match(index.find(words, words, 1), words, 0, 4)
    assert match is not None and match.code.forward == "040"
    out = tmp_path / "v.tldict.gz"
    DictionarySet(verbs=vd).save(out)
    assert DictionarySet.load(out).to_json() == DictionarySet(verbs=vd).to_json()
