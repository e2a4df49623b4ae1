"""French vocabulary of the domain, from which synthetic case studies are composed.

Nothing here states a fact about a real organisation: names are assembled from generic words and
every synthetic record is marked (reference prefix, tag, title suffix).
"""

SUBJECTS = [
    "l'éducation populaire",
    "la recherche participative",
    "l'économie sociale et solidaire",
    "l'impact social",
    "les quartiers populaires",
    "la précarité alimentaire",
    "l'accès aux droits",
    "la transition écologique",
    "la santé communautaire",
    "le bénévolat",
    "l'engagement des jeunes",
    "l'habitat participatif",
    "la mobilité en milieu rural",
    "l'insertion par l'activité économique",
    "les tiers-lieux",
    "la démocratie locale",
    "l'inclusion numérique",
    "la lutte contre les discriminations",
    "le vieillissement et l'isolement",
    "les circuits courts",
    "la biodiversité urbaine",
    "la culture et les pratiques amateurs",
    "le sport pour tous",
    "l'accueil des personnes exilées",
    "le handicap et l'accessibilité",
    "la parentalité",
    "l'alimentation durable",
    "la gouvernance associative",
    "l'évaluation de l'utilité sociale",
    "les communs",
]

PUBLICS = [
    "les habitants",
    "les bénévoles",
    "les jeunes de 16 à 25 ans",
    "les familles",
    "les personnes âgées",
    "les salariés associatifs",
    "les demandeurs d'emploi",
    "les agriculteurs",
    "les élus locaux",
    "les travailleurs sociaux",
    "les enseignants",
    "les étudiants",
    "les personnes en situation de handicap",
]

PLACES = [
    "un quartier prioritaire de la politique de la ville",
    "une commune rurale",
    "une métropole",
    "un bassin minier",
    "un territoire de montagne",
    "une ville moyenne",
    "une zone littorale",
    "un espace transfrontalier",
    "un parc naturel régional",
]

METHODS = [
    "des entretiens semi-directifs",
    "des ateliers de co-construction",
    "une enquête par questionnaire",
    "des observations participantes",
    "une cartographie collaborative",
    "des groupes de parole",
    "une analyse de données ouvertes",
    "des récits de vie",
    "un séminaire mensuel associant chercheurs et bénévoles",
    "un comité de suivi partagé",
    "une démarche d'évaluation de l'impact social",
    "une boutique des sciences",
    "un protocole de sciences citoyennes",
]

OUTCOMES = [
    "un guide pratique",
    "un rapport de recherche",
    "une exposition itinérante",
    "un article scientifique",
    "une formation pour les bénévoles",
    "un outil d'autodiagnostic",
    "un jeu de données ouvert",
    "un film documentaire",
    "une journée d'étude",
    "des recommandations aux pouvoirs publics",
]

VERBS = [
    "a permis de mieux comprendre",
    "a cherché à mesurer",
    "a mis en lumière",
    "a documenté",
    "a interrogé",
    "a accompagné",
    "a expérimenté de nouvelles façons d'aborder",
]

# Sentence templates: {s} subject, {p} public, {l} place, {m} method, {o} outcome, {v} verb.
SENTENCES = [
    "La coopération {v} {s} avec {p} dans {l}.",
    "L'association et le laboratoire ont combiné {m} et {m2} pour travailler sur {s}.",
    "Au départ, {p} exprimaient un besoin de connaissances sur {s}, que la recherche publique a pris au sérieux.",
    "Le projet s'appuie sur {m}, menés pendant plusieurs mois dans {l}.",
    "Les chercheurs ont découvert la richesse des savoirs d'expérience portés par {p}.",
    "La démarche a débouché sur {o}, diffusé auprès des réseaux d'éducation populaire.",
    "Les partenaires ont dû concilier des temporalités différentes : celle de l'action associative "
    "et celle de la recherche.",
    "Un comité de pilotage a réuni régulièrement l'ensemble des partenaires pour ajuster le calendrier.",
    "La question de la propriété des résultats a été posée dès la signature de la convention.",
    "Le financement a couvert une partie du temps de travail des salariés associatifs, "
    "une condition de l'égalité entre partenaires.",
    "Cette recherche participative a renforcé la capacité d'agir de {p}.",
    "Les résultats ont nourri le plaidoyer de la fédération auprès des collectivités sur {s}.",
    "Une doctorante en convention CIFRE a fait le lien entre l'équipe de recherche et l'association.",
    "Les enseignements tirés du projet intéressent d'autres structures de l'économie sociale et solidaire.",
    "L'évaluation de l'impact social a mobilisé {m} et associé {p} à la définition des indicateurs.",
    "Le partage des données a fait l'objet d'une attention particulière, dans le respect du RGPD.",
    "La coopération s'est poursuivie au-delà du projet initial, avec {o} prévu pour l'année suivante.",
    "Les rencontres entre bénévoles et chercheurs ont eu lieu dans les locaux du centre social.",
    "Le projet a montré l'intérêt d'un tiers-veilleur pour faciliter le dialogue entre les mondes "
    "associatif et académique.",
    "Dans {l}, {p} ont participé à la collecte des données et à leur interprétation.",
]

