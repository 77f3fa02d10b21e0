"""The CAMEO to PLOVER table: converted from the OEDA's file, checked against the manual."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from tieline.coding.ontology import lookup, plover_type
from tieline.coding.plover_table import convert, manual_vocabulary, read_shipped

MANUAL = r"""
\section{CONSULT}
\begin{tabular}{|l|p{13cm}|}
Name & Content \\
visit & \txt{actor} is visiting \\
%hidden & a commented-out mode \\
\end{tabular}
\section{SANCTION}
\begin{tabular}{|l|p{13cm}|}
Name & Content \\
discontinue & Curtail relations \\
\end{tabular}
\section{ASSAULT}
\begin{tabular}{|l|p{13cm}|}
targeted & Targeted killings \\
\end{tabular}
%%%%%%%%%%%% START CONTEXTS TABLE %%%%%%
\hyperref[context:military]{military} & military \\
\hyperref[context:diplomatic]{diplomatic} & diplomacy \\
%%%%%%%%%%%% END CONTEXTS TABLE %%%%%%
"""

TABLE = """# a header
04: CONSULT
042: CONSULT, visit, diplomatic # Make a visit
042: CONSULT, hidden # a second line for the same code is ignored
043: CONSULT, military # a context written in the mode slot
163: COERCE, restrict, diplomatic # Impose embargo, boycott, or sanctions
186: ASSAULT, assassinate, # Assassinate
~~~~~
this text after the closing rule is not read
"""


def test_manual_vocabulary_reads_mode_tables_and_contexts() -> None:
    vocab = manual_vocabulary(MANUAL)
    assert vocab.modes["CONSULT"] == {"visit"}
    assert vocab.modes["SANCTION"] == {"discontinue"}
    assert vocab.contexts == {"military", "diplomatic"}


def test_convert_follows_the_manual_where_the_table_disagrees() -> None:
    table = read_shipped(convert(TABLE, MANUAL))
    assert table["042"].type == "CONSULT" and table["042"].mode == "visit"
    assert table["042"].contexts == ("diplomatic",)
    # a context in the mode slot moves to the contexts
    assert table["043"].mode is None and table["043"].contexts == ("military",)
    # 163: the table says COERCE, the manual says international sanctions are SANCTION
    assert (table["163"].type, table["163"].mode) == ("SANCTION", "discontinue")
    # a draft-0.8 mode renamed to its 2.0 equivalent
    assert table["186"].mode == "targeted"
    assert set(table) == {"04", "042", "043", "163", "186"}


def test_convert_names_the_exceptions_and_the_dropped_words() -> None:
    text = convert(TABLE, MANUAL)
    assert "#   163 -> SANCTION discontinue: manual, SANCTION modes" in text
    assert "dropped: 042 mode 'hidden'" not in text  # the duplicate line is skipped whole


def test_a_malformed_table_line_is_named() -> None:
    with pytest.raises(ValueError, match="line 2: unknown PLOVER type 'CONSULTATION'"):
        convert("04: CONSULT\n042: CONSULTATION, visit\n", MANUAL)


def test_lookup_reads_type_mode_and_contexts_from_the_shipped_table() -> None:
    assert plover_type("010") is None and plover_type("0214") is None  # PLOVER drops 01, 02
    assert (lookup("042").plover, lookup("042").plover_mode) == ("CONSULT", "visit")
    assert lookup("163").plover == "SANCTION"  # a manual exception
    assert lookup("0813").plover == "CONCEDE"  # removing curfews is a verbal concession
    assert lookup("0874").plover == "RETREAT"
    assert lookup("1712").plover == "ASSAULT"  # the table's choice, the manual's 'destroy'
    assert lookup("191").plover == "COERCE"  # COERCE 'restrict': restrictions on movement
    assert lookup("2041").plover_mode == "unconventional"


def test_the_shipped_table_is_the_conversion_of_the_published_one(shared_data: Path) -> None:
    plover = shared_data / "plover"
    expected = convert(
        (plover / "CAMEO2PLOVER-2021.txt").read_text("utf-8"),
        (plover / "PLOVER_MANUAL.tex").read_text("utf-8"),
    )
    shipped = resources.files("tieline.data").joinpath("cameo_plover.tsv").read_text("utf-8")
    assert shipped == expected, "run `make dictionaries` to regenerate cameo_plover.tsv"
