"""The JSON-LD uses only properties schema.org gives its types.

No schema.org validator runs offline here: the check reads an extract of schema.org's published vocabulary
(data/schemaorg-vocabulary.json: each property's domainIncludes, each type's supertypes) and refuses a
property whose domains miss the type and all its supertypes, an unknown property and an unknown type.
"""

import json
from pathlib import Path

from donnees.jsonld import organisation_jsonld, project_jsonld
from donnees.package import catalogue_jsonld

VOCABULARY = json.loads((Path(__file__).parent / "data" / "schemaorg-vocabulary.json").read_text())
ROLES = {"OrganizationRole", "Role"}


def misuses(data, wrapping: str = "") -> list[str]:
    """Every (type, property) pair schema.org does not allow, found anywhere in the JSON-LD."""
    if isinstance(data, list):
        return [problem for item in data for problem in misuses(item, wrapping)]
    if not isinstance(data, dict):
        return []
    problems = []
    kind = data.get("@type")
    if kind is not None and kind not in VOCABULARY["types"]:
        problems.append(f"unknown type {kind}")
    ancestors = set(VOCABULARY["types"].get(kind, [kind]))
    for name, value in data.items():
        if name.startswith("@"):
            continue
        domains = VOCABULARY["properties"].get(name)
        # The Role pattern: a Role carries the property that it qualifies (member in an OrganizationRole).
        role_carries = ancestors & ROLES and name == wrapping
        if domains is None:
            problems.append(f"unknown property {name}")
        elif kind is not None and not role_carries and not ancestors & set(domains):
            problems.append(f"{kind}.{name}")
        problems += misuses(value, name)
    return problems


def test_the_check_refuses_what_schema_org_does_not_have():
    assert misuses({"@type": "ResearchProject", "startDate": "2018"}) == ["ResearchProject.startDate"]
    assert misuses({"@type": "Dataset", "rows": 3}) == ["unknown property rows"]


def test_case_studies_use_properties_their_types_have(catalogue):
    for page in catalogue["public"]:
        data = project_jsonld(page)
        assert misuses(data) == [], page.title
    data = project_jsonld(catalogue["public"][0])
    assert data["foundingDate"] == "2018" and data["dissolutionDate"] == "2020-06"
    assert "startDate" not in data and "endDate" not in data


def test_partners_have_roles_and_funding_is_a_monetary_grant(catalogue):
    data = project_jsonld(catalogue["public"][0])
    roles = {role["member"]["name"]: role["roleName"] for role in data["member"]}
    assert roles == {"Laboratoire d'essai": "Partenaire de recherche", "Association des jardins": "Chef de file"}
    assert all(role["@type"] == "OrganizationRole" for role in data["member"])
    [grant] = data["funding"]
    assert grant["@type"] == "MonetaryGrant"
    assert grant["funder"]["name"] == "Fondation d'essai"
    assert grant["amount"] == {"@type": "MonetaryAmount", "value": 15000.5, "currency": "EUR"}


def test_organisations_give_their_registry_identifiers(catalogue):
    lab = catalogue["public"][0].partners.get(organisation__acronym="LABE").organisation
    data = organisation_jsonld(lab)
    assert misuses(data) == []
    values = {item["propertyID"]: item["value"] for item in data["identifier"]}
    assert values == {"cooperatheque": str(lab.public_id), "SIREN": "732829320"}
    assert "https://annuaire-entreprises.data.gouv.fr/entreprise/732829320" in data["sameAs"]
    assert data["iso6523Code"] == "0002:732829320"


def test_the_page_and_the_data_catalog_pass_the_check(client, catalogue):
    for url in (catalogue["public"][0].url, "/donnees/"):
        html = client.get(url).content.decode()
        start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
        assert misuses(json.loads(html[start : html.index("</script>", start)])) == [], url
    assert misuses(catalogue_jsonld()) == []
