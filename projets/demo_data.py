"""Demo reference data: the theme taxonomy and the organisations named in the shared facts.

Only what the facts state: no invented identifiers (RNA, SIREN…), no city where none is given, a territory
wherever the facts name a place (a city, a département, a former region such as Picardie or
Nord-Pas-de-Calais, now Hauts-de-France), none for national bodies and organisations the facts place nowhere.
Territories are (kind, INSEE code) pairs; organisation keys are used by the case studies.
"""

from projets.choices import OrganisationKind as Kind

# (slug, name, parent slug, description)
THEMES = [
    ("economie-sociale-et-solidaire", "Économie sociale et solidaire", None,
     "Associations, coopératives, entreprises sociales et leur place dans les territoires."),
    ("impact-social", "Impact social", "economie-sociale-et-solidaire",
     "Évaluer et valoriser ce que les structures de l'ESS apportent à leurs territoires."),
    ("creation-activite-citoyenne", "Création d'activité citoyenne", "economie-sociale-et-solidaire",
     "Initiatives d'habitants qui créent des activités et des communs."),
    ("education-populaire", "Éducation populaire", None,
     "Pratiques d'émancipation et de transmission des savoirs hors de l'école."),
    ("quartiers-populaires", "Quartiers populaires", "education-populaire",
     "Coopérations menées avec et pour les habitants des quartiers populaires."),
    ("pauvrete-et-exclusion", "Pauvreté et exclusion", None,
     "Connaître la pauvreté avec les personnes qui la vivent."),
    ("croisement-des-savoirs", "Croisement des savoirs", "pauvrete-et-exclusion",
     "Méthode qui fait dialoguer savoirs d'expérience, savoirs d'action et savoirs universitaires."),
    ("environnement", "Environnement", None, "Nature, pollutions et cadre de vie."),
    ("biodiversite", "Biodiversité", "environnement", "Suivi et connaissance des espèces et des milieux."),
    ("sante-environnementale", "Santé environnementale", "environnement",
     "Pollutions, contamination des sols et effets sur la santé."),
    ("jardins", "Jardins", "environnement", "Jardins ouvriers, familiaux et partagés."),
    ("recherche-participative", "Recherche participative", None,
     "Production de connaissances à laquelle participent des acteurs non professionnels de la recherche."),
    ("sciences-citoyennes", "Sciences citoyennes", "recherche-participative",
     "Observatoires et réseaux de bénévoles qui collectent des données pour la recherche."),
    ("boutiques-des-sciences", "Boutiques des sciences", "recherche-participative",
     "Dispositifs universitaires qui répondent aux questions de recherche des associations."),
    ("vie-associative", "Vie associative", None, "Fonctionnement, besoins et droits des associations."),
    ("associations-et-pouvoirs-publics", "Associations et pouvoirs publics", "vie-associative",
     "Relations entre associations, collectivités et État."),
]  # fmt: skip

HDF = ("region", "32")
NORD = ("departement", "59")


def org(name, kind, acronym="", city="", country="FR", territory=None, description=""):
    return {
        "name": name,
        "kind": kind,
        "acronym": acronym,
        "city": city,
        "country": country,
        "territory": territory,
        "description": description,
    }


