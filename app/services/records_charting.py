"""Charting promises kept by the records service: sign (finalise) a visit, amend a signed one
(author, time, reason; the original kept whole), the per-client audit trail, client search
by name, and a new visit started from the previous one's SOAP notes."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from app.domain.records import AuditEvent, Client, Visit, empty_red_flags
from app.storage import records_history as history
from app.storage.records_repository import write_session

if TYPE_CHECKING:
    from app.storage.records_repository import RecordsRepository

SEARCH_CUTOFF = 60  # rapidfuzz WRatio: "jon smth" finds "John Smith", "x" finds nothing


class ChartingMixin:
    _repo: RecordsRepository
    actor: str

    def _writable(self) -> None: ...  # provided by RecordsService

    def sign_visit(self, visit: Visit, by: str) -> Visit:
        """Finalise the visit as ``by``; from now on changes need :meth:`amend_visit`.

        The visit must be the version last read (ConflictError otherwise): you sign what you saw.
        """
        self._writable()
        with write_session(self._repo.engine) as s:
            history.sign(self._repo, s, visit, by)
        stored = self._repo.visit(visit.id)
        visit.version, visit.signed_at, visit.signed_by = stored.version, stored.signed_at, stored.signed_by
        return stored

    def amend_visit(self, visit: Visit, by: str, reason: str) -> Visit:
        """Reopen a signed visit for a change by ``by`` for ``reason``; the signed original is
        kept in the amendment.  Edit and save as usual, then sign again."""
        self._writable()
        stored = self._repo.visit(visit.id)
        with write_session(self._repo.engine) as s:
            history.amend(self._repo, s, stored, visit.version, by, reason)
        reopened = self._repo.visit(visit.id)
        visit.version, visit.signed_at, visit.signed_by = reopened.version, None, ""
        visit.amendments = list(reopened.amendments)
        return reopened

    def audit(self, client_id: int) -> list[AuditEvent]:
        """What happened to the client's records, oldest first (also after the client is erased)."""
        return history.events(self._repo.engine, client_id)

    def search_clients(self, query: str, limit: int = 50) -> list[Client]:
        """Clients whose name matches ``query`` (typo tolerant), best first; all for an empty query."""
        clients = self._repo.clients()
        if not query.strip():
            return clients[:limit]
        from rapidfuzz import fuzz, process, utils  # only once a name is typed: ~2 MB the window need not keep

        names = {i: c.name for i, c in enumerate(clients)}
        found = process.extract(query, names, scorer=fuzz.WRatio, processor=utils.default_process,
                                score_cutoff=SEARCH_CUTOFF, limit=limit)
        found.sort(key=lambda hit: (-hit[1], clients[hit[2]].name.lower()))
        return [clients[index] for _name, _score, index in found]

    def visit_from_previous(self, client_id: int, on: date, therapist: str = "") -> Visit:
        """A new visit that starts with the SOAP notes and chief complaint of the client's latest
        visit (pain map, red flags, findings and treatment start empty: they are asked anew)."""
        visits = self._repo.visits(client_id)
        if not visits:
            raise ValueError("this client has no earlier visit to start from")
        latest = max(visits, key=lambda v: (v.date, v.id or 0))
        fresh = Visit(None, client_id, on, therapist or latest.therapist, latest.chief_complaint,
                      soap=dict(latest.soap), red_flags=empty_red_flags())
        return self._insert_visit(dataclasses.replace(fresh))

    def _insert_visit(self, visit: Visit) -> Visit: ...  # provided by RecordsService
