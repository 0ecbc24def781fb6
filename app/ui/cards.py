"""HTML for the information panel: muscle cards and condition pages.

Links use the schemes `trp:<id>`, `muscle:<id>`, `condition:<id>`, `technique:<id>` and `card:`
(back to the card of the selection, as it was); the main window follows them.
"""

from __future__ import annotations

from html import escape

from app.domain.model import Condition, Muscle, Term, TriggerPoint
from app.domain.vocabulary import INFERRED_LABEL, PHENOMENA

_TREATMENT_LABELS = {
    "ischemic_compression": "Ischemic compression",
    "positional_release": "Positional release",
    "stretch": "Stretch / PNF",
    "self_care": "Self-care",
}


def _list(items, cls: str = "") -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    return f"<ul{f' class={cls!r}' if cls else ''}>" + "".join(f"<li>{escape(str(i))}</li>" for i in items) + "</ul>"


def _referral(trp: TriggerPoint) -> str:
    """What the TrP refers and where: pain zones, or a phenomenon that is not pain."""
    if trp.refers_pain:
        return (f"<p><b>Essential zone:</b> {escape(trp.essential_text)}<br>"
                f"<b>Spillover zone:</b> {escape(trp.spillover_text)}</p>")
    what = escape(PHENOMENA.get(trp.phenomenon, trp.phenomenon.replace("_", " ")))
    where = "; ".join(t for t in (trp.essential_text, trp.spillover_text) if t)
    return (f"<p><b>Refers:</b> {what}{f' — {escape(where)}' if where else ''}.<br>"
            "<small>Not a source of referred pain: left out of “Where does it hurt?”.</small></p>")


def _trigger_point(trp: TriggerPoint, selected: bool, muscle_names: dict[str, str], number: int | None = None) -> str:
    # The number matches the TrP's marker on the map (explorer: app/ui/patterns.trp_numbers).
    badge = "" if number is None else (chr(0x2460 + number - 1) if number <= 20 else f"({number})") + " "
    head = f"{badge}<a href='trp:{trp.id}'><b>{escape(trp.label)}</b></a>"
    if selected:
        head = f"<span style='background:#fde2e2;color:#1a1a1a'>▶ {head}</span>"
    parts = [f"<h3>{head} <small>({escape(trp.prevalence.replace('_', ' '))})</small></h3>",
             f"<p><b>Location:</b> {escape(trp.location_text)}</p>", _referral(trp)]
    if trp.inferred:
        parts.append(f"<p style='color:#8a4b00'><b>Pattern {escape(INFERRED_LABEL)}:</b> {escape(trp.inferred)}</p>")
    if selected:
        parts.append("<p><b>Symptoms:</b></p>" + _list(trp.symptoms))
        if trp.perpetuating:
            parts.append("<p><b>Perpetuating factors:</b></p>" + _list(
                f"{f.replace('_', ' ').capitalize()}: {n}" for f, n in trp.perpetuating))
        if trp.associated:
            links = ", ".join(f"<a href='muscle:{m}'>{escape(muscle_names.get(m, m))}</a>" for m in trp.associated)
            parts.append(f"<p><b>Associated/satellite:</b> {links}</p>")
        if trp.entrapment:
            parts.append("<p><b>Nerve entrapment:</b></p>" + _list(trp.entrapment))
        if trp.differential:
            parts.append("<p><b>Can mimic / differential:</b></p>" + _list(trp.differential))
        rows = [f"<tr><td><b>{label}</b></td><td>{escape(str(trp.treatment.get(key)))}</td></tr>"
                for key, label in _TREATMENT_LABELS.items() if trp.treatment.get(key)]
        if rows:
            parts.append("<p><b>Treatment</b></p><table cellspacing=4>" + "".join(rows) + "</table>")
        cautions = trp.treatment.get("cautions") or []
        if cautions:
            parts.append("<p style='color:#b00020'><b>Cautions:</b></p>" + _list(cautions))
        parts.append(f"<p><small>Source: {escape(trp.source.short())}</small></p>")
    return "".join(parts)


