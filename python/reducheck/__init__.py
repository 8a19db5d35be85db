"""reducheck for Python: pre-trade compliance checks of China A-share share reductions.

    import reducheck
    ev = reducheck.load()                        # the rule packs and calendar shipped with it
    v = ev.check("examples/cap_fail.yaml", {"id": "O1", "holder": "DY", "date": "2026-03-17",
                 "method": "centralized_bidding", "shares": 2000000, "price": "18.60"})
    v["verdict"], v["max_compliant_shares"]

A scenario is a path (str or pathlib.Path), a YAML string, or a dict shaped like the scenario
file (docs/input-format.md). Verdicts are dicts with exactly the keys of the CLI's JSON
(`reducheck check --format json`). Bad input raises ValueError naming the file, line, column
and field. Nothing is sent anywhere: the engine runs in-process. docs/python.md has more.
"""

import datetime as _datetime
import decimal as _decimal
import json as _json
import os as _os
import pathlib as _pathlib

from ._reducheck import _Engine, __version__

__all__ = ["load", "Evaluator", "__version__"]


def _json_default(value):
    if isinstance(value, (_datetime.date, _datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, _decimal.Decimal):
        return str(value)  # exact digits; the reader takes a quoted price as it is
    if hasattr(value, "item"):  # numpy scalars (from pandas rows)
        return value.item()
    raise TypeError("cannot put %r (%s) in a scenario" % (value, type(value).__name__))


def _dumps(obj):
    return _json.dumps(obj, ensure_ascii=False, default=_json_default)


def _scenario(scenario):
    """(text, name, base_dir) of a scenario given as a path, a YAML string or a dict."""
    if isinstance(scenario, dict):
        return _dumps(scenario), "<dict>", "."
    if isinstance(scenario, _pathlib.PurePath):
        scenario = str(scenario)
    if not isinstance(scenario, str):
        raise TypeError("a scenario is a path, a YAML string or a dict, not %s"
                        % type(scenario).__name__)
    if "\n" not in scenario and _os.path.isfile(scenario):
        with open(scenario, "rb") as f:
            raw = f.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ValueError("%s: byte offset %d: not valid UTF-8 (a GBK file? convert it with "
                             "iconv -f GB18030 -t UTF-8)" % (scenario, e.start)) from None
        return text, scenario, _os.path.dirname(scenario) or "."
    if "\n" not in scenario and scenario.endswith((".yaml", ".yml")):
        raise FileNotFoundError(scenario)
    return scenario, "<string>", "."


def _order(order):
    if not isinstance(order, dict):
        raise TypeError("an order is a dict, not %s" % type(order).__name__)
    return order


class Evaluator:
    """The rule packs and trading calendar, loaded once; judge any number of scenarios."""

    def __init__(self, rules_dir=None):
        self._engine = _Engine(rules_dir or "")

    @property
    def rules_dir(self):
        return self._engine.rules_dir

    @property
    def packs(self):
        """The ids of the rule packs loaded, e.g. ['cn-2017', 'cn-2024']."""
        return list(self._engine.packs)

    def check(self, scenario, order):
        """The verdict (a dict, the contract's verdict) of one order against the scenario."""
        text, name, base = _scenario(scenario)
        (verdict,) = self._engine.check(text, name, base, _dumps([_order(order)]))
        return _json.loads(verdict)

    def check_many(self, scenario, orders=None, as_frame=None):
        """Verdicts of many orders, each judged on its own against the same state (as
        `reducheck check` does). `orders`: a list of dicts, or a pandas DataFrame with one order
        per row; None: the scenario's own orders.

        Returns a pandas DataFrame (one row per order: order, holder, date, method, shares,
        verdict, rules, categories, max_compliant_shares, binding_rule, earliest_full_date,
        rule_pack, and `detail`, the whole verdict dict) when pandas is installed, else a list of
        verdict dicts. as_frame=False always returns the list; as_frame=True requires pandas.
        """
        text, name, base = _scenario(scenario)
        if orders is not None and hasattr(orders, "to_dict") and hasattr(orders, "columns"):
            orders = [
                {k: v for k, v in row.items() if v is not None and v == v}  # drop NaN
                for row in orders.to_dict(orient="records")
            ]
        if orders is not None:
            orders = [_order(o) for o in orders]
        payload = None if orders is None else _dumps(orders)
        verdicts = [_json.loads(v) for v in self._engine.check(text, name, base, payload)]
        if as_frame is False:
            return verdicts
        try:
            import pandas as pd
        except ImportError:
            if as_frame:
                raise
            return verdicts
        if orders is None:
            given = {}
        else:
            given = {o.get("id"): o for o in orders}
        rows = []
        for v in verdicts:
            o = given.get(v["order"], {})
            rows.append({
                "order": v["order"],
                "holder": o.get("holder"),
                "date": o.get("date"),
                "method": o.get("method"),
                "shares": o.get("shares"),
                "verdict": v["verdict"],
                "rules": ";".join(x["rule"] for x in v["violations"]),
                "categories": ";".join(str(c) for c in sorted({x["category"] for x in v["violations"]})),
                "max_compliant_shares": v["max_compliant_shares"],
                "binding_rule": v["binding_rule"],
                "earliest_full_date": v["earliest_full_date"],
                "rule_pack": v["rule_pack"],
                "detail": v,
            })
        return pd.DataFrame(rows)

    def lockup(self, scenario, as_of):
        """The lock-up calendar (docs/lockup.md) as a dict: lots with unlock dates and locks,
        per-holder summaries, quota headroom and sellable shares by date."""
        if isinstance(as_of, (_datetime.date, _datetime.datetime)):
            as_of = as_of.isoformat()[:10]
        text, name, base = _scenario(scenario)
        return _json.loads(self._engine.lockup(text, name, base, str(as_of)))

    def validate(self, scenario):
        """Reads the scenario and raises ValueError with every problem; returns its order count."""
        text, name, base = _scenario(scenario)
        return self._engine.validate(text, name, base)


def load(rules_dir=None):
    """An Evaluator over the rules directory (default: $REDUCHECK_RULES_DIR, then the rules
    this module was built with)."""
    return Evaluator(rules_dir)
