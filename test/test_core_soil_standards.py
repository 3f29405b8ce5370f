"""GB 15618-2018 risk screening and intervention values, and background values, without QGIS."""
import pytest

from pccee.algorithms.core.soil_standards import (BackgroundError, parse_background, ph_class, screening_value,
                                                  intervention_value, thresholds)

# Table 1 of GB 15618-2018, 'other' agricultural land, by pH class (<= 5.5, 5.5-6.5, 6.5-7.5, > 7.5), mg/kg.
OTHER_LAND = {"Cd": (0.3, 0.3, 0.3, 0.6), "Hg": (1.3, 1.8, 2.4, 3.4), "As": (40, 40, 30, 25),
              "Pb": (70, 90, 120, 170), "Cr": (150, 150, 200, 250), "Cu": (50, 50, 100, 100),
              "Ni": (60, 70, 100, 190), "Zn": (200, 200, 250, 300)}
PH_OF_CLASS = (5.0, 6.0, 7.0, 8.0)


def test_screening_values_of_other_agricultural_land_by_ph_class():
    for metal, values in OTHER_LAND.items():
        assert [screening_value(metal, ph) for ph in PH_OF_CLASS] == pytest.approx(values), metal


def test_ph_class_boundaries_belong_to_the_lower_class():
    assert [ph_class(ph) for ph in (5.5, 5.51, 6.5, 6.51, 7.5, 7.51)] == [0, 1, 1, 2, 2, 3]
    assert ph_class(None) is None


def test_paddy_fields_orchards_and_intervention_values():
    assert [screening_value("Cd", ph, "paddy") for ph in PH_OF_CLASS] == [0.3, 0.4, 0.6, 0.8]
    assert [screening_value("Pb", ph, "paddy") for ph in PH_OF_CLASS] == [80, 100, 140, 240]
    assert [screening_value("Cu", ph, "orchard") for ph in PH_OF_CLASS] == [150, 150, 200, 200]
    assert screening_value("Cu", 6.0, "paddy") == 50  # Cu has no paddy row: 'other' applies
    assert screening_value("Pb", 6.0, "orchard") == 90  # only Cu has an orchard row
    assert screening_value("Zn", 8.0, "paddy") == 300  # one row for every land use
    assert [intervention_value("Cd", ph) for ph in PH_OF_CLASS] == [1.5, 2.0, 3.0, 4.0]
    assert [intervention_value("Pb", ph) for ph in PH_OF_CLASS] == [400, 500, 700, 1000]
    assert intervention_value("Zn", 6.0) is None


def test_unknown_ph_takes_the_strictest_value_and_unknown_metals_have_none():
    assert screening_value("As", None) == 25  # the lowest As value is that of alkaline soils
    assert screening_value("Pb", None) == 70
    assert screening_value("pb", 6.0) == 90  # names matched without regard to case
    assert screening_value("Co", 6.0) is None and intervention_value("Co", 6.0) is None


def test_background_values_are_read_and_matched_to_metals():
    assert parse_background("Pb=29.7, Cd: 0.126;Zn = 94.4\n") == {"Pb": 29.7, "Cd": 0.126, "Zn": 94.4}
    assert parse_background("  ") == {}
    assert thresholds(["PB", "Co"], 6.0, background={"pb": 29.7}) == {"PB": (29.7, 90.0, 500.0),
                                                                      "Co": (None, None, None)}
    with pytest.raises(BackgroundError, match="metal=mg/kg"):
        parse_background("Pb 29.7")
    with pytest.raises(BackgroundError, match="above 0"):
        parse_background("Pb=0")
