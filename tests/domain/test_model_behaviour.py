"""How a source is cited under every card, chart and study card: title, chapter, pages."""

from __future__ import annotations

from app.domain.model import SourceCitation


def test_a_citation_names_title_chapter_and_pages_in_that_order() -> None:
    full = SourceCitation("tsm1", "Trigger Point Manual Vol. 1", chapter="Trapezius", pages="278-307")
    assert full.short() == "Trigger Point Manual Vol. 1, chapter “Trapezius”, pp. 278-307"


def test_missing_parts_are_left_out_without_stray_commas() -> None:
    assert SourceCitation("tsm2", "Trigger Point Manual Vol. 2").short() == "Trigger Point Manual Vol. 2"
    assert SourceCitation("tsm2", "Vol. 2", pages="89").short() == "Vol. 2, pp. 89"
    assert SourceCitation("tsm2", "Vol. 2", chapter="Soleus").short() == "Vol. 2, chapter “Soleus”"
    assert SourceCitation("tsm2", "Vol. 2", chapter="", pages="").short() == "Vol. 2"
