"""All mapped classes; importing this package registers every table on ``Base.metadata``."""

from db.models.base import Base, Editable, Keyed
from db.models.budget import AllowanceRate, BudgetLine, ExchangeRate, FundingSource
from db.models.directory import Contact, Organisation, Person
from db.models.logistics import Room, Stay, TravelLeg, room_occupant, travel_passenger
from db.models.programme import ProgrammeItem, programme_attendee
from db.models.project import Project
from db.models.release import ProgrammeRelease
from db.models.report import Attachment, FollowUp, Lesson, Report, ReportContact
from db.models.stamp import visit_stamp
from db.models.visit import Participation, Visit

__all__ = [
    "AllowanceRate",
    "Attachment",
    "Base",
    "BudgetLine",
    "Contact",
    "Editable",
    "ExchangeRate",
    "FollowUp",
    "FundingSource",
    "Keyed",
    "Lesson",
    "Organisation",
    "Participation",
    "Person",
    "ProgrammeItem",
    "ProgrammeRelease",
    "Project",
    "Report",
    "ReportContact",
    "Room",
    "Stay",
    "TravelLeg",
    "Visit",
    "programme_attendee",
    "room_occupant",
    "travel_passenger",
    "visit_stamp",
]
