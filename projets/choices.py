"""Every closed list of the domain, with French labels (never free text where a list exists)."""

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class ChoiceLabels:
    """`get_<field>_display()` that translates one label, not the whole list, at each call.

    Django's version hashes every (value, label) pair of the field's choices at each call, and hashing a
    lazy label translates it: a case-study page asked for ~46 labels, ~460 translations, ~5 ms. The
    labels are kept lazy here (one dict per field), so the active language still decides.
    """

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_labels_by_value")
        if labels is None:
            labels = field._labels_by_value = dict(field.flatchoices)
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value (never one of these lists): Django's own path
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association loi 1901")
    NETWORK = "reseau", _("Fédération ou réseau d'associations")
    SSE_ENTERPRISE = "entreprise_ess", _("Entreprise de l'ESS (SCOP, SCIC, entreprise d'insertion…)")
    FOUNDATION = "fondation", _("Fondation")
    RESEARCH_UNIT = "laboratoire", _("Unité de recherche, laboratoire")
    UNIVERSITY = "universite", _("Université ou école")
    RESEARCH_BODY = "organisme_recherche", _("Organisme national de recherche")
    LOCAL_AUTHORITY = "collectivite", _("Collectivité territoriale")
    STATE = "etat", _("Service de l'État")
    INTERMEDIARY = "intermediaire", _("Structure d'appui ou intermédiaire")
    OTHER = "autre", _("Autre")


# Which side of the cooperation a kind sits on (partner suggestions, facets).
ASSOCIATIVE_KINDS = {OrganisationKind.ASSOCIATION, OrganisationKind.NETWORK, OrganisationKind.SSE_ENTERPRISE}
RESEARCH_KINDS = {OrganisationKind.RESEARCH_UNIT, OrganisationKind.UNIVERSITY, OrganisationKind.RESEARCH_BODY}


