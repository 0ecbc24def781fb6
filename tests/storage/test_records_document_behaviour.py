"""A ``tpx-records`` file as another program or an older export may write it: what the import's
validation (app/storage/records_format.py) accepts, and the reason it gives for what it refuses."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from shapely.geometry import box

from app.storage.records_format import RecordsDocument

UID = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
OTHER_UID = "1f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"


def _mark(geometry: Any, view: str = "posterior", intensity: int = 5) -> dict[str, Any]:
    return {"view": view, "geometry": geometry.wkt if hasattr(geometry, "wkt") else geometry,
            "intensity": intensity, "quality": "aching"}


def _document(**visit: Any) -> dict[str, Any]:
    return {"format": "tpx-records", "version": 1, "clients": [
        {"id": 1, "uid": UID, "name": "Ann Example", "date_of_birth": "1980-05-17",
         "visits": [{"id": 10, "date": "2026-03-04", **visit}]}]}


def _refusal(document: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as refused:
        RecordsDocument.model_validate(document)
    return str(refused.value)


def test_a_signature_needs_both_its_time_and_its_name() -> None:
    signed = _document(signed_at="2026-03-04T10:00:00+00:00", signed_by="Dr Lee")
    assert RecordsDocument.model_validate(signed).clients[0].visits[0].signed_by == "Dr Lee"
    for half in ({"signed_at": "2026-03-04T10:00:00+00:00"}, {"signed_by": "Dr Lee"},
                 {"signed_at": "2026-03-04T10:00:00+00:00", "signed_by": "   "}):
        assert "a signed visit needs both signed_at and signed_by" in _refusal(_document(**half))


def test_pain_marks_may_touch_but_not_overlap_on_one_view() -> None:
    left, right = box(100, 100, 140, 130), box(140, 100, 180, 130)  # sharing an edge
    touching = RecordsDocument.model_validate(_document(pain=[_mark(left), _mark(right)]))
    assert len(touching.clients[0].visits[0].pain) == 2
    residue = box(139.5, 100, 180, 101)  # 0.5 mm²: what a union/difference leaves behind
    assert RecordsDocument.model_validate(_document(pain=[_mark(left), _mark(residue)]))
    other_view = RecordsDocument.model_validate(_document(pain=[_mark(left), _mark(left, "anterior")]))
    assert [m.view for m in other_view.clients[0].visits[0].pain] == ["posterior", "anterior"]
    overlapping = _document(pain=[_mark(box(10, 10, 30, 20), "anterior"), _mark(left), _mark(box(130, 120, 150, 140))])
    assert "pain marks overlap on the posterior view (marks must be disjoint)" in _refusal(overlapping)


def test_a_birth_date_must_be_possible() -> None:
    document = _document()
    for day, ok in ((date(1850, 1, 1), True), (date(1849, 12, 31), False), (date.today(), True),
                    (date.today() + timedelta(days=1), False)):
        document["clients"][0]["date_of_birth"] = day.isoformat()
        if ok:
            assert RecordsDocument.model_validate(document).clients[0].date_of_birth == day
        else:
            assert f"date_of_birth {day.isoformat()} is not a possible birth date" in _refusal(document)


def test_ids_and_uids_are_unique_within_the_file_but_may_be_left_out() -> None:
    one = _document()["clients"][0]
    two = copy.deepcopy(one) | {"id": 2, "uid": OTHER_UID, "name": "Bob Other"}
    two["visits"][0]["id"] = 11
    base = {"format": "tpx-records", "version": 1}
    assert len(RecordsDocument.model_validate(base | {"clients": [one, two]}).clients) == 2
    assert "duplicate client id 1 in the file" in _refusal(base | {"clients": [one, two | {"id": 1}]})
    assert f"duplicate client uid '{UID}' in the file" in _refusal(base | {"clients": [one, two | {"uid": UID}]})
    same_visit = copy.deepcopy(two)
    same_visit["visits"][0]["id"] = 10
    assert "duplicate visit id 10 in the file" in _refusal(base | {"clients": [one, same_visit]})
    anonymous = [{k: v for k, v in c.items() if k not in ("id", "uid")} for c in (one, two)]
    for client in anonymous:
        client["visits"] = [{"date": "2026-03-04"}, {"date": "2026-03-05"}]
    assert len(RecordsDocument.model_validate(base | {"clients": anonymous}).clients) == 2
