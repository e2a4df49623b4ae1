"""The texts of the demo's About page and legal notice, drawn only from the day's programme and the site's code.

What the sources do not say (the publisher, the host) is written as still to be completed by the operator,
never invented. The personal data section lists what the code stores; change it with the code.
"""

from django.utils.html import escape
from wagtail.rich_text import RichText

EVENT_URL = "/journee-2019-04-26/"
HOULLIER_REPORT_URL = "http://www.sciences-participatives.com/Rapport"


def heading(text: str) -> tuple:
    return ("heading", {"text": text, "level": "h2"})


def rich(html: str) -> tuple:
    """A paragraph block from trusted HTML written here (links, lists)."""
    return ("paragraph", RichText(html))


def paragraph(text: str) -> tuple:
    return rich(f"<p>{escape(text)}</p>")


ABOUT_INTRO = (
    "Coopérathèque est la base de connaissances des projets de coopération entre associations et "
    "recherche publique : pour trouver des précédents, des partenaires et des leviers."
)

ABOUT_BODY = [
    heading("D'où vient le site"),
    paragraph(
        "Le vendredi 26 avril 2019, de 10 h à 17 h, à l'Institut régional du travail social d'Arras, "
        "Le Mouvement associatif Hauts-de-France, l'Observatoire régional de la vie associative et le "
        "laboratoire d'innovation publique des Hauts-de-France (que le programme écrit SILLAB, et d'autres "
        "sources SIILAB) ont invité associations et chercheurs à une journée de rencontre : « Associations & "
        "recherche : quelles coopérations ? »."
    ),
    paragraph(
        "Le programme partait du rapport Houllier sur les sciences et recherches participatives (février "
        "2016) et d'un constat : ces coopérations enrichissent celles et ceux qui s'y engagent, mais leur mise "
        "en œuvre rencontre de nombreux freins (mise en relation, égalité dans la coopération, problèmes "
        "administratifs, financement des projets). La journée devait étudier ensemble ces freins et leurs "
        "leviers : des témoignages le matin (le projet VISES et la démarche « Renouvelons les pratiques de "
        "l'Éducation Populaire dans les quartiers populaires »), deux ateliers l'après-midi (« Comment "
        "chercher ensemble » et « Leviers administratifs et financiers »), puis une restitution avec Lionel "
        "Larqué, délégué général de l'Alliance sciences sociétés (ALLISS)."
    ),
    rich(f'<p><a href="{EVENT_URL}">Le programme de la journée</a></p>'),
    heading("Ce que le site poursuit"),
    paragraph(
        "La journée voulait permettre de mieux se connaître et d'amorcer une démarche collective. "
        "Coopérathèque la prolonge en rassemblant des études de cas de coopérations entre associations et "
        "recherche publique, avec leurs partenaires, leurs financements, leurs contrats et ce qu'elles ont "
        "appris (freins et leviers), à chercher par mot, par thème ou par région ; des précédents de contrats "
        "à comparer ; et un outil pour trouver des partenaires qui ont déjà coopéré sur un thème."
    ),
    rich(
        '<ul><li><a href="/projets/">Les études de cas</a></li>'
        '<li><a href="/precedents/">Les précédents de contrats</a></li>'
        '<li><a href="/enseignements/">Les enseignements : freins et leviers</a></li>'
        '<li><a href="/trouver-un-partenaire/">Trouver un partenaire</a></li></ul>'
    ),
    heading("Contribuer"),
    rich(
        '<p>Chacun peut faire connaître une coopération par le formulaire <a href="/proposer/">« Proposer »</a> : '
        "l'équipe de modération la relit avant toute publication. Les données publiées sont ouvertes et "
        'réutilisables (<a href="/donnees/">données ouvertes</a>).</p>'
    ),
    heading("Sources"),
    rich(
        "<ul><li>Programme de la journée « Associations &amp; recherche : quelles coopérations ? », Arras, "
        "26 avril 2019.</li>"
        f'<li>Rapport Houllier sur les sciences et recherches participatives, février 2016 (<a href="'
        f'{HOULLIER_REPORT_URL}">{HOULLIER_REPORT_URL}</a>), cité par le programme.</li></ul>'
    ),
]

LEGAL_INTRO = "Qui publie ce site, qui l'héberge, et ce qu'il conserve de vous."

LEGAL_NOTICE = [
    heading("Éditeur"),
    paragraph(
        "Coopérathèque est un site de démonstration qui prolonge la journée « Associations & recherche : "
        "quelles coopérations ? » (Arras, 26 avril 2019). L'éditeur du site (nom ou raison sociale, adresse, "
        "directeur ou directrice de la publication) n'est pas encore désigné : ces mentions sont à compléter "
        "par l'exploitant avant toute mise en ligne publique."
    ),
    heading("Hébergement"),
    paragraph(
        "L'hébergeur (nom, adresse, téléphone) n'est pas encore connu : cette mention est à compléter par "
        "l'exploitant avant toute mise en ligne publique."
    ),
    heading("Contenus"),
    paragraph(
        "Les études de cas sont rédigées à partir de sources publiques, citées sur chaque page, ou proposées "
        "par les personnes qui ont mené la coopération, puis relues par l'équipe de modération avant leur "
        "publication."
    ),
    heading("Données personnelles"),
    paragraph("Le site conserve seulement :"),
    rich(
        "<ul><li>pour chaque proposition envoyée par le formulaire « Proposer » : le nom et le courriel de la "
        "personne qui l'envoie et la date de son accord. Ils ne sont jamais publiés, ni dans les pages, ni "
        "dans les exports, ni dans l'API : seule l'équipe de modération les voit dans l'administration, pour "
        "répondre et traiter la proposition, et peut les effacer ;</li>"
        "<li>pour les comptes de l'administration (contributeurs, modérateurs) : identifiant, nom, courriel "
        "et mot de passe chiffré ;</li>"
        "<li>les connexions à l'administration et les tentatives échouées (identifiant saisi, adresse IP, "
        "navigateur, heure), pour bloquer les essais de mots de passe ;</li>"
        "<li>un compteur des propositions envoyées par adresse IP, effacé au bout d'une heure, pour limiter "
        "les envois abusifs.</li></ul>"
    ),
    paragraph(
        "Aucun cookie de mesure d'audience, aucun traceur, aucun service tiers : polices, scripts et feuilles "
        "de style sont servis par le site lui-même. Les seuls cookies sont techniques : la langue choisie, la "
        "session des personnes connectées à l'administration et la protection des formulaires contre la "
        "falsification de requêtes."
    ),
    paragraph(
        "Pour consulter, corriger ou faire effacer vos données, écrivez à l'adresse de contact indiquée en "
        "pied de page. Vous pouvez aussi adresser une réclamation à la CNIL."
    ),
]
