"""Study mode: cards, answer scoring, decks, scheduling (FSRS), exams and progress — pure rules.

See docs/study.md for the card types, the scoring formulas and the grade thresholds.
"""
