"""CAMEO names, Goldstein weights, QuadClass and the PLOVER mapping."""

from __future__ import annotations

import pytest

from tieline.coding import ontology


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "quad", "plover"),
    [
        ("042", "Make a visit", 1.9, 1, "CONSULT"),
        ("010", "Make statement, not specified below", 0.0, 1, None),
        ("0871", "Declare truce, ceasefire", 9.0, 2, "RETREAT"),
        ("081", "Ease administrative sanctions, not specified below", 5.0, 2, "CONCEDE"),
        ("112", "Accuse, not specified below", -2.0, 3, "ACCUSE"),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, 4, "SANCTION"),
        ("195", "Employ aerial weapons, not specified below", -10.0, 4, "ASSAULT"),
    ],
)
def test_lookup(code: str, name: str, goldstein: float, quad: int, plover: str | None) -> None:
    info = ontology.lookup(code)
    assert (info.name, info.goldstein, info.quad_class, info.plover) == (
        name,
        goldstein,
        quad,
        plover,
    )


def test_unknown_subcode_takes_parent_values() -> None:
    info = ontology.lookup("0439")
    assert info.code == "0439" and info.goldstein == 2.8


def test_is_cameo_code() -> None:
    assert ontology.is_cameo_code("064") and not ontology.is_cameo_code("903")
    assert not ontology.is_cameo_code("174L") and not ontology.is_cameo_code(None)
