"""The fixed set of 30 French queries and the filters the benchmark sends."""

QUERIES = [
    "éducation populaire",
    "recherche participative",
    "économie sociale et solidaire",
    "impact social",
    "quartiers populaires",
    "précarité alimentaire",
    "accès aux droits",
    "transition écologique",
    "santé communautaire",
    "bénévolat",
    "engagement des jeunes",
    "habitat participatif",
    "mobilité rurale",
    "insertion par l'activité économique",
    "tiers-lieux",
    "démocratie locale",
    "inclusion numérique",
    "discriminations",
    "isolement des personnes âgées",
    "circuits courts",
    "biodiversité urbaine",
    "pratiques amateurs",
    "personnes exilées",
    "handicap accessibilité",
    "parentalité",
    "convention CIFRE",
    "propriété des résultats",
    "comité de pilotage",
    "savoirs d'expérience",
    "boutique des sciences",
]

# Query-string variants sent to the search API (parameter names of the search service).
API_VARIANTS = {
    "plain": {},
    "filters": {"theme": "education-populaire", "region": "32"},
    "facets": {"facets": "1"},
}
