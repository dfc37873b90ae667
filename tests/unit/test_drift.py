from orchestration.defs.quality.drift import compare


def test_a_drop_over_five_percent_is_reported():
    problems = compare({"listings OFAC": 484, "vessels": 105}, {"listings OFAC": 459, "vessels": 105})
    assert problems == ["listings OFAC: 459 now vs 484 published (-5.2%)"]


def test_small_drops_growth_and_new_measures_pass():
    assert compare({"listings OFAC": 484, "vessels": 105}, {"listings OFAC": 476, "vessels": 110, "listings EU": 40}) == []


def test_a_measure_that_vanishes_is_a_full_drop():
    assert compare({"listings UN": 155}, {}) == ["listings UN: 0 now vs 155 published (-100.0%)"]
