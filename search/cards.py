"""A hit's card as the engine's document holds it: what a result card, the API and the feed show of a case study.

On OpenSearch / Elasticsearch every case study's document carries its card (`CARD_FIELD`, stored in `_source`,
not searched: search.backends.card_mapping), written whenever the document is (publication, renames,
`reindex_projects`, `resync_search`), so that a page of hits comes back from the engine ready to show instead
of being read again from the database. A card holds the page's own fields read by the cards
(search.hit_loading.HIT_FIELDS) and the names of its themes, territories, regions, partners and funders, in
the order the database backends read them (search.hit_loading.attach_names_from_relations).
"""

import datetime

from django.db import DEFAULT_DB_ALIAS

from projets.choices import TerritoryKind
from projets.models.parts import in_editor_order
from search.hit_loading import OrganisationName, hit_columns

CARD_FIELD = "_card"


def card_of(page) -> dict:
    """The card of a case study, from its fields and relations (prefetched by search.indexing.indexed_queryset)."""
    card = {}
    for field in hit_columns():
        value = getattr(page, field.attname)
        card[field.attname] = value.isoformat() if isinstance(value, datetime.datetime) else value
    territories, regions = list(page.territories.all()), []
    for territory in territories:
        # A département names its region; a wider territory (a region, Europe) names itself.
        region = territory.region if territory.kind == TerritoryKind.DEPARTEMENT else territory
        if region is not None and region.name not in regions:
            regions.append(region.name)
    partners = [partner.organisation for partner in in_editor_order(page.partners.all())]
    funders = [line.funder for line in in_editor_order(page.funding_lines.all()) if line.funder_id]
    card |= {
        "themes": [theme.name for theme in page.themes.all()],
        "territories": [str(territory) for territory in territories],
        "regions": regions,
        "partners": [[organisation.name, organisation.acronym] for organisation in partners],
        "funders": [[organisation.name, organisation.acronym] for organisation in funders],
    }
    return card


def pages_from_cards(cards: list[dict]) -> list:
    """ProjectPages with what `load_public_hits` loads (any other field read costs a query, as there)."""
    from projets.models import ProjectPage

    fields = hit_columns()
    names = [field.attname for field in fields]
    dates = {field.attname for field in fields if field.get_internal_type() == "DateTimeField"}
    pages = []
    for card in cards:
        values = [_date(card[name]) if name in dates else card[name] for name in names]
        page = ProjectPage.from_db(DEFAULT_DB_ALIAS, names, values)
        page.theme_names, page.territory_labels = card["themes"], card["territories"]
        page.region_names = card["regions"]
        page.partner_names = [OrganisationName.of(name, acronym) for name, acronym in card["partners"]]
        page.funder_names = [OrganisationName.of(name, acronym) for name, acronym in card["funders"]]
        pages.append(page)
    return pages


def _date(value: str | None):
    return datetime.datetime.fromisoformat(value) if value is not None else None
