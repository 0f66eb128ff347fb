"""The per-track score store that `eval_mus_track` returns: museval's TrackStore, with
the same `.scores` dict, the same `.json` text byte for byte, and the same `.df`."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional, Union

import numpy as np

#: The museval version whose files these are (written as `museval_version`).
MUSEVAL_VERSION = "0.4.1"


def _quantize(number: float) -> Union[Decimal, float]:
    """museval's rounding of a score: the exact binary value to 5 decimals, half-even;
    ±inf becomes NaN."""
    if math.isinf(number):
        return math.nan
    return Decimal(Decimal(number).quantize(Decimal(".00001")))


def _encode(value: Any, level: int, out: List[str]) -> None:
    """JSON as simplejson writes museval's dict with indent=2, allow_nan and use_decimal."""
    pad = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            out.append(("," if i else "") + pad + json.dumps(str(key)) + ": ")
            _encode(item, level + 1, out)
        out.append("\n" + "  " * level + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        out.append("[")
        for i, item in enumerate(value):
            out.append(("," if i else "") + pad)
            _encode(item, level + 1, out)
        out.append("\n" + "  " * level + "]")
    elif isinstance(value, Decimal):
        out.append(str(value))
    elif isinstance(value, bool) or value is None:
        out.append(json.dumps(value))
    elif isinstance(value, (int, np.integer)):
        out.append(str(int(value)))
    elif isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            out.append("NaN")
        elif math.isinf(number):
            out.append("Infinity" if number > 0 else "-Infinity")
        else:
            out.append(repr(number))
    else:
        out.append(json.dumps(value))


class TrackStore:
    """Framewise scores of one track, as museval's TrackStore holds them.

    Attributes
    ----------
    track_name : str
    win, hop : float
        Window and hop in seconds (frame ``i`` has ``time = i * hop``, ``duration = win``).
    scores : dict
        ``{"targets": [{"name", "frames": [{"time", "duration", "metrics": {SDR, SIR,
        SAR, ISR}}]}], "museval_version"}`` with metrics as 5-decimal Decimals.
    global_scores : dict
        Per target name, ``{"globalSDR": dB, "siSDR": dB}`` over the whole track (not in
        museval's file; see the top README).
    """

    def __init__(self, track_name: str, win: float = 1, hop: float = 1, frames_agg: Union[str, Callable] = "median"):
        self.win = win
        self.hop = hop
        if frames_agg == "median":
            self.frames_agg = np.nanmedian
        elif frames_agg == "mean":
            self.frames_agg = np.nanmean
        else:
            self.frames_agg = frames_agg
        self.track_name = track_name
        self.scores: Dict[str, Any] = {"targets": [], "museval_version": MUSEVAL_VERSION}
        self.global_scores: Dict[str, Dict[str, float]] = {}

    def add_target(self, target_name: str, values: Dict[str, List[float]]) -> None:
        """Adds a target's frames; `values` maps SDR, SIR, SAR, ISR to per-frame lists (dB)."""
        frames = []
        for i in range(len(values["SDR"])):
            frames.append(
                {
                    "time": i * self.hop,
                    "duration": self.win,
                    "metrics": {m: _quantize(values[m][i]) for m in ("SDR", "SIR", "SAR", "ISR")},
                }
            )
        self.scores["targets"].append({"name": target_name, "frames": frames})

    @property
    def json(self) -> str:
        """The score file's text, byte for byte what museval 0.4.1 writes (no final newline)."""
        out: List[str] = []
        _encode(self.scores, 0, out)
        return "".join(out)

    @property
    def df(self):
        """The scores as museval's long pandas DataFrame (columns time, target, metric,
        score, track). Needs pandas."""
        import pandas as pd

        parsed = json.loads(self.json)
        df = pd.json_normalize(parsed["targets"], ["frames"], ["name"])
        df.columns = [col.replace("metrics.", "") for col in df.columns]
        df = pd.melt(df, var_name="metric", value_name="score", id_vars=["time", "name"],
                     value_vars=["SDR", "SAR", "ISR", "SIR"])
        df["track"] = self.track_name
        return df.rename(index=str, columns={"name": "target"})

    def save(self, path: str) -> None:
        """Writes `json` to `path`."""
        with open(path, "w+") as f:
            f.write(self.json)

    def __repr__(self) -> str:
        out = ""
        for target in self.scores["targets"]:
            out += target["name"].ljust(16) + "==> "
            for metric in ["SDR", "SIR", "ISR", "SAR"]:
                value = self.frames_agg([float(f["metrics"][metric]) for f in target["frames"]])
                out += metric + ":" + "{:>8.3f}".format(value) + "  "
            out += "\n"
        return out