def muscle_html(muscle: Muscle, selected_trp: str | None, conditions: list[tuple[Condition, str]],
                techniques: list[Term], muscle_names: dict[str, str]) -> str:
    out = [f"<h2>{escape(muscle.name)}</h2><p><i>{escape(muscle.latin)}</i> · "
           f"{escape(muscle.region.replace('_', ' '))} · {escape(muscle.layer)} layer</p>",
           f"<p><b>Innervation:</b> {escape(muscle.nerve)} ({escape(', '.join(muscle.roots))})</p>",
           "<p><b>Actions:</b></p>" + _list(muscle.actions),
           f"<p><b>Origin:</b> {escape(muscle.origin)}<br><b>Insertion:</b> {escape(muscle.insertion)}</p>",
           f"<h3>Trigger points ({len(muscle.trigger_points)})</h3>",
           "<p><small>Click a trigger point for its symptoms and treatment. On the map: ✕ trigger point "
           "(numbered as here), solid red essential zone, stippled red spillover zone.</small></p>"]
    for number, trp in enumerate(muscle.trigger_points, 1):
        out.append(_trigger_point(trp, trp.id == selected_trp, muscle_names, number))
    if conditions:
        out.append("<h3>Conditions</h3><ul>" + "".join(
            f"<li><a href='condition:{c.id}'>{escape(c.name)}</a> — {escape(rel)}</li>" for c, rel in conditions)
            + "</ul>")
    if techniques:
        # Names only: the descriptions are the same on every card and were three quarters of its
        # text, which the panel lays out again on every click (4 of 5 ms); one click opens each.
        out.append("<h3>Techniques</h3><p>" + " · ".join(
            f"<a href='technique:{t.id}'>{escape(t.name)}</a>" for t in techniques)
            + "<br><small>Click a technique for how it is applied.</small></p>")
    out.append(f"<p><small>Source: {escape(muscle.source.short())}</small></p>")
    return "".join(out)


def technique_html(technique: Term, back_to: str | None) -> str:
    """One technique's page; ``back_to`` names the card it was opened from (a link back to it)."""
    back = f"<p><a href='card:'>← Back to {escape(back_to)}</a></p>" if back_to else ""
    return (f"{back}<h2>{escape(technique.name)}</h2><p>{escape(technique.description)}</p>"
            "<p><small>A trigger point's card says, under <b>Treatment</b>, which techniques suit it and "
            "how.</small></p>")


_RELATION_TEXT = {"refers": "refers pain there", "mimics": "mimics it", "entraps": "can entrap the nerve",
                  "perpetuates": "perpetuates it"}


def condition_html(condition: Condition, muscle_names: dict[str, str], trp_labels: dict[str, str]) -> str:
    out = [f"<h2>{escape(condition.name)}</h2><p>{escape(condition.description)}</p>",
           "<h3>Muscles to check (most relevant first)</h3><ol>"]
    for link in condition.links:
        name = muscle_names.get(link.muscle_id, link.muscle_id)
        trps = ", ".join(f"<a href='trp:{t}'>{escape(trp_labels.get(t, t))}</a>" for t in link.trigger_point_ids)
        out.append(f"<li><a href='muscle:{link.muscle_id}'><b>{escape(name)}</b></a> — "
                   f"{_RELATION_TEXT.get(link.relation, link.relation)}"
                   f"{' (' + trps + ')' if trps else ''}<br><small>{escape(link.note)}</small></li>")
    out.append("</ol>")
    if condition.differentials:
        out.append("<h3>Other causes to consider</h3>" + _list(condition.differentials))
    if condition.red_flags:
        out.append("<h3 style='color:#b00020'>Red flags — refer to a physician</h3>" + _list(condition.red_flags))
    if condition.factors:
        out.append("<p><b>NMT factors:</b> " + escape(", ".join(f.replace("_", " ") for f in condition.factors)) + "</p>")
    out.append(f"<p><small>Source: {escape(condition.source.short())}</small></p>")
    return "".join(out)
