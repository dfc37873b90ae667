"""Tumen's bundled-sample generator: ``generate(out, seed=7, scale=0.0)`` writes ``data/sample``.

See ``generator.generate`` and the README it writes. The planted scenarios are data in
``orchestration.sample.scenarios`` (``SCENARIOS``), so tests can assert them.
"""

from orchestration.sample.generator import generate
from orchestration.sample.scenarios import SCENARIOS

__all__ = ["SCENARIOS", "generate"]
