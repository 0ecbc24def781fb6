"""The study window: decks, due queue, card views, feedback, progress, exams, Anki export."""
