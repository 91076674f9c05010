"""No input reaches the hub's catch-all: random query strings, report bodies (signed by a registered clinic, so
they get past the signature to the parser), forms and published lists all end in a 2xx/3xx/4xx, never a 500.
The in-process transport raises any unhandled exception into the test, so a crash fails here."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.errors import ValidationError
from app.hub.lists import clean_items, items_from_file
from app.hub.store import add_clinic, open_hub
from app.hub.web import create_app
from app.keys import public_key_text
from tests.reporting.hub_support import FAST, InProcessHub, make_user

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
KEY = Ed25519PrivateKey.generate()
GETS = ["/", "/export.csv", "/api/v1/reports", "/api/v1/status", "/api/v1/trend", "/login", "/api/v1/lists/x"]
PARAMS = ["date", "end", "next", "x"]


@pytest.fixture(scope="module")
def hubs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[InProcessHub, InProcessHub]]:
    db = open_hub(f"sqlite:///{Path(tmp_path_factory.mktemp('hub')) / 'hub.sqlite3'}")
    raw = KEY.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    add_clinic(db, "XH01", "新华卫生院", public_key_text(raw), NOW)
    make_user(db, "viewer1", "viewer")
    app = create_app(db, FixedClock(NOW), passwords=FAST)
    logged_in, anonymous = InProcessHub(app), InProcessHub(app)
    assert logged_in.log_in("viewer1").status_code == 303
    yield logged_in, anonymous
    logged_in.close()
    anonymous.close()
    db.dispose()


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                           max_leaves=12)
report_like = st.fixed_dictionaries(
    {"type": st.sampled_from(["daily_report", "other"]), "clinic": st.sampled_from(["XH01", "XX"]),
     "date": st.one_of(st.dates().map(str), st.text(max_size=12), st.integers()),
     "version": st.one_of(st.integers(), st.text(max_size=3), st.booleans()),
     "counts": st.one_of(st.dictionaries(st.text(max_size=8), st.integers() | st.floats() | st.text(max_size=3),
                                         max_size=5), json_values)},
    optional={"zero_report": json_values, "automatic": json_values, "audit_head": json_values})
bodies = st.one_of(report_like.map(lambda r: json.dumps(r).encode()), st.binary(max_size=300),
                   json_values.map(lambda v: json.dumps(v).encode()),
                   report_like.map(lambda r: json.dumps(r).encode("utf-16")))


@FUZZ
@given(path=st.sampled_from(GETS), params=st.dictionaries(st.sampled_from(PARAMS), st.text(max_size=30), max_size=3),
       raw=st.text(max_size=40))
def test_no_query_string_reaches_the_catch_all(hubs, path: str, params: dict[str, str], raw: str) -> None:
    for hub in hubs:
        assert hub.get(path, params=params).status_code < 500
        assert hub.get(f"{path}?{quote(raw, safe='=&%+')}").status_code < 500  # broken %-escapes too


@FUZZ
@given(body=bodies, idem=st.text(min_size=1, max_size=70).filter(lambda s: s.isprintable() and s.isascii()))
def test_no_signed_report_body_reaches_the_catch_all(hubs, body: bytes, idem: str) -> None:
    headers = {"x-clinic": "XH01", "x-idempotency-key": idem.strip() or "k",
               "x-signature": base64.b64encode(KEY.sign(body)).decode()}
    answer = hubs[1].post("/api/v1/reports", content=body, headers=headers)
    assert answer.status_code < 500 and "error" in answer.json() or answer.status_code in (200, 201)


@FUZZ
@given(form=st.dictionaries(st.sampled_from(["csrf", "username", "password", "next", "list", "text"]),
                            st.text(max_size=30), max_size=5), raw=st.binary(max_size=200))
def test_no_form_reaches_the_catch_all(hubs, form: dict[str, str], raw: bytes) -> None:
    for path in ("/login", "/logout", "/publish"):
        assert hubs[1].post(path, data=form).status_code < 500
        assert hubs[1].post(path, content=raw, headers={"content-type": "application/x-www-form-urlencoded"}
                            ).status_code < 500


@FUZZ
@given(items=json_values, name=st.sampled_from(["risk_areas", "hospitals"]), raw=st.binary(max_size=200))
def test_a_published_list_is_accepted_clean_or_refused_with_a_code(items: object, name: str, raw: bytes) -> None:
    for attempt in (lambda: clean_items(name, items), lambda: items_from_file(name, raw, "list.csv"),
                    lambda: items_from_file(name, raw, "list.json")):
        try:
            cleaned = attempt()
        except ValidationError as err:
            assert err.code in {"list_item", "list_duplicate", "list_format", "risk_file_row", "file_encoding"}
        else:
            assert all(isinstance(i["name"], str) and i["name"] for i in cleaned)
