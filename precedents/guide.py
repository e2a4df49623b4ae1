"""The contract guide: a few questions whose answers point to contract kinds and to precedents.

The rules are a plain table (RULES) shown on the page, so every answer is documented. The
explanations state only the public facts gathered in the project's fact sheet; no legal advice.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from projets.choices import ContractKind


@dataclass(frozen=True)
class Question:
    param: str
    label: str
    options: tuple[tuple[str, str], ...]


QUESTIONS = [
    Question(
        "financement",
        _("Qui finance la coopération ?"),
        (
            ("anr", _("Un appel à projets de recherche de l'ANR, avec plusieurs partenaires")),
            ("commande", _("L'association commande une étude et en paie le coût complet")),
            ("cifre", _("Une convention CIFRE : la structure emploie un doctorant")),
            ("subvention", _("Une subvention (région, fondation…) ou les fonds propres des partenaires")),
        ),
    ),
    Question(
        "doctorant",
        _("Un doctorant rejoint-il le projet ?"),
        (
            ("salarie", _("Oui, salarié par l'association ou la collectivité partenaire")),
            ("non", _("Non, ou pas comme salarié du partenaire")),
        ),
    ),
    Question(
        "resultats",
        _("À qui doivent revenir les résultats ?"),
        (
            ("partages", _("Aux partenaires, selon ce que chacun apporte")),
            ("association", _("À l'association")),
            ("laboratoire", _("Au laboratoire")),
            ("libres", _("À tout le monde : résultats libres de droits")),
        ),
    ),
    Question(
        "publication",
        _("Faut-il pouvoir publier librement ?"),
        (
            ("libre", _("Oui, sans condition")),
            ("relecture", _("Oui, après une relecture par les partenaires")),
            ("reserve", _("Non, certains résultats doivent rester confidentiels un temps")),
        ),
    ),
    Question(
        "donnees",
        _("Des données personnelles sont-elles en jeu ?"),
        (("oui", _("Oui")), ("non", _("Non"))),
    ),
    Question(
        "valeurs",
        _("Voulez-vous poser par écrit vos valeurs communes et votre gouvernance ?"),
        (("oui", _("Oui")), ("non", _("Non, pas pour l'instant"))),
    ),
]
QUESTIONS_BY_PARAM = {question.param: question for question in QUESTIONS}

# (question, answer) -> contract kinds it points to, in order of priority.
RULES: dict[tuple[str, str], tuple[str, ...]] = {
    ("financement", "anr"): (ContractKind.CONSORTIUM, ContractKind.COLLABORATION),
    ("financement", "commande"): (ContractKind.SERVICE,),
    ("financement", "cifre"): (ContractKind.CIFRE, ContractKind.COLLABORATION),
    ("financement", "subvention"): (ContractKind.COLLABORATION,),
    ("doctorant", "salarie"): (ContractKind.CIFRE, ContractKind.COLLABORATION),
    ("resultats", "partages"): (ContractKind.COLLABORATION,),
    ("resultats", "libres"): (ContractKind.CHARTER,),
    ("publication", "libre"): (ContractKind.COLLABORATION,),
    ("publication", "relecture"): (ContractKind.COLLABORATION,),
    ("donnees", "oui"): (ContractKind.CHARTER,),
    ("valeurs", "oui"): (ContractKind.CHARTER,),
}

# (question, answer) -> the clause filter of the precedents table worth reading.
CLAUSE_LINKS: dict[tuple[str, str], tuple[str, str]] = {
    ("resultats", "partages"): ("ip", "copropriete"),
    ("resultats", "association"): ("ip", "association"),
    ("resultats", "laboratoire"): ("ip", "laboratoire"),
    ("resultats", "libres"): ("ip", "licence_ouverte"),
    ("publication", "libre"): ("publication", "libre"),
    ("publication", "relecture"): ("publication", "relecture"),
    ("publication", "reserve"): ("publication", "embargo"),
    ("donnees", "oui"): ("data", "personnelles"),
}

# Plain-French explanations, from the public facts only.
EXPLANATIONS = {
    ContractKind.COLLABORATION: _(
        "Les partenaires mettent des moyens en commun. Le contrat traite des connaissances antérieures de "
        "chacun, des apports, du financement, de la confidentialité, de la copropriété des résultats au "
        "prorata des apports et du droit de publier ; un droit de relecture préalable est admis s'il ne nuit "
        "pas à la valeur scientifique des travaux."
    ),
    ContractKind.SERVICE: _(
        "Le prestataire (ici le laboratoire) applique des connaissances existantes et le commanditaire en paie "
        "le coût complet. L'ANR ne compte pas une prestation comme une collaboration de recherche."
    ),
    ContractKind.CONSORTIUM: _(
        "Pour un projet financé par l'ANR, les partenaires signent un accord de consortium dans les douze mois ; "
        "le second versement de l'aide en dépend. L'accord lie tous les partenaires du projet, financés par l'ANR "
        "ou non, et doit fixer les règles de partage de la propriété intellectuelle (d'après une copie de la "
        "fiche de l'ANR : source secondaire). Publications : dépôt dans une archive ouverte, avec un embargo de "
        "douze mois au plus en sciences humaines et sociales. Données : un plan de gestion des données dans les "
        "six mois qui suivent le début scientifique du projet."
    ),
    ContractKind.CIFRE: _(
        "L'employeur recrute le doctorant en CDI ou en CDD ; la thèse dure trois ans et la convention 36 mois au "
        "plus. L'ANRT verse une subvention de 14 000 euros par an ; le salaire brut minimum est de 27 600 euros "
        "(2026). Depuis 2005, une association à vocation sociale, une ONG ou une collectivité peut être "
        "l'employeur. L'employeur et le laboratoire signent dans les six mois un contrat de collaboration de "
        "recherche (partage du temps, propriété des résultats, confidentialité, publication)."
    ),
    ContractKind.CHARTER: _(
        "Une charte écrit ce que les partenaires partagent. Repère : la Charte des sciences et recherches "
        "participatives en France, signée le 20 mars 2017 par une trentaine d'institutions, d'ONG et "
        "d'associations. Ses valeurs : coopération et biens communs, autonomie et reconnaissance mutuelle, "
        "diversité des savoirs. Ses principes : rigueur scientifique partagée, gouvernance explicite, usage "
        "convenu des données, respect de la vie privée, reconnaissance équitable, évaluation adaptée. Sur les "
        "données, le guide « Données et recherches participatives » (Ouvrir la Science, septembre 2023) fait "
        "quinze recommandations."
    ),
}

# (title, address, secondary): a secondary source reports the fact second-hand and is shown as such.
SOURCES = [
    ("ANRT, dispositif CIFRE", "https://www.anrt.asso.fr/", False),
    ("ANRT, questions-réponses CIFRE", "https://www.anrt.asso.fr/fr/questions-reponses-36808", False),
    (
        "Ministère de l'Enseignement supérieur, le dispositif CIFRE en région Occitanie",
        "https://www.enseignementsup-recherche.gouv.fr/fr/le-dispositif-cifre-en-region-occitanie-46358",
        False,
    ),
    ("Convention CIFRE (Law Insider)", "https://www.lawinsider.com/fr/contracts/dvMlQXQ9vqM", True),
    ("ANR, appels « Science avec et pour la société »", "https://anr.fr/", False),
    (
        "ANR, science ouverte : questions sur les publications",
        "https://anr.fr/en/anrs-role-in-research/commitments/open-science/faq-pub/",
        False,
    ),
    ("Fiche n° 4, les accords de consortium", "https://vdocuments.fr/fiche-n4-les-accords-de-consortium.html", True),
    (
        "Université Grenoble Alpes, les exigences des financeurs",
        "https://scienceouverte.univ-grenoble-alpes.fr/science-ouverte-grenoble-alpes/les-exigences-des-financeurs/",
        False,
    ),
    (
        "Charte des sciences et recherches participatives en France",
        "https://participarc.net/charte-engagements-valeurs",
        False,
    ),
    ("Ouvrir la Science, « Données et recherches participatives »", "https://www.ouvrirlascience.fr/", False),
]


class BadAnswer(ValueError):
    pass


def parse_answers(params) -> dict[str, str]:
    """The answered questions; an unknown answer raises BadAnswer (French message)."""
    answers = {}
    for question in QUESTIONS:
        value = (params.get(question.param) or "").strip()
        if not value:
            continue
        if value not in dict(question.options):
            raise BadAnswer(_("Réponse inconnue à la question « %(question)s ».") % {"question": question.label})
        answers[question.param] = value
    return answers


def recommend(answers: dict[str, str]) -> list[dict]:
    """Contract kinds that fit the answers, with the answers that led there."""
    reasons: dict[str, list[str]] = {}
    for param, value in answers.items():
        question = QUESTIONS_BY_PARAM[param]
        for kind in RULES.get((param, value), ()):
            reasons.setdefault(kind, []).append(f"{question.label} {dict(question.options)[value]}")
    # Most reasons first; ties keep the order of the questions and of each rule (a stable sort).
    ordered = sorted(reasons, key=lambda kind: -len(reasons[kind]))
    return [
        {
            "kind": kind,
            "label": str(ContractKind(kind).label),
            "explanation": str(EXPLANATIONS[kind]),
            "reasons": reasons[kind],
        }
        for kind in ordered
    ]


def clause_links(answers: dict[str, str]) -> list[tuple[str, str]]:
    return [CLAUSE_LINKS[(param, value)] for param, value in answers.items() if (param, value) in CLAUSE_LINKS]


def rules_table() -> list[dict]:
    """The rules as rows for the page ("comment le guide répond")."""
    rows = []
    for (param, value), kinds in RULES.items():
        question = QUESTIONS_BY_PARAM[param]
        rows.append(
            {
                "question": question.label,
                "answer": dict(question.options)[value],
                "kinds": [ContractKind(kind).label for kind in kinds],
            }
        )
    return rows
