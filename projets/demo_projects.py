"""Demo case studies: one per cooperation of the shared facts, in our own words, stating only those facts.

Unknown fields stay empty; where sources disagree (VISES partner counts) the page says so.
"""

from projets.choices import (
    ContractKind,
    CooperationFormat,
    FundingKind,
    Governance,
    IntellectualProperty,
    LessonCategory,
    LessonKind,
    OutputKind,
    PartnerRole,
    Scale,
    Status,
)

HDF = ("region", "32")
LEAD, ASSO, RESEARCH = PartnerRole.LEAD, PartnerRole.ASSOCIATION, PartnerRole.RESEARCH
FUNDER, SUPPORT, ASSOCIATED = PartnerRole.FUNDER, PartnerRole.SUPPORT, PartnerRole.ASSOCIATED

CHERCHEURS_CITOYENS_LEVER = (
    LessonKind.LEVER,
    LessonCategory.FUNDING,
    "Le programme régional « Chercheurs-citoyens » (Nord-Pas-de-Calais, depuis 2011) finance jusqu'à 50 000 € "
    "par an pendant un à trois ans ; son premier critère est la qualité du partenariat entre laboratoire et "
    "association.",
)
CHERCHEURS_CITOYENS_SOURCE = ("Programme Chercheurs-citoyens (archives EELV)", "https://archives.eelv.fr/")


def project(slug, title, summary, **fields):
    """A case study's spec with every part present (empty when the facts say nothing)."""
    spec = {
        "slug": slug,
        "title": title,
        "summary": summary,
        "body": [],
        "start": (None, None),
        "end": (None, None),
        # The state too is stated only when the sources give it.
        "status": Status.UNKNOWN,
        "themes": [],
        "territories": [],
        "scale": "",
        "format": "",
        "partners": [],
        "funding": [],
        "contracts": [],
        "lessons": [],
        "outputs": [],
        "sources": [],
    }
    spec.update(fields)
    return spec


def funding(kind, programme="", funder=None, amount=None, years=(None, None), scheme=None):
    """A funding line; `scheme` is the key of its programme in projets/demo_programmes.py, if it has one."""
    return {"kind": kind, "programme": programme, "funder": funder, "amount": amount, "years": years, "scheme": scheme}


