"""Shared inputs of the museval_swift tests: real music from ../shared/data/musdb-sample
(tests that need it skip, saying why, when it is absent), the live museval 0.4.1 anchor,
and the 0.01 dB comparison of the Swift goldens (Tests/BSSEvalTests/GoldenComparison)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

# museval 0.4.1 catches np.linalg.linalg.LinAlgError, which numpy 2 no longer has.
if not hasattr(np.linalg, "linalg"):
    np.linalg.linalg = np.linalg

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(os.environ.get("MUSDB_SAMPLE", ROOT.parent / "shared" / "data" / "musdb-sample"))
TRACK_DIR = SAMPLE / "hq" / "train" / "Music Delta - 80s Rock"
STEMS = ["vocals", "drums", "bass", "other"]
RATE = 44100
#: The samples scored against museval: the whole preview track (6.8 s, 6 frames), short
#: enough that museval's run stays a few seconds.
EXCERPT = (0, None)

TOLERANCE_DB = 0.01
#: Above this both implementations print rounding noise (perfect estimates): see the
#: BSSEval README ("Rounding floor").
ROUNDING_FLOOR_DB = 150.0


def require_sample() -> Path:
    if not TRACK_DIR.is_dir():
        pytest.skip(f"real music missing: {TRACK_DIR} (the ../shared/data/musdb-sample folder)")
    return TRACK_DIR


@pytest.fixture(scope="session")
def stems() -> np.ndarray:
    """(4, nsampl, 2) float64: the sample track's stems over EXCERPT."""
    import soundfile as sf

    folder = require_sample()
    start, stop = EXCERPT
    return np.stack([sf.read(str(folder / f"{s}.wav"), start=start, stop=stop, always_2d=True)[0] for s in STEMS])


def leaky_estimates(refs: np.ndarray, seed: int = 7, leak: float = 0.15, noise: float = 0.02) -> np.ndarray:
    """Separator-like estimates: each source kept at 0.8, the others leaking in, plus a
    little seeded noise."""
    rng = np.random.default_rng(seed)
    total = refs.sum(axis=0)
    ests = 0.8 * refs + leak * (total[None] - refs)
    return ests + noise * np.std(refs) * rng.standard_normal(refs.shape)


@pytest.fixture(scope="session")
def museval():
    return pytest.importorskip("museval", reason="museval 0.4.1 is the anchor (make pydeps installs it)")


def assert_scores_close(ours, theirs, tol: float = TOLERANCE_DB) -> None:
    """Same shape and NaN pattern; finite values within `tol` dB unless both are above
    the rounding floor; infinities equal."""
    ours, theirs = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    assert ours.shape == theirs.shape
    assert np.array_equal(np.isnan(ours), np.isnan(theirs)), "NaN patterns differ"
    compared = ~np.isnan(theirs) & ~((ours > ROUNDING_FLOOR_DB) & (theirs > ROUNDING_FLOOR_DB))
    o, t = ours[compared], theirs[compared]
    infinite = np.isinf(o) | np.isinf(t)
    assert np.array_equal(o[infinite], t[infinite]), "infinities differ"
    if (~infinite).any():
        worst = np.max(np.abs(o[~infinite] - t[~infinite]))
        assert worst <= tol, f"max |Δ| = {worst:.3g} dB > {tol} dB"
