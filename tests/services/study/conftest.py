from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.services.study_service import StudyService
from app.storage.user_database import open_user_database


class Clock:
    """A settable clock: schedules are tested at fixed times."""

    def __init__(self) -> None:
        self.now = datetime(2026, 4, 6, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def study(mini_service, clock, tmp_path):
    service = StudyService(mini_service, open_user_database(f"sqlite:///{tmp_path / 'records.db'}"), clock)
    yield service
    service.close()
