"""Tables of the nerve layer in the shipped catalog: dermatomes (roots), cutaneous nerves,
their entrapment sites and their territories drawn on each view (WKB, the view's millimetres).

They sit on the catalog's declarative base, so `tpx build-catalog` creates them with the rest.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.catalog_models import CatalogBase


class NerveSourceRow(CatalogBase):
    __tablename__ = "nerve_sources"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    authors: Mapped[str | None] = mapped_column(Text)
    year: Mapped[str | None] = mapped_column(String)
    publisher: Mapped[str | None] = mapped_column(String)
    kind: Mapped[str | None] = mapped_column(String)
    note: Mapped[str | None] = mapped_column(Text)


class RootRow(CatalogBase):
    __tablename__ = "nerve_roots"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)  # cranial to caudal
    name: Mapped[str] = mapped_column(String)
    level: Mapped[str] = mapped_column(String)
    key_point_text: Mapped[str] = mapped_column(Text)
    key_muscle_text: Mapped[str | None] = mapped_column(Text)
    key_muscles: Mapped[list[Any]]
    reflex: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    source_ref: Mapped[str] = mapped_column(String)
    source_chapter: Mapped[str | None] = mapped_column(String)
    key_source_ref: Mapped[str] = mapped_column(String)


class RootKeyPointRow(CatalogBase):
    __tablename__ = "nerve_root_key_points"
    root_id: Mapped[str] = mapped_column(String, primary_key=True)
    view: Mapped[str] = mapped_column(String, primary_key=True)
    side: Mapped[str] = mapped_column(String, primary_key=True)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)


class PeripheralNerveRow(CatalogBase):
    __tablename__ = "peripheral_nerves"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    roots: Mapped[list[Any]]
    region: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text)
    source_ref: Mapped[str] = mapped_column(String)
    source_chapter: Mapped[str | None] = mapped_column(String)


class EntrapmentRow(CatalogBase):
    __tablename__ = "nerve_entrapments"
    nerve_id: Mapped[str] = mapped_column(String, primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(Text)
    muscle_id: Mapped[str | None] = mapped_column(String)
    note: Mapped[str | None] = mapped_column(Text)


class TerritoryRow(CatalogBase):
    __tablename__ = "nerve_territories"
    kind: Mapped[str] = mapped_column(String, primary_key=True)  # root | nerve
    ref: Mapped[str] = mapped_column(String, primary_key=True)
    view: Mapped[str] = mapped_column(String, primary_key=True)
    side: Mapped[str] = mapped_column(String, primary_key=True)
    geometry: Mapped[bytes] = mapped_column(LargeBinary)
