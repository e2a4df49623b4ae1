"""Case studies as rows and records, in the column layout of the import template (see columns.py)."""

from cms.document_access import DocumentAccess
from projets.models import Organisation

from .columns import LIST_SEPARATOR
from .public import public_document_url


def territory_token(territory) -> str:
    return f"{territory.kind}:{territory.code}"


def _value(value):
    return "" if value is None else value


def organisation_fields(organisation: Organisation | None, prefix: str = "") -> dict:
    key = f"{prefix}_" if prefix else ""
    organisation = organisation or Organisation()
    return {
        f"{key}type_structure": organisation.kind if organisation.pk else "",
        f"{key}sigle": organisation.acronym,
        f"{key}rna": organisation.rna,
        f"{key}siren": organisation.siren,
        f"{key}rnsr": organisation.rnsr,
        f"{key}ror": organisation.ror,
        f"{key}ville": organisation.city,
        f"{key}site_web": organisation.website,
    }


def public_id(obj) -> str:
    """The public identifier of a case study or an organisation, as it goes out ("" for none)."""
    return str(obj.public_id) if obj is not None and obj.public_id else ""


def project_fields(page, request=None, as_lists=False) -> dict:
    """The main row of a case study; lists joined with « | » unless as_lists (JSON)."""

    def join(values):
        values = list(values)
        return values if as_lists else LIST_SEPARATOR.join(values)

    published = page.first_published_at
    return {
        "identifiant": public_id(page),
        "reference": _value(page.reference),
        "titre": page.title,
        "resume": page.summary,
        "annee_debut": _value(page.start_year),
        "mois_debut": _value(page.start_month),
        "annee_fin": _value(page.end_year),
        "mois_fin": _value(page.end_month),
        "etat": page.status,
        "echelle": page.scale,
        "forme_cooperation": page.cooperation_format,
        "themes": join(theme.slug for theme in page.themes.all()),
        "territoires": join(territory_token(territory) for territory in page.territories.all()),
        "mots_cles": join(sorted(tag.name for tag in page.tags.all())),
        "url": page.get_full_url(request) or "",
        "date_publication": published.date().isoformat() if published else "",
    }


def partner_rows(page) -> list[dict]:
    return [
        {
            "organisation": partner.organisation.name,
            "organisation_identifiant": public_id(partner.organisation),
            **organisation_fields(partner.organisation),
            "role": partner.role,
            "apport": partner.contribution,
            "precisions_apport": partner.contribution_details,
        }
        for partner in page.partners.all()
    ]


def funding_rows(page) -> list[dict]:
    return [
        {
            "financeur": line.funder.name if line.funder else "",
            "financeur_identifiant": public_id(line.funder),
            **organisation_fields(line.funder, "financeur"),
            "programme": line.programme,
            "type": line.kind,
            "montant": "" if line.amount is None else f"{line.amount:.2f}",
            "annee_debut": _value(line.year_from),
            "annee_fin": _value(line.year_to),
        }
        for line in page.funding_lines.all()
    ]


def contract_rows(page, access: DocumentAccess, request=None, as_lists=False) -> list[dict]:
    rows = []
    for contract in page.contracts.all():
        organisations = list(contract.parties.all())
        parties = [organisation.name for organisation in organisations]
        party_ids = [public_id(organisation) for organisation in organisations]
        rows.append(
            {
                "type": contract.kind,
                "intitule": contract.title,
                "parties": parties if as_lists else LIST_SEPARATOR.join(parties),
                "parties_identifiants": party_ids if as_lists else LIST_SEPARATOR.join(party_ids),
                "date_signature": contract.signed_on.isoformat() if contract.signed_on else "",
                "duree_mois": _value(contract.duration_months),
                "propriete_intellectuelle": contract.intellectual_property,
                "publication": contract.publication,
                "delai_relecture_jours": _value(contract.publication_review_days),
                "donnees": contract.data,
                "compensation": contract.compensation,
                "gouvernance": contract.governance,
                "ce_qui_a_marche": contract.what_worked,
                "ce_que_nous_changerions": contract.what_to_change,
                "document_url": public_document_url(contract, access, request),
            }
        )
    return rows


def project_record(page, access: DocumentAccess, request=None) -> dict:
    """The nested JSON record of a case study (the layout the JSON import reads)."""
    return {
        **project_fields(page, request, as_lists=True),
        "partenaires": partner_rows(page),
        "financements": funding_rows(page),
        "contrats": contract_rows(page, access, request, as_lists=True),
    }


def organisation_row(organisation: Organisation) -> dict:
    territory = organisation.territory
    return {
        "identifiant": public_id(organisation),
        "nom": organisation.name,
        "sigle": organisation.acronym,
        "type_structure": organisation.kind,
        "rna": organisation.rna,
        "siren": organisation.siren,
        "rnsr": organisation.rnsr,
        "ror": organisation.ror,
        "ville": organisation.city,
        "pays": organisation.country,
        "site_web": organisation.website,
        "territoire": territory_token(territory) if territory else "",
    }
