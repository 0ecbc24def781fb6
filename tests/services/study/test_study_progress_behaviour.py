"""The progress a student sees: cards due, cards still new, reviews, per deck."""

from __future__ import annotations

from app.domain.study.cards import NAME, Card


def test_progress_counts_due_and_new_cards_of_the_deck(study, clock) -> None:
    ana = study.add_profile("Ana")
    assert study.progress(ana).new == 7 and study.progress(ana).due == 0  # all 7 cards are new
    study.set_new_per_day(ana.id, 3)
    ana = study.profile(ana.id)
    first = study.queue(ana, "all")
    for card in first:
        outcome = study.questions.answer_choice(study.question(Card(NAME, "trapezius_trp1")), "trapezius")
        study.record(ana, outcome.__class__(card, 1.0, "", "", ""))
    now = study.progress(ana)
    assert (now.new, now.due, now.reviews) == (4, 0, 3)
    clock.advance(days=30)
    later = study.progress(ana)
    assert (later.new, later.due, later.reviews) == (4, 3, 3)
    neck = study.progress(ana, "region:neck")
    in_neck = {c.key for c in study.deck("region:neck").cards}
    assert neck.due == sum(1 for c in first if c.key in in_neck)
    assert neck.new == len(in_neck) - neck.due
