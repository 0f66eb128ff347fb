"""museval_swift.evaluate and metrics.bss_eval against live museval 0.4.1 on the same
arrays: real music, silent frames, mono, 6 sources, v3, permutations, odd lengths."""

from __future__ import annotations

import numpy as np
import pytest

import museval_swift
from conftest import assert_scores_close, leaky_estimates, RATE


def noise(shape, seed):
    return np.random.default_rng(seed).standard_normal(shape)


def test_real_music_v4_matches_museval(stems, museval):
    ests = leaky_estimates(stems)
    ours = museval_swift.evaluate(stems, ests)
    theirs = museval.evaluate(stems, ests)
    assert len(ours) == 4
    for o, t in zip(ours, theirs):
        assert o.shape == t.shape == (4, 6)
        assert_scores_close(o, t)


def test_silent_frames_give_nan_as_museval(museval):
    refs = noise((2, 3 * RATE, 2), 1)
    refs[1, RATE : 2 * RATE] = 0  # frame 1 of source 1 is silent
    ests = refs + 0.3 * noise(refs.shape, 2)
    ours = museval_swift.evaluate(refs, ests)
    theirs = museval.evaluate(refs, ests)
    assert np.isnan(ours[0][:, 1]).all() and not np.isnan(ours[0][:, 0]).any()
    for o, t in zip(ours, theirs):
        assert_scores_close(o, t)


def test_mono_and_six_sources(museval):
    refs = noise((6, 2 * RATE + 101), 3)  # (nsrc, nsampl): mono, as museval's atleast_3d reads it
    ests = refs + 0.5 * noise(refs.shape, 4) + 0.1 * refs[::-1]
    ours = museval_swift.metrics.bss_eval(refs, ests, window=RATE, hop=RATE)
    theirs = museval.metrics.bss_eval(refs, ests, window=RATE, hop=RATE)
    for o, t in zip(ours[:4], theirs[:4]):
        assert o.shape == (6, 2)
        assert_scores_close(o, t)
    assert np.array_equal(ours[4], theirs[4])


def test_v3_framewise_filters(museval):
    refs = noise((2, 3 * RATE, 2), 5)
    ests = refs + 0.4 * noise(refs.shape, 6) + 0.2 * refs[::-1]
    ours = museval_swift.evaluate(refs, ests, mode="v3")
    theirs = museval.evaluate(refs, ests, mode="v3")
    for o, t in zip(ours, theirs):
        assert_scores_close(o, t)


def test_permutation_with_overlapping_default_frames(museval):
    refs = noise((3, 5 * RATE, 1), 7)
    ests = (refs + 0.3 * noise(refs.shape, 8))[[2, 0, 1]]
    ours = museval_swift.metrics.bss_eval(refs, ests, compute_permutation=True)
    theirs = museval.metrics.bss_eval(refs, ests, compute_permutation=True)
    assert ours[4].shape == theirs[4].shape == (3, 1)
    assert ours[4].dtype == np.int64
    assert np.array_equal(ours[4], theirs[4])
    assert ours[4][:, 0].tolist() == [1, 2, 0]
    for o, t in zip(ours[:4], theirs[:4]):
        assert o.shape == (3, 3)  # 2 s windows, 1.5 s hops over 5 s
        assert_scores_close(o, t)


def test_permutation_per_frame_v3(museval):
    refs = noise((2, 2 * RATE, 1), 9)
    ests = (refs + 0.3 * noise(refs.shape, 10))[[1, 0]]
    ours = museval_swift.metrics.bss_eval(refs, ests, RATE, RATE, compute_permutation=True, framewise_filters=True)
    theirs = museval.metrics.bss_eval(refs, ests, RATE, RATE, compute_permutation=True, framewise_filters=True)
    assert ours[4].shape == (2, 2)
    assert np.array_equal(ours[4], theirs[4])
    for o, t in zip(ours[:4], theirs[:4]):
        assert_scores_close(o, t)


def test_nan_frame_permutation_rule_differs_as_documented(museval):
    """museval averages NaN frames into the mean SIR and then returns the identity;
    we skip them and find the real assignment."""
    refs = noise((2, 2 * RATE, 1), 11)
    refs[0, :RATE] = 0
    ests = (refs + 0.2 * noise(refs.shape, 12))[[1, 0]]
    ours = museval_swift.metrics.bss_eval(refs, ests, RATE, RATE, compute_permutation=True)
    theirs = museval.metrics.bss_eval(refs, ests, RATE, RATE, compute_permutation=True)
    assert theirs[4][:, 0].tolist() == [0, 1]
    assert ours[4][:, 0].tolist() == [1, 0]


