"""Demo funding programmes: the public, sourced facts of the shared fact sheet on contracts and funding.

Only what the sources state: no end year where none is given, no funder where the sources name none, and a
source that reports a fact second-hand (a blog, a copy, a political group's site) is marked secondary.
Keys are used by the case studies' funding lines.
"""

from projets.demo_data import HDF


def programme(name, description="", amounts="", funder=None, territory=None, years=(None, None), sources=()):
    return {
        "name": name,
        "description": description,
        "amounts": amounts,
        "funder": funder,
        "territory": territory,
        "year_from": years[0],
        "year_to": years[1],
        "sources": list(sources),
    }


SCIENCES_CITOYENNES_CO3 = (
    "Sciences Citoyennes : un nouveau dispositif de soutien à la recherche participative, CO3",
    "https://sciencescitoyennes.org/un-nouveau-dispositif-de-soutien-a-la-recherche-participative-co3/",
    False,
)
VISES_URL = "https://interreg5.interreg-fwvl.eu/fr/vises"
REIMS_URL = "https://www.univ-reims.fr/"
DISAPPEARED = "En 2018, selon Sciences Citoyennes, le programme avait disparu."

# slug: spec; sources are (title, url, secondary).
PROGRAMMES = {
    "chercheurs-citoyens": programme(
        "Chercheurs-citoyens",
        "Programme de la Région Nord-Pas-de-Calais pour des projets menés ensemble par un laboratoire et une "
        "association ; son premier critère de sélection est la qualité du partenariat. En 2011, 26 candidatures "
        "et 5 projets financés ; le deuxième appel a fermé le 15 juin 2012. " + DISAPPEARED,
        "50 000 € par an au plus, pendant un à trois ans.",
        funder="region-npdc",
        territory=HDF,
        years=(2011, None),
        sources=[
            (
                "Programme Chercheurs-citoyens, appel à projets 2012 (archives des élus EELV Nord-Pas-de-Calais)",
                "https://archives.eelv.fr/mandatureRegions2010/elus-npdc.eelv.fr/2012/05/16/"
                "programme-chercheurs-citoyens-appel-a-projets-2012/",
                True,
            ),
            SCIENCES_CITOYENNES_CO3,
        ],
    ),
    "picri": programme(
        "PICRI (Partenariats institutions-citoyens pour la recherche et l'innovation)",
        "Programme régional d'Île-de-France. " + DISAPPEARED,
        "50 000 € par an au plus, 150 000 € en tout ; l'appel de 2012 disposait de 1,5 M€ sur trois ans.",
        territory=("region", "11"),
        years=(2005, None),
        sources=[
            (
                "Sciences Citoyennes : évaluer des projets PICRI, retour d'expérience",
                "https://sciencescitoyennes.org/evaluer-des-projets-picri-retour-dexperience/",
                False,
            ),
            SCIENCES_CITOYENNES_CO3,
        ],
    ),
    "asosc": programme(
        "ASOSC (Appropriation sociale des sciences)",
        "Programme de la Bretagne. " + DISAPPEARED,
        "25 000 € par an, 20 000 € à partir de 2012.",
        territory=("region", "53"),
        sources=[
            (
                "Alain Penven : la recherche partenariale (blog, mai 2014)",
                "https://alainpenven.blogspot.com/2014/05/la-recherche-partenariale-et.html",
                True,
            ),
            SCIENCES_CITOYENNES_CO3,
        ],
    ),
    "repere": programme(
        "REPERE",
        "Programme du ministère de l'Écologie : 18 projets financés sur un partenariat entre recherche et "
        "société civile non marchande ; le rôle de tiers-veilleur est apparu avec le deuxième appel, en 2010. "
        + DISAPPEARED,
        funder="ministere-ecologie",
        years=(2009, None),
        sources=[
            (
                "Le tiers-veilleur, un acteur de la recherche participative (wiki Recherche-action jeunesse)",
                "https://colibris-wiki.org/recherche-action-jeunesse/?LeTiersVeilleurUnActeurDeLaRecherchePa",
                False,
            ),
            SCIENCES_CITOYENNES_CO3,
        ],
    ),
    "anr-saps-recherches-participatives-1": programme(
        "ANR « Science avec et pour la société – Recherches participatives » (1)",
        "Appel à projets de l'Agence nationale de la recherche.",
        "250 000 € au plus, pour deux ans au plus.",
        funder="anr",
        years=(2022, 2022),
        sources=[
            (
                "ANR : appel à projets « Science avec et pour la société – Recherches participatives »",
                "https://anr.fr/",
                False,
            )
        ],
    ),
    "anr-saps-recherches-participatives-2": programme(
        "ANR « Science avec et pour la société – Recherches participatives » (2)",
        "Deuxième appel de l'Agence nationale de la recherche.",
        "100 000 € au plus par projet, sur 12 à 18 mois.",
        funder="anr",
        years=(2023, 2023),
        sources=[
            (
                "ANR : appel à projets « Science avec et pour la société – Recherches participatives 2 »",
                "https://anr.fr/",
                False,
            )
        ],
    ),
    "co3": programme(
        "CO3 (Co-construction des connaissances)",
        "Dispositif de l'ADEME avec la Fondation de France et d'autres fondations, pour la recherche participative.",
        "Projets émergents : 15 000 € au plus sur 12 mois ; projets consolidés : 150 000 € au plus sur 36 mois.",
        funder="ademe",
        sources=[
            ("Agropolis Fondation : appel à projets CO3", "https://www.agropolis-fondation.fr/", False),
            SCIENCES_CITOYENNES_CO3,
        ],
    ),
    "cifre": programme(
        "CIFRE (Conventions industrielles de formation par la recherche)",
        "Ouvertes depuis 2005 aux employeurs non industriels, associations à vocation sociale et ONG comprises, "
        "avec la même durée de contrat et la même subvention que pour les entreprises. L'ANRT verse la subvention "
        "à l'employeur du doctorant. La chaire ESS des Hauts-de-France promeut la CIFRE auprès des organisations "
        "de l'économie sociale (fondations, associations, coopératives).",
        "Subvention de 14 000 € par an versée par l'ANRT à l'employeur ; salaire brut minimum du doctorant : "
        "23 484 € par an (chiffres de 2018).",
        funder="anrt",
        years=(2005, None),
        sources=[
            ("ANRT : questions-réponses CIFRE", "https://www.anrt.asso.fr/fr/questions-reponses-36808", False),
            (
                "Ministère de l'Enseignement supérieur : le dispositif CIFRE en région Occitanie",
                "https://www.enseignementsup-recherche.gouv.fr/fr/le-dispositif-cifre-en-region-occitanie-46358",
                False,
            ),
            ("ChairESS Hauts-de-France : la CIFRE", "https://chairess.org/?p=2626", False),
        ],
    ),
    "fonjep-recherche": programme(
        "FONJEP Recherche",
        "Financement d'un poste permanent de recherche dans une association.",
        "14 328 € par an pendant 3 ans.",
        funder="fonjep",
        sources=[
            (
                "Leandri Conseils : un nouvel appel à projets pour les associations",
                "https://leandri-conseils.fr/actualite/un-nouvel-appel-a-projets-pour-les-associations-2/",
                True,
            )
        ],
    ),
    "interreg-v-france-wallonie-vlaanderen": programme(
        "Interreg V France-Wallonie-Vlaanderen",
        "Programme européen de coopération transfrontalière ; chaque projet a au moins un partenaire de chaque "
        "côté de la frontière (Université de Reims, zoom Interreg V, mai 2017).",
        sources=[
            (
                "VISES, programme Interreg France-Wallonie-Vlaanderen",
                "https://interreg5.interreg-fwvl.eu/fr/vises",
                False,
            ),
            (
                "Université de Reims Champagne-Ardenne : zoom sur Interreg V (mai 2017)",
                "https://www.univ-reims.fr/",
                False,
            ),
        ],
    ),
}