HEADINGS = [
    "Origine de la coopération",
    "Une démarche partagée",
    "Méthodes et terrains",
    "Ce que la coopération a changé",
    "Résultats et diffusion",
    "Difficultés rencontrées",
    "Et après ?",
]

TITLE_PATTERNS = [
    "{S} : une recherche participative avec {p}",
    "Comprendre {s} dans {l}",
    "{S}, une coopération entre association et laboratoire",
    "Agir ensemble sur {s}",
    "{S} : savoirs d'expérience et recherche publique",
    "Mesurer l'impact social : {s}",
]

LESSONS = [
    "Prendre le temps de se connaître avant de définir la question de recherche.",
    "Prévoir dans le budget le temps des bénévoles et des salariés associatifs.",
    "Les délais administratifs de l'université ont retardé le démarrage.",
    "Un médiateur a aidé les partenaires à se comprendre.",
    "La convention signée tôt a évité les malentendus sur la publication.",
    "Le calendrier académique s'accorde mal avec le rythme associatif.",
    "Restituer les résultats aux habitants a donné du sens à la démarche.",
    "Le manque de financement pérenne a fragilisé la suite du projet.",
    "Associer les personnes concernées dès la conception a renforcé la confiance.",
    "Les questions de données personnelles ont demandé un accompagnement juridique.",
]

CONTRACT_NOTES = [
    "La relecture préalable des publications a rassuré l'association.",
    "Le partage de la propriété des résultats a été négocié simplement.",
    "La clause de confidentialité était trop large pour une association.",
    "Nous prévoirions un comité de pilotage dès la signature.",
    "Nous préciserions la rémunération du temps associatif.",
]

ORGANISATION_PATTERNS = {
    "association": ["Association {w} {c}", "Collectif {w} de {c}", "Centre social {w} {c}", "Maison des {w2} de {c}"],
    "reseau": ["Fédération {w} de {c}", "Réseau {w} {c}", "Union régionale {w} {c}"],
    "entreprise_ess": ["SCIC {w} {c}", "SCOP {w} {c}", "Entreprise d'insertion {w} {c}"],
    "fondation": ["Fondation {w} {c}"],
    "laboratoire": ["Laboratoire {w} de {c}", "Unité de recherche {w} {c}", "Équipe {w} de {c}"],
    "universite": ["Université {w} de {c}", "École {w} de {c}"],
    "organisme_recherche": ["Institut {w} de {c}"],
    "collectivite": ["Communauté de communes {w} de {c}", "Ville de {c} {w}"],
    "intermediaire": ["Agence {w} de {c}", "Pôle {w} {c}"],
}

ORGANISATION_WORDS = [
    "Solidarités",
    "Horizons",
    "Passerelles",
    "Territoires",
    "Savoirs partagés",
    "Cultures",
    "Initiatives",
    "Citoyenneté",
    "Entraide",
    "Sciences et société",
    "Écologie",
    "Jeunesse",
    "Alimentation",
    "Habitat",
    "Innovation sociale",
]

ORGANISATION_WORDS_PLURAL = ["associations", "solidarités", "initiatives", "savoirs", "jeunes", "habitants"]

CITIES = [
    "Arras",
    "Lille",
    "Amiens",
    "Rouen",
    "Caen",
    "Rennes",
    "Nantes",
    "Tours",
    "Poitiers",
    "Limoges",
    "Bordeaux",
    "Toulouse",
    "Montpellier",
    "Marseille",
    "Nice",
    "Grenoble",
    "Lyon",
    "Clermont-Ferrand",
    "Dijon",
    "Besançon",
    "Strasbourg",
    "Metz",
    "Nancy",
    "Reims",
    "Orléans",
    "Brest",
    "Pau",
    "Perpignan",
    "Saint-Étienne",
    "Valenciennes",
]

PROGRAMMES = [
    "Appel à projets Sciences avec et pour la société",
    "Programme régional de recherche participative",
    "Fonds de développement de la vie associative",
    "Appel à projets Chercheurs-citoyens",
    "Programme européen de coopération territoriale",
    "Appel à projets Innovation sociale",
    "Convention CIFRE",
    "Mécénat de fondation",
]

THEMES = [
    ("education-populaire", "Éducation populaire", None),
    ("ess", "Économie sociale et solidaire", None),
    ("sante", "Santé", None),
    ("environnement", "Environnement", None),
    ("solidarites", "Solidarités", None),
    ("culture", "Culture", None),
    ("jeunesse", "Jeunesse", "education-populaire"),
    ("insertion", "Insertion", "ess"),
    ("alimentation", "Alimentation", "environnement"),
    ("quartiers-populaires", "Quartiers populaires", "solidarites"),
    ("sante-communautaire", "Santé communautaire", "sante"),
    ("numerique", "Inclusion numérique", "solidarites"),
]
