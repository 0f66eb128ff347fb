#!/usr/bin/env python3
"""Times sigsep-mus-oracle's IRM/IBM/MWF (patched copies, as the goldens use them) on the
HQ sample track, in-process, separation only (no file writing). Prints 'method seconds'.
Usage: python3 Benchmarks/oracle.py HQ_ROOT"""
import importlib.util
import os
import sys
import tempfile
import time

import musdb

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "oracle_goldens", os.path.join(HERE, "..", "Scripts", "goldens", "oracle_goldens.py"))
goldens = importlib.util.module_from_spec(spec)
spec.loader.exec_module(goldens)

with tempfile.TemporaryDirectory() as folder:
    _, modules = goldens.load_oracle_scripts(folder)
    db = musdb.DB(root=sys.argv[1], is_wav=True, subsets="train")
    runs = {
        "irm1": lambda t: modules["IRM"].IRM(t, alpha=1),
        "irm2": lambda t: modules["IRM"].IRM(t, alpha=2),
        "ibm1": lambda t: modules["IBM"].IBM(t, alpha=1),
        "ibm2": lambda t: modules["IBM"].IBM(t, alpha=2),
        "mwf": lambda t: modules["MWF"].MWF(t),
    }
    for method, run in runs.items():
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for track in db.tracks:
                run(track)
            best = min(best, time.perf_counter() - start)
        print(method, f"{best:.3f}")