def test_odd_lengths_padding_and_truncation(museval):
    n = 2 * RATE + 777
    refs = noise((2, n, 2), 13)
    ests = refs + 0.5 * noise(refs.shape, 14)
    for est in (ests[:, : n - 1234], np.concatenate([ests, noise((2, 999, 2), 15)], axis=1)):
        ours = museval_swift.evaluate(refs, est)
        theirs = museval.evaluate(refs, est)
        for o, t in zip(ours, theirs):
            assert o.shape == (2, 2)
            assert_scores_close(o, t)


def test_window_longer_than_track_and_sources_version(museval):
    refs = noise((2, RATE // 2 + 3, 2), 16)
    ests = refs + 0.5 * noise(refs.shape, 17)
    ours = museval_swift.metrics.bss_eval(refs, ests, window=np.inf, hop=np.inf, bsseval_sources_version=True)
    theirs = museval.metrics.bss_eval(refs, ests, window=np.inf, hop=np.inf, bsseval_sources_version=True)
    assert np.isnan(ours[1]).all()
    for o, t in zip(ours[:4], theirs[:4]):
        assert o.shape == (2, 1)
        assert_scores_close(o, t)


def test_float32_and_fortran_order_give_the_float64_scores():
    refs = noise((2, 2 * RATE, 2), 18).astype(np.float32)
    ests = (refs + 0.5 * noise(refs.shape, 19)).astype(np.float32)
    base = museval_swift.evaluate(refs.astype(np.float64), ests.astype(np.float64))
    for r, e in ((refs, ests), (np.asfortranarray(refs), np.asfortranarray(ests)), (list(refs), list(ests))):
        for o, b in zip(museval_swift.evaluate(r, e), base):
            assert np.array_equal(o, b, equal_nan=True)


def test_global_sdr_and_si_sdr_from_the_same_pass():
    refs = noise((3, 2 * RATE, 2), 20)
    ests = 0.9 * refs + 0.3 * noise(refs.shape, 21)
    sdr, isr, sir, sar, global_sdr, si_sdr = museval_swift.evaluate(refs, ests, return_global=True)
    assert sdr.shape == (3, 2) and global_sdr.shape == si_sdr.shape == (3,)
    for j in range(3):
        s, e = refs[j], ests[j]
        expected = 10 * np.log10((np.sum(s**2) + 1e-7) / (np.sum((s - e) ** 2) + 1e-7))
        assert abs(global_sdr[j] - expected) < 1e-9
        s1, e1 = s.T.reshape(-1), e.T.reshape(-1)
        alpha = np.dot(e1, s1) / np.dot(s1, s1)
        expected_si = 10 * np.log10(np.sum((alpha * s1) ** 2) / np.sum((alpha * s1 - e1) ** 2))
        assert abs(si_sdr[j] - expected_si) < 1e-9
    again = museval_swift.evaluate(refs, ests)
    for o, b in zip(again, (sdr, isr, sir, sar)):
        assert np.array_equal(o, b)


def test_empty_input_warns_and_returns_empty_arrays(museval):
    with pytest.warns(UserWarning):
        ours = museval_swift.metrics.bss_eval(np.zeros((0, 10, 2)), np.zeros((0, 10, 2)))
    with pytest.warns(UserWarning):
        theirs = museval.metrics.bss_eval(np.zeros((0, 10, 2)), np.zeros((0, 10, 2)))
    assert [o.shape for o in ours] == [t.shape for t in theirs]


def test_v3_wrappers_of_museval_metrics(museval):
    refs = noise((2, RATE // 2, 1), 22)
    ests = (refs + 0.4 * noise(refs.shape, 23))[[1, 0]]
    for name in ["bss_eval_sources", "bss_eval_images"]:
        ours = getattr(museval_swift.metrics, name)(refs, ests)
        theirs = getattr(museval.metrics, name)(refs, ests)
        assert len(ours) == len(theirs)
        assert np.array_equal(ours[-1], theirs[-1])
        for o, t in zip(ours[:-1], theirs[:-1]):
            assert_scores_close(o, t)
