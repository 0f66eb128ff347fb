"""The same bits from 2 Python threads at once and in a forked child. The thread count
sets how the kernel splits its sums (correlation blocks, frame batches), so the bits are
those of the same `threads`; other counts agree to rounding (~1e-13 dB)."""

from __future__ import annotations

import multiprocessing
import threading

import numpy as np

import museval_swift

RATE = 44100


def case(seed):
    rng = np.random.default_rng(seed)
    refs = rng.standard_normal((3, 4 * RATE, 2))
    return refs, refs + 0.5 * rng.standard_normal(refs.shape)


def same(a, b):
    return all(np.array_equal(x, y, equal_nan=True) for x, y in zip(a, b))


def test_two_threads_at_once_and_bounded_threads():
    inputs = [case(1), case(2)]
    expected = [museval_swift.evaluate(r, e, threads=1 + i) for i, (r, e) in enumerate(inputs)]
    results = [None, None]

    def work(i):
        results[i] = museval_swift.evaluate(*inputs[i], threads=1 + i)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert same(results[0], expected[0]) and same(results[1], expected[1])
    for ours, other in zip(museval_swift.evaluate(*inputs[0], threads=2), expected[0]):
        assert np.max(np.abs(ours - other)) < 1e-9


def _child(queue, refs, ests):
    queue.put([a.tolist() for a in museval_swift.evaluate(refs, ests)])


def test_forked_child_after_parallel_use():
    refs, ests = case(3)
    museval_swift.evaluate(refs, ests, threads=2)  # the parent's worker pool is up
    # A child forked after a parallel call runs on one thread (see python/README.md).
    expected = museval_swift.evaluate(refs, ests, threads=1)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child, args=(queue, refs, ests))
    child.start()
    result = queue.get(timeout=120)
    child.join(timeout=60)
    assert child.exitcode == 0
    assert same([np.array(a) for a in result], expected)
