"""``built_once``, as the catalog service relies on it: the warm-up thread and a click asking for the
same index at once get one build and the same object; a click needing another value does not wait
for a slow build; nothing is built until asked."""

from __future__ import annotations

import threading

from app.services.built_once import built_once


class _Service:
    """Two lazy values: ``index`` is slow (it waits until the test lets it finish), ``names`` quick."""

    def __init__(self) -> None:
        self.builds: list[str] = []
        self.index_started = threading.Event()
        self.finish_index = threading.Event()

    @built_once
    def index(self) -> dict[str, int]:
        """Every zone by id."""
        self.builds.append("index")
        self.index_started.set()
        assert self.finish_index.wait(10), "the test never let the build finish"
        return {"zone": 1}

    @built_once
    def names(self) -> tuple[str, ...]:
        self.builds.append("names")
        return ("trapezius",)


def test_two_threads_asking_at_once_get_one_build_and_the_same_value() -> None:
    service = _Service()
    assert not _Service.index.is_built(service) and service.builds == []  # nothing built until asked
    got: list[dict[str, int]] = []
    askers = [threading.Thread(target=lambda: got.append(service.index)) for _ in range(6)]
    for asker in askers:
        asker.start()
    assert service.index_started.wait(10)
    # while the first build runs, another value is answered at once (each value has its own lock)
    assert service.names == ("trapezius",)
    assert not _Service.index.is_built(service) and _Service.names.is_built(service)
    service.finish_index.set()
    for asker in askers:
        asker.join(10)
    assert len(got) == 6 and all(value is got[0] for value in got) and got[0] == {"zone": 1}
    assert service.builds == ["names", "index"] or service.builds == ["index", "names"]
    assert service.builds.count("index") == 1
    assert service.index is got[0] and service.builds.count("index") == 1  # read again: no rebuild
    assert _Service.index.is_built(service)


def test_each_object_builds_its_own_value_and_the_class_shows_the_descriptor() -> None:
    one, two = _Service(), _Service()
    one.finish_index.set()
    two.finish_index.set()
    assert one.index is not two.index and one.index == two.index
    assert one.builds == ["index"] and two.builds == ["index"]
    assert isinstance(_Service.__dict__["index"], built_once) and _Service.index.__doc__ == "Every zone by id."
