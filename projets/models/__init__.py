from projets.models.events import EventPage, EventSession, Workshop, WorkshopLesson
from projets.models.organisations import Organisation
from projets.models.pages import ProjectIndexPage, ProjectPage, ProjectTag
from projets.models.parts import Contract, FundingLine, Lesson, ProjectOutput, ProjectPartner, ProjectSource
from projets.models.programmes import FundingProgramme, ProgrammeLine, ProgrammeSource
from projets.models.proposals import ProjectProposal
from projets.models.taxonomy import Territory, Theme

__all__ = [
    "Contract",
    "EventPage",
    "EventSession",
    "FundingLine",
    "FundingProgramme",
    "Lesson",
    "Organisation",
    "ProjectIndexPage",
    "ProjectOutput",
    "ProjectPage",
    "ProjectPartner",
    "ProjectProposal",
    "ProjectSource",
    "ProjectTag",
    "ProgrammeLine",
    "ProgrammeSource",
    "Territory",
    "Theme",
    "Workshop",
    "WorkshopLesson",
]