class TerritoryKind(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    SCOPE = "perimetre", _("Périmètre européen ou international")


class Status(models.TextChoices):
    PREPARATION = "preparation", _("En préparation")
    ONGOING = "en_cours", _("En cours")
    FINISHED = "termine", _("Terminé")
    # For case studies whose sources give no state (demo content states only what its sources state).
    UNKNOWN = "non_precise", _("Non précisé")


class Scale(models.TextChoices):
    LOCAL = "local", _("Local")
    DEPARTEMENTAL = "departemental", _("Départemental")
    REGIONAL = "regional", _("Régional")
    NATIONAL = "national", _("National")
    CROSS_BORDER = "transfrontalier", _("Transfrontalier")
    EUROPEAN = "europeen", _("Européen")
    INTERNATIONAL = "international", _("International")


class CooperationFormat(models.TextChoices):
    ACTION_RESEARCH = "recherche_action", _("Recherche-action")
    PARTICIPATORY = "recherche_participative", _("Recherche participative")
    COLLABORATIVE = "recherche_collaborative", _("Recherche collaborative")
    CITIZEN_SCIENCE = "sciences_citoyennes", _("Sciences citoyennes")
    CIFRE = "these_cifre", _("Thèse CIFRE")
    SCIENCE_SHOP = "boutique_sciences", _("Boutique des sciences")
    IMPACT_EVALUATION = "evaluation_impact", _("Évaluation d'impact")
    COMMISSIONED_STUDY = "etude_commanditee", _("Étude commanditée")
    TRAINING_RESEARCH = "formation_recherche", _("Recherche-formation")
    OTHER = "autre", _("Autre")


class PartnerRole(models.TextChoices):
    LEAD = "chef_de_file", _("Chef de file")
    ASSOCIATION = "partenaire_associatif", _("Partenaire associatif")
    RESEARCH = "partenaire_recherche", _("Partenaire de recherche")
    FUNDER = "financeur", _("Financeur")
    SUPPORT = "appui", _("Appui, intermédiaire")
    ASSOCIATED = "associe", _("Partenaire associé")


class Contribution(models.TextChoices):
    IN_KIND = "nature", _("Apport en nature")
    STAFF_TIME = "temps", _("Temps de travail")
    DATA = "donnees", _("Données")
    MONEY = "financement", _("Financement")


class FundingKind(models.TextChoices):
    PUBLIC_GRANT = "subvention", _("Subvention publique")
    RESEARCH_CALL = "appel_recherche", _("Appel à projets de recherche")
    EUROPEAN = "fonds_europeens", _("Fonds européens")
    FOUNDATION = "fondation", _("Fondation, mécénat")
    CIFRE = "cifre", _("CIFRE")
    OWN_FUNDS = "fonds_propres", _("Fonds propres")
    SERVICE_REVENUE = "prestation", _("Recettes de prestation")
    CROWDFUNDING = "financement_participatif", _("Financement participatif")


class ContractKind(models.TextChoices):
    PARTNERSHIP = "accord_partenariat", _("Accord de partenariat de recherche")
    CONSORTIUM = "accord_consortium", _("Accord de consortium")
    COLLABORATION = "collaboration_recherche", _("Contrat de collaboration de recherche")
    CIFRE = "convention_cifre", _("Convention CIFRE")
    SERVICE = "prestation", _("Recherche commanditée, contrat de prestation")
    GRANT_TRANSFER = "reversement", _("Convention de reversement de subvention")
    INTERNSHIP = "stage_these", _("Convention de stage ou de thèse")
    CHARTER = "charte", _("Charte de coopération")
    CONFIDENTIALITY = "confidentialite", _("Accord de confidentialité")
    LICENCE = "licence_cession", _("Licence ou cession")
    OTHER = "autre", _("Autre")


class IntellectualProperty(models.TextChoices):
    CO_OWNERSHIP = "copropriete", _("Copropriété au prorata des apports")
    LAB_OWNS = "laboratoire", _("Propriété du laboratoire")
    ASSOCIATION_OWNS = "association", _("Propriété de l'association")
    OPEN_LICENCE = "licence_ouverte", _("Licence ouverte")
    NOT_ADDRESSED = "non_traite", _("Non traité")


class Publication(models.TextChoices):
    FREE = "libre", _("Publication libre")
    PRIOR_REVIEW = "relecture", _("Relecture préalable avec délai")
    EMBARGO = "embargo", _("Embargo")
    NOT_ADDRESSED = "non_traite", _("Non traité")


class DataClause(models.TextChoices):
    OPEN = "ouvertes", _("Données ouvertes")
    PERSONAL = "personnelles", _("Données personnelles, clauses RGPD")
    CONFIDENTIAL = "confidentielles", _("Données confidentielles")
    NOT_ADDRESSED = "non_traite", _("Non traité")


class Compensation(models.TextChoices):
    PAID = "remuneree", _("L'association est rémunérée")
    COSTS_COVERED = "frais", _("Frais de l'association couverts")
    NONE = "aucune", _("Aucune compensation")
    NOT_ADDRESSED = "non_traite", _("Non traité")


class Governance(models.TextChoices):
    STEERING_COMMITTEE = "comite_pilotage", _("Comité de pilotage")
    MEDIATOR = "tiers_veilleur", _("Médiateur, tiers-veilleur")
    BOTH = "comite_et_tiers", _("Comité de pilotage et tiers-veilleur")
    NONE = "aucune", _("Aucune instance prévue")
    NOT_ADDRESSED = "non_traite", _("Non traité")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "membres", _("Réservé aux membres")


class LessonKind(models.TextChoices):
    OBSTACLE = "frein", _("Frein")
    LEVER = "levier", _("Levier")


class LessonCategory(models.TextChoices):
    FINDING = "se_trouver", _("Se trouver")
    EQUALITY = "egalite", _("Égalité entre partenaires")
    TIMEFRAMES = "temporalites", _("Temporalités différentes")
    ADMINISTRATION = "administration", _("Administration et contrats")
    FUNDING = "financement", _("Financement")
    RESULTS = "resultats", _("Partage et usage des résultats")
    GOVERNANCE = "gouvernance", _("Gouvernance")
    ETHICS = "ethique", _("Éthique et données")


class OutputKind(models.TextChoices):
    REPORT = "rapport", _("Rapport")
    ARTICLE = "article", _("Article scientifique")
    GUIDE = "guide", _("Guide ou outil")
    TRAINING = "formation", _("Formation")
    EVENT = "evenement", _("Événement")
    THESIS = "these", _("Thèse")
    DATASET = "donnees", _("Jeu de données")
    MEDIA = "media", _("Média")
