"""Bad shapes and arguments raise what museval raises (checked by calling museval on the
same input), with a clear message, and never reach a Swift trap."""

from __future__ import annotations

import numpy as np
import pytest

import museval_swift

RATE = 44100


def noise(shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape)


def same_exception(call_ours, call_theirs):
    with pytest.raises(Exception) as theirs:
        call_theirs()
    with pytest.raises(type(theirs.value)) as ours:
        call_ours()
    assert str(ours.value), "the message must say what is wrong"
    return ours.value


BAD = {
    "sources differ": ((2, RATE, 2), (3, RATE, 2)),
    "channels differ": ((2, RATE, 2), (2, RATE, 1)),
    "four dimensions": ((2, RATE, 2, 1), (2, RATE, 2, 1)),
    "mono vs stereo, padding": ((2, RATE), (2, RATE - 5)),
    "one dimension": ((RATE,), (RATE - 3,)),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_shapes_raise_museval_exceptions(case, museval):
    ref_shape, est_shape = BAD[case]
    refs, ests = noise(ref_shape, 1), noise(est_shape, 2)
    same_exception(lambda: museval_swift.evaluate(refs, ests), lambda: museval.evaluate(refs, ests))
    if len(ref_shape) <= 4:
        same_exception(
            lambda: museval_swift.metrics.bss_eval(refs, ests), lambda: museval.metrics.bss_eval(refs, ests)
        )


def test_unpadded_length_mismatch(museval):
    refs, ests = noise((2, RATE, 2)), noise((2, RATE - 10, 2))
    same_exception(
        lambda: museval_swift.evaluate(refs, ests, padding=False), lambda: museval.evaluate(refs, ests, padding=False)
    )


@pytest.mark.parametrize("role", ["reference", "estimate"])
def test_silent_source_is_a_value_error(role, museval):
    refs, ests = noise((2, RATE, 2), 3), noise((2, RATE, 2), 4)
    (refs if role == "reference" else ests)[1] = 0
    error = same_exception(lambda: museval_swift.evaluate(refs, ests), lambda: museval.evaluate(refs, ests))
    assert isinstance(error, ValueError) and "silent" in str(error) and role in str(error)


def test_channels_cancelling_count_as_silent():
    refs = noise((2, RATE, 2), 5)
    refs[0, :, 1] = -refs[0, :, 0]
    with pytest.raises(ValueError, match="silent"):
        museval_swift.evaluate(refs, noise((2, RATE, 2), 6))


@pytest.mark.parametrize(
    "kwargs",
    [dict(window=0), dict(hop=-1), dict(window=100.5), dict(hop=np.nan), dict(filters_len=0), dict(threads=-1),
     dict(window=1000, hop=np.inf), dict(filters_len=2.5)],
)
def test_bad_options_are_value_errors(kwargs):
    refs, ests = noise((2, RATE, 1), 7), noise((2, RATE, 1), 8)
    with pytest.raises(ValueError):
        museval_swift.metrics.bss_eval(refs, ests, **kwargs)


def test_transform_arguments():
    audio = noise((2, 4096), 9)
    for call in (
        lambda: museval_swift.pitch_shift(audio, 44100, 60),
        lambda: museval_swift.pitch_shift(audio, 44100, 1, tempo=5),
        lambda: museval_swift.time_stretch(audio, 44100, 0),
        lambda: museval_swift.time_stretch(audio, 44100, np.nan),
        lambda: museval_swift.time_stretch(audio, 0, 1.1),
        lambda: museval_swift.time_stretch(audio, 44100.5, 1.1),
        lambda: museval_swift.time_stretch(noise((2, 2, 8)), 44100, 1.1),
        lambda: museval_swift.time_stretch(np.full((1, 100), np.nan), 44100, 1.1),
    ):
        with pytest.raises(ValueError):
            call()


@pytest.mark.parametrize("role", ["reference", "estimate"])
@pytest.mark.parametrize("channels, sample, channel", [(2, 100, 1), (2, RATE - 1, 0), (2, 0, 0), (1, 333, 0), (3, 101, 2)])
def test_non_finite_samples_are_value_errors(role, channels, sample, channel):
    # Samples inside the stereo reader's vector loop, in its scalar tail, mono and 3 channels.
    refs, ests = noise((2, RATE, channels), 10), noise((2, RATE, channels), 11)
    (refs if role == "reference" else ests)[1, sample, channel] = np.nan if role == "reference" else -np.inf
    with pytest.raises(ValueError, match=f"{role} source 1, channel {channel} holds NaN or infinite"):
        museval_swift.evaluate(refs, ests)
