"""What the county publishes is checked whole (item number and field), from JSON or the clinic's risk-area CSV;
and the county's users from the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app import cli
from app.errors import ValidationError
from app.hub.auth import list_users
from app.hub.lists import clean_items
from app.hub.store import get_list, open_hub


def refused(name: str, items: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        clean_items(name, items)
    return caught.value


def test_good_lists_are_cleaned_as_the_clinics_will_apply_them() -> None:
    assert clean_items("risk_areas", [{"name": "上海市 浦东新区", "level": "高风险", "since": "2026-11-20"},
                                      {"name": "广东省广州市白云区", "level": "medium"}]) == [
        {"name": "上海市浦东新区", "level": "high", "since": "2026-11-20"},
        {"name": "广东省广州市白云区", "level": "medium", "since": None}]
    assert clean_items("hospitals", [{"name": "市传染病医院", "kind": "designated", "phone": "0371-1234567",
                                      "address": "", "accepting": False}]) == [
        {"name": "市传染病医院", "address": "", "phone": "0371-1234567", "kind": "designated", "accepting": False}]


@pytest.mark.parametrize(("name", "items", "item", "field"), [
    ("risk_areas", [{"name": "上海市浦东新区", "level": "high"}, {"level": "high"}], 2, "name"),
    ("risk_areas", [{"name": "上海市浦东新区"}], 1, "level"),
    ("risk_areas", [{"name": "上海市浦东新区", "level": "low"}], 1, "level"),
    ("risk_areas", [{"name": "上", "level": "high"}], 1, "name"),
    ("risk_areas", [{"name": 42, "level": "high"}], 1, "name"),
    ("risk_areas", [{"name": "上海市浦东新区", "level": "high", "since": "yesterday"}], 1, "since"),
    ("risk_areas", [{"name": "上海市浦东新区", "level": "high", "colour": "red"}], 1, "colour"),
    ("risk_areas", [{"name": "上海市\u202e浦东新区", "level": "high"}], 1, "name"),
    ("hospitals", [{"name": "县人民医院", "kind": "designated"}, {"name": "市传染病医院"}], 2, "kind"),
    ("hospitals", [{"kind": "designated"}], 1, "name"),
    ("hospitals", [{"name": "县人民医院", "kind": "clinic"}], 1, "kind"),
    ("hospitals", [{"name": "县人民医院", "kind": "backup", "phone": "1" * 31}], 1, "phone"),
    ("hospitals", [{"name": "院" * 101, "kind": "backup"}], 1, "name"),
    ("hospitals", [{"name": "县人民医院", "kind": "backup", "accepting": "yes"}], 1, "accepting"),
    ("hospitals", ["县人民医院"], 1, "item"),
])
def test_a_bad_item_refuses_the_whole_list_naming_item_and_field(name: str, items: list, item: int,
                                                                 field: str) -> None:
    err = refused(name, items)
    assert (err.code, err.details["item"], err.details["field"]) == ("list_item", item, field)


def test_duplicates_and_shapes_are_refused() -> None:
    err = refused("hospitals", [{"name": "县人民医院", "kind": "backup"}, {"name": "县人民医院 ", "kind": "designated"}])
    assert (err.code, err.details["item"], err.details["first"]) == ("list_duplicate", 2, 1)
    assert refused("risk_areas", {"name": "x"}).code == "list_format"
    assert refused("risk_areas", [{}] * 5001).code == "list_format"
    assert refused("everything", []).code == "list_name"


def run(args: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return cli.main(args, out=out), out.getvalue()
    finally:
        sys.stdin = old


def test_hub_publish_takes_the_clinics_csv_and_refuses_bad_lists(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    csv_file = tmp_path / "areas.csv"
    csv_file.write_text("name,level,since\n上海市浦东新区,高风险,2026-11-20\n广东省广州市白云区,medium,\n", encoding="utf-8")
    assert run(["hub", "publish", "risk-areas", str(csv_file), "--db-url", url])[0] == 0
    db = open_hub(url)
    assert [(i["name"], i["level"]) for i in get_list(db, "risk_areas")["items"]] == [
        ("上海市浦东新区", "high"), ("广东省广州市白云区", "medium")]
    db.dispose()
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("上海市浦东新区,high\n广东省广州市白云区,low\n", encoding="utf-8")
    assert run(["hub", "publish", "risk-areas", str(bad_csv), "--db-url", url])[0] == 1
    assert capsys.readouterr().err.startswith("error [risk_file_row]")  # the clinic's parser: row 2
    missing = tmp_path / "hospitals.json"
    missing.write_text(json.dumps([{"name": "县人民医院", "kind": "backup"}, {"name": "市传染病医院"}]), encoding="utf-8")
    assert run(["hub", "publish", "hospitals", str(missing), "--db-url", url])[0] == 1
    err = capsys.readouterr().err
    assert err.startswith("error [list_item]") and "item=2" in err and "field=kind" in err
    utf16 = tmp_path / "utf16.json"
    utf16.write_bytes(json.dumps([{"name": "县人民医院", "kind": "backup"}]).encode("utf-16"))
    assert run(["hub", "publish", "hospitals", str(utf16), "--db-url", url])[0] == 1
    assert capsys.readouterr().err.startswith("error [file_encoding]")
    db = open_hub(url)
    assert (get_list(db, "risk_areas")["version"], get_list(db, "hospitals")["version"]) == (1, 0)
    db.dispose()


def test_hub_user_commands(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert run(["hub", "user", "add", "county", "--role", "publisher", "--password-stdin", "--db-url", url],
               "county-pass-1\n")[0] == 0
    assert run(["hub", "user", "add", "county", "--role", "viewer", "--password-stdin", "--db-url", url],
               "county-pass-1\n")[0] == 1
    assert capsys.readouterr().err.startswith("error [username_taken]")
    assert run(["hub", "user", "add", "weak", "--role", "viewer", "--password-stdin", "--db-url", url], "abc\n")[0] == 1
    assert capsys.readouterr().err.startswith("error [password_too_short]")
    code, text = run(["hub", "user", "list", "--json", "--db-url", url])
    assert code == 0 and [(u["username"], u["role"], u["active"]) for u in json.loads(text)] == [
        ("county", "publisher", True)]
    assert run(["hub", "user", "disable", "county", "--db-url", url])[0] == 0
    db = open_hub(url)
    assert [u.active for u in list_users(db)] == [False]
    db.dispose()
    assert run(["hub", "user", "disable", "nobody", "--db-url", url])[0] == 1
