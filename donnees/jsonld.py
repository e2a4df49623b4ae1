"""Schema.org JSON-LD for case studies (ResearchProject) and organisations (Organization)."""

import json

from django.utils import translation
from django.utils.safestring import mark_safe

from cms.site_url import absolute
from projets.choices import FundingKind, PartnerRole, TerritoryKind

SCHEMA_CONTEXT = "https://schema.org"
CONTENT_LANGUAGE = "fr"
# Registries with a public page per identifier (sameAs).
REGISTRY_URLS = {
    "ror": "https://ror.org/{}",
    "siren": "https://annuaire-entreprises.data.gouv.fr/entreprise/{}",
}
# propertyID of the site's own identifiers (the `identifiant` column of the open data).
IDENTIFIER_SCHEME = "cooperatheque"
# The same escapes as Django's json_script: the JSON cannot close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _date(year, month) -> str:
    if not year:
        return ""
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def public_identifier(obj) -> dict:
    """The site's public identifier of a case study or an organisation (the key of the open data)."""
    return {"@type": "PropertyValue", "propertyID": IDENTIFIER_SCHEME, "value": str(obj.public_id)}


def organisation_jsonld(organisation, request=None, context=True, linked=True) -> dict:
    data = {"@type": "Organization", "name": organisation.name}
    if context:
        data = {"@context": SCHEMA_CONTEXT, **data}
    if organisation.acronym:
        data["alternateName"] = organisation.acronym
    same_as = [organisation.website] if organisation.website else []
    same_as += [
        url.format(getattr(organisation, scheme))
        for scheme, url in REGISTRY_URLS.items()
        if getattr(organisation, scheme)
    ]
    if same_as:
        data["sameAs"] = same_as
    if organisation.siren:
        data["iso6523Code"] = f"0002:{organisation.siren}"  # ISO 6523 ICD 0002: the SIRENE register
    identifiers = [
        {"@type": "PropertyValue", "propertyID": scheme.upper(), "value": getattr(organisation, scheme)}
        for scheme in ("rna", "siren", "rnsr", "ror")
        if getattr(organisation, scheme)
    ]
    if organisation.public_id:
        identifiers.insert(0, public_identifier(organisation))
    if identifiers:
        data["identifier"] = identifiers
    if organisation.description:
        data["description"] = organisation.description
    url = organisation.get_absolute_url() if linked else ""
    if url:
        data["url"] = absolute(url) if request else url
    if organisation.city:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": organisation.city,
            "addressCountry": organisation.country,
        }
    return data


def _place(territory) -> dict:
    kind = "AdministrativeArea" if territory.kind != TerritoryKind.SCOPE else "Place"
    return {"@type": kind, "name": territory.name}


def project_jsonld(page, request=None, loaded=None) -> dict:
    """A case study as a schema.org ResearchProject: partners as members, funders, areas, dates.

    `loaded`: the partners (with their organisation), funding lines (with their funder), themes,
    territories and keyword names (tag_names) the page view already fetched, so the metadata costs no
    query of its own for them;
    "linkable", the ids of organisations with a public page (the others, met only in drafts or private
    case studies, get no url).
    """
    loaded = loaded or {}
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ResearchProject",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
    }
    if page.public_id:
        data["identifier"] = public_identifier(page)
    # A Project is an Organization in schema.org: its period is its founding and dissolution dates.
    if start := _date(page.start_year, page.start_month):
        data["foundingDate"] = start
    if end := _date(page.end_year, page.end_month):
        data["dissolutionDate"] = end
    tag_names = loaded["tag_names"] if "tag_names" in loaded else [tag.name for tag in page.tags.all()]
    keywords = [theme.name for theme in loaded.get("themes", page.themes.all())] + tag_names
    if keywords:
        data["keywords"] = keywords
    areas = [_place(territory) for territory in loaded.get("territories", page.territories.all())]
    if areas:
        data["areaServed"] = areas
    # One query each, whatever the number of partners and funding lines (the page's query count is constant).
    partners = loaded["partners"] if "partners" in loaded else list(page.partners.select_related("organisation"))
    members = [p for p in partners if p.role != PartnerRole.FUNDER]
    funders = {p.organisation.pk: p.organisation for p in partners if p.role == PartnerRole.FUNDER}
    lines = loaded["funding_lines"] if "funding_lines" in loaded else page.funding_lines.select_related("funder")
    lines = list(lines)
    for line in lines:
        if line.funder_id:
            funders.setdefault(line.funder_id, line.funder)
    linkable = loaded.get("linkable")

    def described(organisation):
        linked = linkable is None or organisation.pk in linkable
        return organisation_jsonld(organisation, request, context=False, linked=linked)

    with translation.override(CONTENT_LANGUAGE):  # labels in the language of the content
        if members:
            data["member"] = [_role(partner, described(partner.organisation)) for partner in members]
        if funders:
            data["funder"] = [described(o) for o in funders.values()]
        grants = [_grant(line, described) for line in lines]
    if grants:
        data["funding"] = grants
    return data


def _role(partner, organisation: dict) -> dict:
    """schema.org's Role pattern: the member wrapped in an OrganizationRole that names its part."""
    role = {"@type": "OrganizationRole", "roleName": str(PartnerRole(partner.role).label), "member": organisation}
    if partner.contribution_details:
        role["description"] = partner.contribution_details
    return role


def _grant(line, described) -> dict:
    """A funding line as a MonetaryGrant: its funder, its amount in euros, its programme."""
    grant = {"@type": "MonetaryGrant", "name": line.programme or str(FundingKind(line.kind).label)}
    if line.funder_id:
        grant["funder"] = described(line.funder)
    if line.amount is not None:
        grant["amount"] = {"@type": "MonetaryAmount", "value": float(line.amount), "currency": "EUR"}
    return grant


def jsonld_script(data: dict) -> str:
    """The <script type="application/ld+json"> element, safe to insert in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
