"""A root's card cites where its map and its key points come from: the reference id and the
title a reader can look up (never the bare id in place of a title)."""

from __future__ import annotations

from app.services.nerve_service import NerveService


def test_every_root_card_cites_its_sources_by_id_and_title() -> None:
    service = NerveService.open()
    for root in service.roots():
        card = service.root_card(root.id)
        assert card["source"] == {
            "ref": "lee_2008", "title": "An evidence-based approach to human dermatomes",
            "chapter": card["source"]["chapter"]}
        assert card["source"]["chapter"]
        assert card["key_points_source"] == {
            "ref": "isncsci_2019",
            "title": "International Standards for Neurological Classification of Spinal Cord Injury (ISNCSCI)"}
