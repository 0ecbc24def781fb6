"""Dermatome and cutaneous-nerve overlays on the body map (View menu) and the root card on click."""
