"""The founding day (Arras, 26 April 2019), as its programme states it: no invented outcomes."""

import datetime

from wagtail.rich_text import RichText

from projets.choices import LessonCategory

HOULLIER_DEFINITION = (
    "Formes de production de connaissances scientifiques auxquelles des acteurs "
    "non-scientifiques-professionnels, qu'il s'agisse d'individus ou de groupes, participent de façon "
    "active et délibérée."
)

EVENT = {
    "slug": "journee-2019-04-26",
    "title": "Associations & recherche : quelles coopérations ?",
    "date": datetime.date(2019, 4, 26),
    "start_time": datetime.time(10, 0),
    "end_time": datetime.time(17, 0),
    "place": "Institut régional du travail social (IRTS), Arras",
    "address": "5 rue Maurice Schuman, 62000 Arras",
    "organisers": ["lma-hdf", "orva", "siilab"],
    "intro": (
        "Une journée de rencontre entre associations et chercheurs pour étudier ensemble les freins et les "
        "leviers des coopérations entre acteurs associatifs et recherche publique, mieux se connaître et "
        "amorcer une démarche collective."
    ),
    "body": [
        (
            "paragraph",
            RichText(
                "<p>La journée est organisée par Le Mouvement associatif Hauts-de-France, l'Observatoire régional "
                "de la vie associative et le laboratoire d'innovation publique des Hauts-de-France (que le "
                "programme écrit SILLAB, et d'autres sources SIILAB). Le programme part du rapport Houllier sur "
                "les sciences et recherches participatives (février 2016), qui les définit ainsi :</p>"
            ),
        ),
        ("quote", {"text": HOULLIER_DEFINITION, "attribution": "Rapport Houllier, février 2016"}),
        (
            "paragraph",
            RichText(
                "<p>Selon le programme, ces coopérations rencontrent de nombreux freins : mise en relation, "
                "égalité dans la coopération, problèmes administratifs, financement des projets. Le matin, "
                "deux témoignages sont annoncés (VISES et « Renouvelons les pratiques de l'Éducation Populaire "
                "dans les quartiers populaires »), un troisième projet restant à confirmer.</p>"
            ),
        ),
    ],
    # (time, title, speakers, case-study slugs)
    "sessions": [
        ((9, 30), "Accueil autour d'un café", "", []),
        (
            (10, 0),
            "Témoignages de collaborations entre associations et chercheurs : quels intérêts pour les parties "
            "d'œuvrer ensemble ?",
            "",
            ["vises", "renouvelons-les-pratiques-education-populaire"],
        ),
        ((12, 30), "Repas et temps d'interconnaissance", "", []),
        ((14, 0), "Ateliers en parallèle sur les freins et leviers aux coopérations (animation à confirmer)", "", []),
        (
            (16, 0),
            "Restitution et perspectives locale et nationale",
            "Lionel Larqué, délégué général de l'Alliance sciences sociétés (ALLISS)",
            [],
        ),
    ],
    # (title, synthesis as the programme states it, [(category, obstacle named by the programme)])
    "workshops": [
        (
            "Comment chercher ensemble",
            "Comment se met en place une recherche coopérative entre acteurs à la temporalité et aux objectifs "
            "différents ? Quelle place pour les structures d'accompagnement ? Que se passe-t-il après la "
            "recherche : quelles diffusion et appropriation des résultats ?",
            [
                (LessonCategory.TIMEFRAMES, "Des acteurs aux temporalités et aux objectifs différents."),
                (LessonCategory.RESULTS, "La diffusion et l'appropriation des résultats après la recherche."),
            ],
        ),
        (
            "Leviers administratifs et financiers",
            "La contractualisation entre les parties prenantes et le financement des projets restent des "
            "questions majeures pour mettre en œuvre les coopérations. Quels leviers et bonnes pratiques "
            "imaginer ?",
            [
                (LessonCategory.ADMINISTRATION, "La contractualisation entre les parties prenantes."),
                (LessonCategory.FUNDING, "Le financement des projets."),
            ],
        ),
    ],
}
