"""Study mode as the UI and the CLI use it: decks, questions, scoring, the FSRS schedule per
student profile, progress, deck files.  Profiles, reviews and custom decks live in the user
database (the records database); the clock is a parameter so schedules can be tested."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from app.domain.study import scheduling
from app.domain.study.cards import CONDITION, NAME, PAINT, Card, stable_card_number
from app.domain.study.decks import ALL, CONDITION as CONDITION_DECK, CUSTOM, REGION, Deck, DeckFileError, \
    MAX_FILE_BYTES, dumps_deck, parse_deck
from app.domain.study.progress import LoggedReview, Progress, progress
from app.domain.vocabulary import REGION_NAMES, REGIONS
from app.services.catalog_service import CatalogService, UnknownId
from app.services.study_catalog import StudyCatalog
from app.services.study_questions import Outcome, Question, QuestionMaker
from app.storage.atomic_files import write_bytes_atomically
from app.storage.study_repository import Profile, StudyRepository, StudyStoreError
from app.storage.user_database import UserDatabase, open_user_database

__all__ = ["DeckFileError", "Outcome", "Profile", "Question", "StudyService", "StudyStoreError", "UnknownId"]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class StudyService:
    def __init__(self, catalog: CatalogService, database: UserDatabase | None,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        """``database`` None: the catalog's cards and built-in decks only (scoring, Anki export of
        a built-in deck) — nothing is opened or written."""
        self.catalog = catalog
        self._db = database
        self._store = StudyRepository(database.engine) if database is not None else None
        self.study = StudyCatalog(catalog)
        self.questions = QuestionMaker(self.study)
        self.clock = clock

    @classmethod
    def open(cls, catalog: CatalogService, url: str | None = None) -> StudyService:
        return cls(catalog, open_user_database(url))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    @property
    def read_only(self) -> bool:
        return self._db is None or self._db.read_only

    @property
    def _repo(self) -> StudyRepository:
        if self._store is None:
            raise StudyStoreError("no user database open: profiles and custom decks are not available")
        return self._store

    @property
    def _writable_repo(self) -> StudyRepository:
        """The store, for a change; a read-only database refuses in one line before any write."""
        repo = self._repo
        if self._db is not None and self._db.read_only:
            reason = self._db.read_only_reason or f"{self._db.location} can only be read"
            raise StudyStoreError(f"nothing was saved: {reason}")
        return repo

    # Profiles ---------------------------------------------------------------------------------
    def profiles(self) -> list[Profile]:
        return self._repo.profiles()

    def add_profile(self, name: str) -> Profile:
        name = " ".join(name.split())
        if not name:
            raise StudyStoreError("a student profile needs a name")
        if len(name) > 80:
            raise StudyStoreError("a student profile name is at most 80 characters")
        return self._writable_repo.add_profile(name, self.clock())

    def profile(self, name_or_id: str | int) -> Profile:
        for p in self.profiles():
            if p.id == name_or_id or p.name == name_or_id:
                return p
        raise StudyStoreError(f"no student profile '{name_or_id}'")

    def set_new_per_day(self, profile_id: int, count: int) -> None:
        if not 0 <= count <= 500:
            raise StudyStoreError("new cards per day: 0 to 500")
        self._writable_repo.set_new_per_day(profile_id, count)

    # Decks ------------------------------------------------------------------------------------
    @cached_property
    def _builtin_decks(self) -> list[Deck]:
        # Built-in decks mix card types and muscles in a fixed pseudo-random order, so the paint
        # card of a trigger point does not follow its name card (which shows the pattern).
        cards = sorted(self.study.cards, key=lambda c: stable_card_number(c.key))
        muscle_of = {t.id: m.id for m in self.catalog.muscles() for t in m.trigger_points}
        decks = [Deck(ALL, "Everything", ALL, tuple(cards), "Every card of the catalog.")]
        for region in REGIONS:
            chosen = tuple(c for c in cards if c.kind != CONDITION and self.study.region_of.get(muscle_of.get(c.target, "")) == region)
            if chosen:
                decks.append(Deck(f"{REGION}:{region}", REGION_NAMES[region], REGION, chosen))
        for condition in self.catalog.conditions():
            key = set(self.study.key_muscles(condition.id))
            if not key:
                continue
            chosen = tuple([Card(CONDITION, condition.id)] + [c for c in cards if c.kind in (NAME, PAINT)
                                                              and muscle_of.get(c.target) in key])
            decks.append(Deck(f"{CONDITION_DECK}:{condition.id}", condition.name, CONDITION_DECK, chosen))
        return decks

    def decks(self) -> list[Deck]:
        custom = [Deck(f"{CUSTOM}:{d.uid}", d.name, CUSTOM,
                       tuple(Card.from_key(k) for k in d.cards if k in self.study.card_keys), d.description)
                  for d in (self._store.decks() if self._store is not None else [])]
        return self._builtin_decks + custom

    def deck(self, deck_id: str) -> Deck:
        for deck in self.decks():
            if deck.id == deck_id:
                return deck
        raise UnknownId(f"unknown deck '{deck_id}' (see `tpx study decks`)")

    def create_deck(self, name: str, description: str, keys: list[str]) -> Deck:
        _name, _description, cards = parse_deck(dumps_deck(name, description, [Card.from_key(k) for k in keys])
                                                .encode(), self.study.card_keys, "new deck")
        stored = self._writable_repo.add_deck(_name, _description, [c.key for c in cards], self.clock())
        return self.deck(f"{CUSTOM}:{stored.uid}")

    def import_deck(self, path: Path) -> Deck:
        """Read, check the whole file, then store it in one transaction (or refuse it whole)."""
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise DeckFileError(f"{path}: too large for a deck ({size} bytes; at most {MAX_FILE_BYTES})")
            raw = path.read_bytes()
        except IsADirectoryError:
            raise DeckFileError(f"{path} is a folder, not a deck file") from None
        except OSError as exc:
            raise DeckFileError(f"cannot read {path}: {exc.strerror or exc}") from None
        name, description, cards = parse_deck(raw, self.study.card_keys, str(path))
        stored = self._writable_repo.add_deck(name, description, [c.key for c in cards], self.clock())
        return self.deck(f"{CUSTOM}:{stored.uid}")

    def export_deck(self, deck_id: str, path: Path) -> Path:
        deck = self.deck(deck_id)
        return write_bytes_atomically(path, dumps_deck(deck.name, deck.description, deck.cards).encode("utf-8"),
                                      mode=0o644)

    def delete_deck(self, deck_id: str) -> None:
        if not deck_id.startswith(f"{CUSTOM}:"):
            raise StudyStoreError("only custom decks can be deleted")
        self._writable_repo.delete_deck(deck_id.split(":", 1)[1])

    # Schedule ---------------------------------------------------------------------------------
    def queue(self, profile: Profile, deck_id: str) -> list[Card]:
        now = self.clock()
        deck = self.deck(deck_id)
        states = self._repo.card_states(profile.id)
        fresh_today = self._repo.new_cards_since(profile.id, scheduling.day_start(now))
        keys = scheduling.due_queue(deck.keys, {k: due for k, (_s, due) in states.items()}, now, fresh_today,
                                    profile.new_per_day)
        return [Card.from_key(k) for k in keys]

    def next_due(self, profile: Profile, deck_id: str) -> datetime | None:
        states = self._repo.card_states(profile.id)
        return scheduling.next_due(self.deck(deck_id).keys, {k: due for k, (_s, due) in states.items()}, self.clock())

    def record(self, profile: Profile, outcome: Outcome) -> scheduling.Review:
        """Schedule the card from this answer's score and log the review (one transaction)."""
        now = self.clock()
        state = self._repo.card_states(profile.id).get(outcome.card.key, (None, None))[0]
        result = scheduling.review(outcome.card.key, state, outcome.score, now)
        self._writable_repo.record_review(profile.id, outcome.card.key, self.study.region_of_card(outcome.card),
                                 outcome.score, result.grade, now, result.state, result.due)
        return result

    def progress(self, profile: Profile, deck_id: str = ALL) -> Progress:
        now = self.clock()
        deck = self.deck(deck_id)
        states = self._repo.card_states(profile.id)
        keys = set(deck.keys)
        due = sum(1 for k, (_s, d) in states.items() if k in keys and d <= now)
        new = sum(1 for k in keys if k not in states)
        log = [LoggedReview(k, REGION_NAMES.get(r, r), s, g, at) for k, r, s, g, at in self._repo.reviews(profile.id)
               if k in keys]
        return progress(log, due, new, now)

    # Questions and answers --------------------------------------------------------------------
    def question(self, card: Card, seed: int = 0) -> Question:
        return self.questions.question(card, seed)