ORGANISATIONS = {
    # The founding day
    "lma-hdf": org("Le Mouvement associatif Hauts-de-France", Kind.NETWORK, territory=HDF),
    "orva": org("Observatoire régional de la vie associative", Kind.OTHER),
    "siilab": org(
        "Laboratoire d'innovation publique des Hauts-de-France",
        Kind.OTHER,
        acronym="SIILAB",
        territory=HDF,
        description="Le programme de la journée du 26 avril 2019 écrit « SILLAB », d'autres sources « SIILAB ».",
    ),
    "alliss": org("Alliance sciences sociétés", Kind.OTHER, acronym="ALLISS"),
    # VISES
    "concertes": org(
        "ConcertES", Kind.NETWORK, city="Mont-Saint-Guibert", country="BE", territory=("perimetre", "BE-WAL")
    ),
    "aleap": org("ALEAP", Kind.NETWORK, country="BE"),
    "saw-b": org("SAW-B", Kind.NETWORK, country="BE"),
    "unipso": org("UNIPSO", Kind.NETWORK, country="BE"),
    "atout-ei": org("Atout EI", Kind.NETWORK, country="BE"),
    "caips": org("CAIPS", Kind.NETWORK, country="BE"),
    "coorace-hdf": org("COORACE Hauts-de-France", Kind.NETWORK, territory=HDF),
    "4werk": org("4werk", Kind.NETWORK, country="BE"),
    # Popular education in working-class neighbourhoods
    "afertes": org("Afertes", Kind.OTHER),
    "boite-sans-projet": org(
        "La Boîte Sans Projet",
        Kind.ASSOCIATION,
        city="Amiens",
        territory=("departement", "80"),
        description="Association d'éducation populaire d'Amiens, créée en 2012.",
    ),
    # Picardie (départements 02, 60, 80) is part of the Hauts-de-France region.
    "cemea-picardie": org("Ceméa de Picardie", Kind.ASSOCIATION, territory=HDF),
    "curapp-ess": org("Curapp-ESS", Kind.RESEARCH_UNIT),
    "crajep-picardie": org("Crajep Picardie", Kind.NETWORK, territory=HDF),
    "pas-a-passo": org("Pas à Passo - Théâtre de l'Opprimé", Kind.OTHER),
    "phare-egalite": org("Phare pour l'égalité", Kind.OTHER),
    "caps": org("Centre social CAPS", Kind.OTHER),
    "csc-etouvie": org("CSC Étouvie", Kind.OTHER),
    "drjscs": org("DRJSCS", Kind.STATE),
    "uniformation": org("Uniformation", Kind.OTHER),
    # Chercheurs-citoyens (Nord-Pas-de-Calais)
    "region-npdc": org("Région Nord-Pas-de-Calais", Kind.LOCAL_AUTHORITY, territory=HDF),
    # The association of a Nord-Pas-de-Calais "Chercheurs-citoyens" project (now Hauts-de-France).
    "interphaz": org("Interphaz", Kind.ASSOCIATION, territory=HDF),
    "meshs": org(
        "Maison européenne des sciences de l'homme et de la société",
        Kind.RESEARCH_UNIT,
        acronym="MESHS",
        city="Lille",
        territory=NORD,
    ),  # fmt: skip
    "halluin-3r": org("Halluin 3R", Kind.ASSOCIATION, city="Halluin", territory=NORD),
    "coin-de-terre": org("Coin de Terre Halluinois", Kind.OTHER, city="Halluin", territory=NORD),
    "ulco": org(
        "Université du Littoral Côte d'Opale",
        Kind.UNIVERSITY,
        acronym="ULCO",
        territory=HDF,  # Dunkerque (Nord) and Calais (Pas-de-Calais): both in Hauts-de-France
        description="Sites cités par les sources du projet Halluin 3R : Dunkerque, Calais.",
    ),
    "infosol": org("INRA InfoSol", Kind.RESEARCH_UNIT, city="Orléans", territory=("departement", "45")),
    "las-arras": org("LAS Arras", Kind.RESEARCH_UNIT, city="Arras", territory=("departement", "62")),
    "ademe": org("ADEME", Kind.STATE),
    "lille-metropole": org("Lille Métropole", Kind.LOCAL_AUTHORITY, territory=NORD),
    # Science shops
    "univ-lille": org("Université de Lille", Kind.UNIVERSITY, city="Lille", territory=NORD),
    "comue-lnf": org("ComUE Lille Nord de France", Kind.UNIVERSITY, territory=NORD),
    "gon": org("GON", Kind.ASSOCIATION),
    "log": org("Laboratoire d'Océanologie et Géosciences", Kind.RESEARCH_UNIT),
    "univ-lyon": org("Université de Lyon", Kind.UNIVERSITY, city="Lyon", territory=("departement", "69")),
    "univ-lyon2": org("Université Lumière Lyon 2", Kind.UNIVERSITY, city="Lyon", territory=("departement", "69")),
    "jardins-villeurbanne": org(
        "Société des Jardins ouvriers de Villeurbanne",
        Kind.ASSOCIATION,
        city="Villeurbanne",
        territory=("departement", "69"),
    ),  # fmt: skip
    "irstea": org("Irstea", Kind.RESEARCH_BODY),
    "greps": org("GRePS", Kind.RESEARCH_UNIT),
    "frapna-rhone": org("FRAPNA Rhône", Kind.ASSOCIATION, territory=("departement", "69")),
    # ATD Quart Monde
    "atd": org("ATD Quart Monde", Kind.ASSOCIATION),
    "oxford": org("University of Oxford", Kind.UNIVERSITY, city="Oxford", country="GB"),
    # Pop-Part
    "anr": org("Agence nationale de la recherche", Kind.STATE, acronym="ANR"),
    "sshrc": org("Conseil de recherches en sciences humaines du Canada", Kind.OTHER, acronym="SSHRC", country="CA"),
    "paris-nanterre": org(
        "Université Paris Nanterre", Kind.UNIVERSITY, city="Nanterre", territory=("departement", "92")
    ),
    # REPERE
    "ministere-ecologie": org("Ministère de l'Écologie", Kind.STATE),
    "univ-provence": org("Université de Provence", Kind.UNIVERSITY, territory=("region", "93")),
    "cessa": org("CESSA", Kind.OTHER),
    "institut-ecocitoyen": org("Institut Écocitoyen pour la Connaissance des Pollutions", Kind.OTHER),
    "ineris": org("INERIS", Kind.RESEARCH_BODY),
    "clcv": org("CLCV", Kind.ASSOCIATION),
    "cnmse": org("CNMSE", Kind.OTHER),
    "ecologie-sans-frontiere": org("Écologie sans Frontière", Kind.ASSOCIATION),
    # Vigie-Nature
    "mnhn": org("Muséum national d'Histoire naturelle", Kind.RESEARCH_BODY, acronym="MNHN"),
    "ofb": org("Office français de la biodiversité", Kind.STATE, acronym="OFB"),
    "lpo": org("LPO", Kind.ASSOCIATION),
    "opie": org("Opie", Kind.ASSOCIATION),
    "noe": org("Noé", Kind.ASSOCIATION),
    # Univ'Asso, Assopop
    "ifma": org("Institut Français du Monde Associatif", Kind.OTHER),
    "ceraps": org("CERAPS", Kind.RESEARCH_UNIT, city="Lille", territory=NORD),
    "pas-sans-nous": org("Pas sans Nous", Kind.NETWORK),
    "observatoire-libertes": org("Observatoire des libertés associatives", Kind.OTHER),
    # Funders of the programmes (projets/demo_programmes.py)
    "anrt": org("Association nationale de la recherche et de la technologie", Kind.OTHER, acronym="ANRT"),
    "fonjep": org("FONJEP", Kind.OTHER),
}