PROJECTS = [
    project(
        "vises",
        "VISES : valoriser l'impact social de l'entrepreneuriat social",
        "Projet Interreg France-Wallonie-Vlaanderen (2016-2019) où chercheurs, fédérations et entreprises de "
        "l'ESS ont construit ensemble un cadre pour évaluer et valoriser l'impact social, testé en entreprise "
        "puis diffusé par la formation.",
        body=[
            "VISES (« Valoriser l'Impact Social de l'Entrepreneuriat Social » selon le programme de la journée "
            "d'Arras ; « Valorisation de l'Impact Social… » sur le site du projet) relève de l'axe 2 du "
            "programme Interreg V France-Wallonie-Vlaanderen. Le chef de file est ConcertES "
            "(Mont-Saint-Guibert, Belgique). Le projet a couru du 1er janvier 2016 au 31 décembre 2019, pour un "
            "budget total de 3 264 794,68 € ; la part du FEDER n'a pas été vérifiée.",
            "Méthode : chercheurs, fédérations et entreprises conçoivent ensemble un cadre d'évaluation et de "
            "valorisation de l'impact social ; il est expérimenté dans des entreprises (pilotes de 6 à 18 mois ; "
            "plus de 55 entreprises recrutées sur 69 prévues fin 2018), puis diffusé par la formation.",
            "Le nombre de partenaires diffère selon les sources : 21 (coorace.org, 2019) ; 22 partenaires et "
            "68 entreprises tests (coorace.org, mai 2019) ; 15 opérateurs, 7 partenaires associés et 68 "
            "organisations de l'ESS (associationmodeemploi.fr) ; 23 (interreg-fwvl.eu, novembre 2019).",
            "Des chercheuses sont intervenues lors d'événements de VISES, sans que leur statut de partenaire "
            "soit confirmé : Florence Jany-Catrice (Université de Lille) et Sybille Mertens (Centre d'Économie "
            "Sociale, Université de Liège). Un bilan a ensuite été publié par Charlotte Moreau (CES, HEC Liège) "
            "et ConcertES (le-mes.org).",
            "Le projet prolonge DESIR (2011), mené par la CRESS Nord-Pas-de-Calais avec ConcertES ; en Wallonie, "
            "le projet DENIS en a pris la suite.",
        ],
        start=(2016, 1),
        end=(2019, 12),
        status=Status.FINISHED,
        themes=["impact-social"],
        territories=[HDF, ("perimetre", "BE-WAL"), ("perimetre", "BE-VLG"), ("perimetre", "EU")],
        scale=Scale.CROSS_BORDER,
        format=CooperationFormat.IMPACT_EVALUATION,
        partners=[
            ("concertes", LEAD),
            ("aleap", ASSO),
            ("saw-b", ASSO),
            ("unipso", ASSO),
            ("atout-ei", ASSO),
            ("caips", ASSO),
            ("coorace-hdf", ASSO),
            ("4werk", ASSO),
        ],
        funding=[
            funding(
                FundingKind.EUROPEAN,
                "Interreg V France-Wallonie-Vlaanderen, axe 2 (montant : budget total du projet ; "
                "part FEDER non vérifiée)",
                amount="3264794.68",
                years=(2016, 2019),
                scheme="interreg-v-france-wallonie-vlaanderen",
            )
        ],
        outputs=[
            (
                OutputKind.EVENT,
                "1res Rencontres de l'Impact Social, Bois du Cazier, Charleroi (plus de 200 personnes)",
                2016,
                "",
            ),
            (
                OutputKind.EVENT,
                "2es Rencontres de l'Impact Social, Espace Jacqmotte, Bruxelles (environ 150 personnes)",
                2017,
                "",
            ),
        ],  # fmt: skip
        sources=[
            ("VISES, programme Interreg France-Wallonie-Vlaanderen", "https://interreg5.interreg-fwvl.eu/fr/vises"),
            ("Interreg France-Wallonie-Vlaanderen (version néerlandaise)", "https://interreg-fwvl.eu/nl"),
            ("COORACE", "https://coorace.org/"),
            ("Association mode d'emploi", "https://associationmodeemploi.fr/"),
            ("CAIPS", "https://caips.be/"),
            ("Projectendatabank", "https://projectendatabank.be/"),
            ("Projet VISES", "https://projetvisesproject.eu/"),
            ("Avise", "https://avise.org/"),
            ("Le MES", "https://le-mes.org/"),
        ],
    ),
    project(
        "renouvelons-les-pratiques-education-populaire",
        "Renouvelons les pratiques de l'Éducation Populaire dans les quartiers populaires",
        "Recherche-action pour renouveler le travail social en direction des quartiers populaires, dans une "
        "perspective émancipatrice : professionnels et militants ont expérimenté trois semaines durant sociologie "
        "critique, éducation populaire et Community Organizing.",
        body=[
            "Cette recherche-action visait à renouveler les pratiques du travail social en direction des "
            "quartiers populaires, dans une perspective émancipatrice. Des professionnels et des militants de "
            "terrain ont expérimenté, trois semaines durant, des savoirs et savoir-faire puisés dans la "
            "sociologie critique, l'éducation populaire et le Community Organizing.",
            "Co-organisateurs : Afertes, la Boîte Sans Projet (association d'éducation populaire d'Amiens, créée "
            "en 2012), les Ceméa de Picardie, le Curapp-ESS, le Crajep Picardie, Pas à Passo - Théâtre de "
            "l'Opprimé et Phare pour l'égalité. Partenaires : le centre social CAPS, le CSC Étouvie, la DRJSCS "
            "et Uniformation.",
            "Les dates de l'action n'ont pas été vérifiées. Elle a été présentée en témoignage lors de la "
            "journée du 26 avril 2019 à Arras.",
        ],
        status=Status.FINISHED,
        themes=["quartiers-populaires"],
        # Amiens (La Boîte Sans Projet), in the Somme; the Picardie organisations around it.
        territories=[("departement", "80")],
        format=CooperationFormat.ACTION_RESEARCH,
        partners=[
            ("afertes", ASSO),
            ("boite-sans-projet", ASSO),
            ("cemea-picardie", ASSO),
            ("curapp-ess", RESEARCH),
            ("crajep-picardie", ASSO),
            ("pas-a-passo", ASSO),
            ("phare-egalite", ASSO),
            ("caps", ASSOCIATED),
            ("csc-etouvie", ASSOCIATED),
            ("drjscs", ASSOCIATED),
            ("uniformation", ASSOCIATED),
        ],
        sources=[
            (
                "Crajep Hauts-de-France : Renouvelons les pratiques de l'Éducation Populaire dans les quartiers "
                "populaires",
                "https://crajephdf.org/",
            )
        ],
    ),
    project(
        "creacit",
        "CREACIT : créativité citoyenne",
        "Projet du programme « Chercheurs-citoyens » du Nord-Pas-de-Calais (2015-2017) porté avec "
        "l'association Interphaz, sur la création d'activité par les citoyens, l'économie sociale et "
        "solidaire et les communs urbains.",
        body=[
            "CREACIT (Créativité citoyenne) a été soutenu de 2015 à 2017 par le programme « Chercheurs-citoyens » "
            "de la Région Nord-Pas-de-Calais, avec l'association Interphaz. Il portait sur la création "
            "d'activité par les citoyens, l'économie sociale et solidaire et les communs urbains.",
            "Un séminaire s'est tenu les 20 et 21 juin 2017 à la MESHS de Lille. Le partenaire de recherche "
            "n'a pas été vérifié.",
        ],
        start=(2015, None),
        end=(2017, None),
        status=Status.FINISHED,
        themes=["creation-activite-citoyenne"],
        territories=[HDF],
        format=CooperationFormat.PARTICIPATORY,
        partners=[("interphaz", ASSO)],
        funding=[
            funding(
                FundingKind.RESEARCH_CALL,
                "Chercheurs-citoyens",
                funder="region-npdc",
                years=(2015, 2017),
                scheme="chercheurs-citoyens",
            )
        ],
        lessons=[CHERCHEURS_CITOYENS_LEVER],
        outputs=[(OutputKind.EVENT, "Séminaire CREACIT, MESHS, Lille, 20-21 juin 2017", 2017, "")],
        sources=[
            ("Christian Mahieu, Les communs", "https://christianmahieu.lescommuns.org/"),
            CHERCHEURS_CITOYENS_SOURCE,
        ],
    ),
    project(
        "halluin-3r-dioxines",
        "Halluin 3R : dioxines, contamination et biodégradation",
        "« Dioxines : contamination et biodégradation » réunit à Halluin (Nord) l'association Halluin 3R, des "
        "jardiniers du Coin de Terre Halluinois et des chercheurs de l'ULCO, d'INRA InfoSol et du LAS d'Arras ; "
        "lauréat du programme Chercheurs-citoyens en 2011.",
        body=[
            "« Dioxines : contamination et biodégradation » réunit à Halluin (Nord) l'association Halluin 3R, "
            "des jardiniers du Coin de Terre Halluinois et des chercheurs de l'ULCO (Dunkerque, Calais), "
            "d'INRA InfoSol (Orléans) et du LAS d'Arras.",
            "Le projet a été lauréat du programme régional « Chercheurs-citoyens » en 2011. Son budget de "
            "départ, 600 000 €, provenait principalement de l'ADEME, de la Région Nord-Pas-de-Calais et de "
            "Lille Métropole ; la répartition entre eux n'est pas connue.",
            "Un comité de pilotage réunit des représentants du conseil d'administration de l'association, du "
            "comité scientifique du projet et des financeurs. En 2010, Lille Métropole a donné à l'association "
            "les moyens d'embaucher un chargé de mission à temps plein.",
        ],
        themes=["sante-environnementale", "jardins"],
        territories=[("departement", "59")],
        scale=Scale.LOCAL,
        format=CooperationFormat.PARTICIPATORY,
        partners=[
            ("halluin-3r", ASSO),
            ("coin-de-terre", ASSO),
            ("ulco", RESEARCH),
            ("infosol", RESEARCH),
            ("las-arras", RESEARCH),
            ("ademe", FUNDER),
            ("region-npdc", FUNDER),
            ("lille-metropole", FUNDER),
        ],
        funding=[
            funding(
                FundingKind.PUBLIC_GRANT,
                "Budget de départ (600 000 € au total avec la Région et Lille Métropole, répartition non connue)",
                funder="ademe",
            ),
            funding(
                FundingKind.RESEARCH_CALL,
                "Chercheurs-citoyens (lauréat 2011)",
                funder="region-npdc",
                scheme="chercheurs-citoyens",
            ),
            funding(FundingKind.PUBLIC_GRANT, "Budget de départ", funder="lille-metropole"),
            funding(
                FundingKind.PUBLIC_GRANT,
                "Moyens d'embaucher un chargé de mission à temps plein",
                funder="lille-metropole",
                years=(2010, 2010),
            ),
        ],  # fmt: skip
        contracts=[
            {
                "kind": ContractKind.PARTNERSHIP,
                "title": "Comité de pilotage du projet (le texte d'une convention n'est pas public)",
                "governance": Governance.STEERING_COMMITTEE,
                "parties": [],
            }
        ],
        lessons=[CHERCHEURS_CITOYENS_LEVER],
        sources=[
            ("Halluin 3R", "https://halluin3r.com/"),
            ("Halluin 3R : le projet de recherche en résumé", "https://halluin3r.com/projet-de-recherche-en-resume/"),
            (
                "Halluin 3R : calendrier et étapes du projet",
                "https://halluin3r.com/calendrier-etapes-projet-dioxines/",
            ),
            ("EDA Lille", "https://eda-lille.org/"),
            CHERCHEURS_CITOYENS_SOURCE,
        ],
    ),
    project(
        "boutique-des-sciences-lille",
        "Boutique des sciences de l'Université de Lille",
        "La boutique des sciences de l'Université de Lille répond aux questions des associations par des stages "
        "rémunérés de Master 2, avec un médiateur, une charte et des résultats libres de droits.",
        body=[
            "Portée par l'Université de Lille (avec la ComUE Lille Nord de France et la MESHS), la boutique des "
            "sciences confie les questions des associations à des stagiaires de Master 2 rémunérés. Un "
            "médiateur accompagne la relation, une charte l'encadre et les résultats sont libres de droits.",
            "La charte équilibre les relations entre les partenaires, dans une démarche de science ouverte ; la "
            "boutique des sciences y joue le rôle de « tiers-veilleuse ». Les stages sont gratifiés au taux légal "
            "et les frais de déplacement pris en charge.",
            "Exemple : une étude sur les oiseaux nicheurs des terres agricoles, avec le GON et le Laboratoire "
            "d'Océanologie et Géosciences. Le dispositif est décrit dans un article de la revue Natures "
            "Sciences Sociétés (2019).",
        ],
        themes=["boutiques-des-sciences", "biodiversite"],
        territories=[("departement", "59")],
        format=CooperationFormat.SCIENCE_SHOP,
        partners=[
            ("univ-lille", LEAD),
            ("comue-lnf", SUPPORT),
            ("meshs", SUPPORT),
            ("gon", ASSO),
            ("log", RESEARCH),
        ],
        contracts=[
            {
                "kind": ContractKind.CHARTER,
                "title": "Charte de la boutique des sciences",
                "intellectual_property": IntellectualProperty.OPEN_LICENCE,
                "governance": Governance.MEDIATOR,
                "parties": [],
            }
        ],
        lessons=[
            (
                LessonKind.LEVER,
                LessonCategory.GOVERNANCE,
                "Un médiateur accompagne la relation entre l'association et les chercheurs.",
            ),
            (LessonKind.LEVER, LessonCategory.RESULTS, "Les résultats sont libres de droits."),
        ],  # fmt: skip
        sources=[
            ("Recherche participative, Université de Lille", "https://rechercheparticipative.univ-lille.fr/"),
            (
                "Boutique des sciences de l'Université de Lille (réseau des boutiques des sciences)",
                "https://boutiquedessciences.net/boutique-des-sciences-de-luniversite-de-lille/",
            ),
            (
                "Recherche participative, Université de Lille : chercheur·es",
                "https://rechercheparticipative.univ-lille.fr/comment-participer/chercheures",
            ),
            (
                "Recherche participative, Université de Lille : offres de stage",
                "https://rechercheparticipative.univ-lille.fr/comment-participer/offres-de-stage",
            ),
        ],
    ),
    project(
        "boutique-des-sciences-lyon",
        "Boutique des sciences de l'Université de Lyon",
        "Créée en 2013 à l'Université de Lyon (aujourd'hui à Lyon 2), la boutique des sciences accompagne des "
        "associations avec des étudiants de Master 2 ; en 2019, dix associations ont été accompagnées.",
        body=[
            "La boutique des sciences existe depuis 2013 à l'Université de Lyon ; elle relève aujourd'hui de "
            "l'Université Lumière Lyon 2. En 2019, elle a accompagné dix associations avec des étudiants de "
            "Master 2.",
            "Exemple : « Des chercheurs au jardin », avec la Société des Jardins ouvriers de Villeurbanne, "
            "Irstea, le GRePS et la FRAPNA Rhône.",
            "Une association accompagnée doit accepter que les résultats soient diffusés en open source ; la "
            "boutique des sciences paie les gratifications des stages.",
        ],
        start=(2013, None),
        status=Status.ONGOING,
        themes=["boutiques-des-sciences", "jardins"],
        territories=[("departement", "69")],
        format=CooperationFormat.SCIENCE_SHOP,
        partners=[
            ("univ-lyon2", LEAD),
            ("univ-lyon", SUPPORT),
            ("jardins-villeurbanne", ASSO),
            ("irstea", RESEARCH),
            ("greps", RESEARCH),
            ("frapna-rhone", ASSO),
        ],
        contracts=[
            {
                "kind": ContractKind.INTERNSHIP,
                "title": "Conditions de la boutique des sciences pour les associations",
                "intellectual_property": IntellectualProperty.OPEN_LICENCE,
                "parties": [],
            }
        ],
        sources=[
            ("Boutique des sciences, Université Lumière Lyon 2", "https://univ-lyon2.fr/"),
            (
                "Université Lumière Lyon 2 : la boutique des sciences, pour les associations",
                "https://univ-lyon2.fr/sciences-et-societe/boutique-des-sciences/association",
            ),
        ],
    ),
    project(
        "quart-monde-universite",
        "Quart Monde-Université",
        "De 1996 à 1998, ATD Quart Monde a réuni 15 personnes ayant l'expérience de la pauvreté, 5 volontaires "
        "et 12 universitaires : cinq mémoires écrits ensemble, un livre et un colloque à la Sorbonne en 1999.",
        body=[
            "Le programme « Quart Monde-Université » (1996-1998) a associé 15 personnes ayant l'expérience de "
            "la pauvreté, 5 volontaires d'ATD Quart Monde et 12 universitaires.",
            "Il a produit cinq mémoires rédigés en commun et un livre, et s'est conclu par un colloque à la "
            "Sorbonne en avril 1999.",
        ],
        start=(1996, None),
        end=(1998, None),
        status=Status.FINISHED,
        themes=["pauvrete-et-exclusion", "croisement-des-savoirs"],
        # The only place the sources give: the closing colloquium at the Sorbonne, Paris.
        territories=[("departement", "75")],
        format=CooperationFormat.PARTICIPATORY,
        partners=[("atd", LEAD)],
        outputs=[
            (OutputKind.REPORT, "Cinq mémoires rédigés en commun", None, ""),
            (OutputKind.REPORT, "Un livre", None, ""),
            (OutputKind.EVENT, "Colloque à la Sorbonne (avril 1999)", 1999, ""),
        ],
        sources=[("Revue Quart Monde", "https://revue-quartmonde.org/")],
    ),
    project(
        "dimensions-cachees-de-la-pauvrete",
        "Les dimensions cachées de la pauvreté",
        "Recherche d'ATD Quart Monde et de l'Université d'Oxford (2016-2019) dans six pays, selon la méthode du "
        "Croisement des savoirs : neuf dimensions de la pauvreté, présentées à l'OCDE le 10 mai 2019.",
        body=[
            "ATD Quart Monde et l'Université d'Oxford ont mené de 2016 à 2019, dans six pays, une recherche "
            "selon la méthode du Croisement des savoirs. Elle a dégagé neuf dimensions de la pauvreté.",
            "Les résultats ont été présentés à l'OCDE le 10 mai 2019.",
        ],
        start=(2016, None),
        end=(2019, None),
        status=Status.FINISHED,
        themes=["pauvrete-et-exclusion", "croisement-des-savoirs"],
        territories=[("perimetre", "INT")],
        scale=Scale.INTERNATIONAL,
        format=CooperationFormat.PARTICIPATORY,
        partners=[("atd", ASSO), ("oxford", RESEARCH)],
        outputs=[(OutputKind.EVENT, "Présentation à l'OCDE (10 mai 2019)", 2019, "")],
        sources=[("ATD Quart Monde", "https://atd-quartmonde.fr/")],
    ),
    project(
        "pop-part",
        "Pop-Part : les quartiers populaires au prisme de la jeunesse",
        "Recherche (2017-2022) financée par l'ANR et le CRSH (Canada) : 120 jeunes, une quinzaine d'animateurs "
        "et une quinzaine de chercheurs dans dix quartiers d'Île-de-France, sous la responsabilité de "
        "Marie-Hélène Bacqué (Université Paris Nanterre).",
        body=[
            "Pop-Part, « Les quartiers populaires au prisme de la jeunesse », a réuni de 2017 à 2022 environ "
            "120 jeunes, une quinzaine de professionnels de la jeunesse et une quinzaine de chercheurs, dans "
            "dix quartiers d'Île-de-France.",
            "Le projet était financé par l'ANR et le Conseil de recherches en sciences humaines du Canada (CRSH, "
            "SSHRC) et dirigé par Marie-Hélène Bacqué, Université Paris Nanterre.",
        ],
        start=(2017, None),
        end=(2022, None),
        status=Status.FINISHED,
        themes=["quartiers-populaires"],
        territories=[("region", "11")],
        scale=Scale.REGIONAL,
        format=CooperationFormat.PARTICIPATORY,
        partners=[("paris-nanterre", LEAD), ("anr", FUNDER), ("sshrc", FUNDER)],
        funding=[
            funding(FundingKind.RESEARCH_CALL, "ANR", funder="anr"),
            funding(FundingKind.RESEARCH_CALL, "SSHRC / CRSH (Canada)", funder="sshrc"),
        ],
        sources=[("Érudit", "https://erudit.org/"), ("Calenda", "https://calenda.org/")],
    ),
    project(
        "repere-voce-picaso",
        "REPERE : VOCE et PICASO Alternatives",
        "Deux projets du programme REPERE du ministère de l'Écologie, qui a introduit le « tiers-veilleur » : "
        "VOCE (Université de Provence, CESSA, Institut Écocitoyen) et PICASO Alternatives (INERIS, CLCV, "
        "CNMSE, Écologie sans Frontière).",
        body=[
            "Le programme REPERE du ministère de l'Écologie, lancé en 2009, a introduit la figure du "
            "« tiers-veilleur » dans les projets qu'il soutient.",
            "Deux exemples : VOCE, avec l'Université de Provence, le CESSA et l'Institut Écocitoyen pour la "
            "Connaissance des Pollutions ; PICASO Alternatives, avec l'INERIS, la CLCV, le CNMSE et Écologie "
            "sans Frontière. Les dates de ces deux projets ne sont pas précisées par la source.",
        ],
        themes=["sante-environnementale"],
        # A programme of the ministry (national); VOCE with the Université de Provence.
        territories=[("region", "93")],
        scale=Scale.NATIONAL,
        format=CooperationFormat.COLLABORATIVE,
        partners=[
            ("univ-provence", RESEARCH),
            ("cessa", ASSOCIATED),
            ("institut-ecocitoyen", ASSO),
            ("ineris", RESEARCH),
            ("clcv", ASSO),
            ("cnmse", ASSOCIATED),
            ("ecologie-sans-frontiere", ASSO),
            ("ministere-ecologie", FUNDER),
        ],
        funding=[funding(FundingKind.RESEARCH_CALL, "REPERE", funder="ministere-ecologie", scheme="repere")],
        lessons=[
            (
                LessonKind.LEVER,
                LessonCategory.GOVERNANCE,
                "Le programme REPERE a introduit la figure du « tiers-veilleur » dans les projets qu'il soutient.",
            ),
        ],  # fmt: skip
        sources=[("Programme REPERE", "https://programme-repere.fr/")],
    ),
    project(
        "vigie-nature",
        "Vigie-Nature",
        "Programme de sciences participatives du Muséum national d'Histoire naturelle avec l'OFB, né en 1989 "
        "avec le suivi des oiseaux (STOC) ; des associations comme la LPO, l'Opie ou Noé animent les réseaux "
        "de bénévoles (environ 15 000 participants par an).",
        body=[
            "Vigie-Nature est porté par le Muséum national d'Histoire naturelle avec l'Office français de la "
            "biodiversité. Il remonte à 1989, avec le suivi temporel des oiseaux communs (STOC).",
            "Des associations, comme la LPO, l'Opie ou Noé, animent les réseaux de bénévoles ; environ 15 000 "
            "personnes y participent chaque année.",
        ],
        start=(1989, None),
        status=Status.ONGOING,
        themes=["biodiversite", "sciences-citoyennes"],
        scale=Scale.NATIONAL,  # the national Muséum with the French biodiversity office: no territory
        format=CooperationFormat.CITIZEN_SCIENCE,
        partners=[("mnhn", LEAD), ("ofb", ASSOCIATED), ("lpo", ASSO), ("opie", ASSO), ("noe", ASSO)],
        sources=[("Muséum national d'Histoire naturelle", "https://mnhn.fr/")],
    ),
    project(
        "univasso",
        "Univ'Asso",
        "Démarche des Hauts-de-France portée par Le Mouvement associatif et l'Institut Français du Monde "
        "Associatif pour rapprocher associations et recherche : enquête sur les besoins en 2020, conseil "
        "stratégique en 2022, quatre axes de recherche.",
        body=[
            "Univ'Asso réunit Le Mouvement associatif Hauts-de-France et l'Institut Français du Monde Associatif.",
            "Une enquête sur les besoins a été menée du 1er juillet au 6 septembre 2020 ; 57 % des répondants "
            "étaient des associations et 25 % des chercheurs. Un conseil stratégique s'est réuni le 25 mai 2022 "
            "au SIILAB. La démarche s'organise en quatre axes de recherche.",
        ],
        themes=["vie-associative", "recherche-participative"],
        territories=[HDF],
        scale=Scale.REGIONAL,
        format=CooperationFormat.OTHER,
        partners=[("lma-hdf", ASSO), ("ifma", ASSOCIATED)],
        outputs=[(OutputKind.EVENT, "Conseil stratégique au SIILAB (25 mai 2022)", 2022, "")],
        sources=[("Univ'Asso", "https://univasso.org/")],
    ),
    project(
        "assopop",
        "Assopop",
        "Recherche du CERAPS (Université de Lille) avec Pas sans Nous et l'Observatoire des libertés "
        "associatives, sur les relations entre associations et pouvoirs publics dans les Hauts-de-France ; "
        "journée de clôture le 18 juin 2024.",
        body=[
            "Assopop étudie les relations entre associations et pouvoirs publics dans les Hauts-de-France. Le "
            "projet est mené par le CERAPS (Université de Lille) avec Pas sans Nous et l'Observatoire des "
            "libertés associatives.",
            "Sa journée de clôture a eu lieu le 18 juin 2024.",
        ],
        end=(2024, 6),
        status=Status.FINISHED,
        themes=["associations-et-pouvoirs-publics"],
        territories=[HDF],
        scale=Scale.REGIONAL,
        format=CooperationFormat.COLLABORATIVE,
        partners=[
            ("ceraps", LEAD),
            ("univ-lille", RESEARCH),
            ("pas-sans-nous", ASSO),
            ("observatoire-libertes", ASSO),
        ],
        outputs=[(OutputKind.EVENT, "Journée de clôture (18 juin 2024)", 2024, "")],
        sources=[("CERAPS, Université de Lille", "https://ceraps.univ-lille.fr/")],
    ),
]
