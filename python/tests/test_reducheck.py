"""pytest suite of the Python module (docs/python.md): the verdicts equal the CLI's JSON, the
three ways to give a scenario, check_many with and without pandas, lockup, and clear errors."""
import copy
import datetime
import json
import os
import pathlib
import shutil
import subprocess

import pytest

import reducheck

EXAMPLES = pathlib.Path(os.environ.get("REDUCHECK_EXAMPLES", "examples"))
DESK = EXAMPLES / "desk_pass.yaml"
CAP_FAIL = EXAMPLES / "cap_fail.yaml"
LOCKUP = EXAMPLES / "lockup_ipo.yaml"
ORDER = {"id": "P1", "holder": "DY", "date": "2026-03-17", "method": "centralized_bidding",
         "shares": 2000000, "price": "18.60"}


@pytest.fixture(scope="module")
def ev():
    return reducheck.load()


def cli_verdicts(path):
    """The CLI's JSON for a scenario, when the binary is next to the module's build tree."""
    cli = os.environ.get("REDUCHECK_CLI")
    if not cli:
        pytest.skip("REDUCHECK_CLI not set")
    out = subprocess.run([cli, "check", str(path)], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def test_import_and_version():
    assert reducheck.__version__.count(".") == 2
    assert callable(reducheck.load)


def test_packs_loaded(ev):
    assert "cn-2024" in ev.packs
    assert os.path.isdir(ev.rules_dir)


def test_check_returns_the_contract_verdict(ev):
    v = ev.check(DESK, ORDER)
    assert v["order"] == "P1"
    assert v["verdict"] in ("pass", "fail", "unknown")
    assert list(v.keys())[:4] == ["order", "verdict", "violations", "unknown"]
    for key in ("max_compliant_shares", "binding_rule", "earliest_full_date", "obligations",
                "rule_pack", "calendar"):
        assert key in v


def test_same_json_as_the_cli(ev):
    # The scenario's own orders through check_many equal `reducheck check` byte for byte.
    ours = ev.check_many(CAP_FAIL, as_frame=False)
    theirs = cli_verdicts(CAP_FAIL)
    assert ours == theirs


def test_cap_breach_is_reported_with_figures(ev):
    (v,) = ev.check_many(CAP_FAIL, as_frame=False)
    assert v["verdict"] == "fail"
    rules = [x["rule"] for x in v["violations"]]
    assert "CAP-CB-1PCT" in rules
    cap = v["violations"][rules.index("CAP-CB-1PCT")]
    assert cap["category"] == 3
    assert cap["message"]["en"] and cap["message"]["zh"]
    assert cap["shares_in_breach"] > 0
    assert v["max_compliant_shares"] < 10**15


def test_path_yaml_string_and_dict_agree(ev):
    text = DESK.read_text(encoding="utf-8")
    by_path = ev.check(str(DESK), ORDER)
    by_pathlib = ev.check(DESK, ORDER)
    by_text = ev.check(text, ORDER)
    yaml = pytest.importorskip("yaml")  # Debian python3-yaml, for the dict form of the file
    as_dict = yaml.safe_load(text)
    by_dict = ev.check(as_dict, ORDER)
    assert by_path == by_pathlib == by_text == by_dict


def test_dict_with_dates_and_decimals():
    ev = reducheck.load()
    scenario = {
        "company": {"code": "000001", "exchange": "SZSE", "board": "main",
                    "listing_date": datetime.date(2023, 3, 10), "total_shares": 1000000000},
        "holders": [{"id": "H1", "roles": ["pre_ipo_shareholder"],
                     "lots": [{"id": "L1", "shares": 30000000, "source": "ipo_original"}]}],
    }
    import decimal
    order = {"id": "O1", "holder": "H1", "date": datetime.date(2026, 3, 10),
             "method": "centralized_bidding", "shares": 100000, "price": decimal.Decimal("12.00")}
    v = ev.check(scenario, order)
    assert v["verdict"] == "pass"
    # 1% of 1,000,000,000 in 90 days: exactly 10,000,000 passes, one more share does not.
    assert v["max_compliant_shares"] == 10000000
    over = dict(order, id="O2", shares=10000001)
    assert ev.check(scenario, over)["verdict"] == "fail"


def test_check_many_list_and_frame(ev):
    orders = [dict(ORDER, id="A", shares=100000), dict(ORDER, id="B", shares=10**7)]
    as_list = ev.check_many(DESK, orders, as_frame=False)
    assert [v["order"] for v in as_list] == ["A", "B"]
    try:
        import pandas  # noqa: F401
    except ImportError:
        assert ev.check_many(DESK, orders) == as_list
        with pytest.raises(ImportError):
            ev.check_many(DESK, orders, as_frame=True)
        return
    frame = ev.check_many(DESK, orders)
    assert list(frame["order"]) == ["A", "B"]
    assert list(frame["verdict"]) == [v["verdict"] for v in as_list]
    assert frame.loc[1, "detail"] == as_list[1]
    # Orders may come as a DataFrame too.
    again = ev.check_many(DESK, pandas.DataFrame(orders))
    assert list(again["verdict"]) == list(frame["verdict"])


def test_orders_are_judged_independently(ev):
    one = ev.check(DESK, ORDER)
    many = ev.check_many(DESK, [ORDER, dict(ORDER, id="P2")], as_frame=False)
    assert many[0] == one
    assert dict(many[1], order="P1") == one


def test_lockup(ev):
    r = ev.lockup(LOCKUP, "2024-06-03")
    assert r["as_of"] == "2024-06-03"
    assert r["calendar"]["status"] in ("official", "official+provisional")
    assert r["calendar"]["last_official_day"] == "2026-12-31"
    lots = {(l["holder"], l["lot"]): l for l in r["lots"]}
    assert lots[("CTRL-1", "L1")]["unlock_date"] == "2026-07-20"
    assert [s["rule"] for s in lots[("CTRL-1", "L1")]["locks"]] == ["LOCK-IPO-12M", "LOCK-CTRL-36M"]
    summary = {h["holder"]: h for h in r["holders"]}
    assert summary["CTRL-1"]["binding_rule"] == "LOCK-CTRL-36M"
    assert r["sellable"][0]["date"] == "2024-06-03"
    assert ev.lockup(LOCKUP, datetime.date(2024, 6, 3)) == r


def test_bad_input_raises_with_position(ev):
    broken = DESK.read_text(encoding="utf-8").replace("total_shares:", "total_share:")
    with pytest.raises(ValueError, match=r"<string>:\d+:\d+: company.total_share: unknown key"):
        ev.check(broken, ORDER)
    with pytest.raises(ValueError, match=r"orders\[0\]\.method: unknown method 'centralised_bidding'"):
        ev.check(DESK, dict(ORDER, method="centralised_bidding"))
    with pytest.raises(ValueError, match="unknown holder"):
        ev.check(DESK, dict(ORDER, holder="NOPE"))
    with pytest.raises(ValueError, match="outside the trading calendar"):
        ev.check(DESK, dict(ORDER, date="2032-03-17"))
    with pytest.raises(ValueError, match="as_of"):
        ev.lockup(LOCKUP, "12/08/2026")
    with pytest.raises(FileNotFoundError):
        ev.check("no_such_scenario.yaml", ORDER)
    with pytest.raises(TypeError):
        ev.check(42, ORDER)


def test_gbk_file_is_refused_with_a_hint(ev, tmp_path):
    src = pathlib.Path(os.environ.get("REDUCHECK_TESTDATA", "test")) / "cli/data/encoding/scenario_gb18030.yaml"
    with pytest.raises(ValueError, match="not valid UTF-8"):
        ev.check(src, {"id": "X", "holder": "H1", "date": "2026-03-10",
                       "method": "centralized_bidding", "shares": 1})


def test_bad_rules_dir():
    with pytest.raises(ValueError, match="cannot load the rules"):
        reducheck.load("/nonexistent/rules")
