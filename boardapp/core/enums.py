"""Enumerations of the domain, stored as their string values so the file stays readable."""

from enum import StrEnum


class MemberRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    CO_OPTED = "co_opted"  # a non-elected member co-opted by the board
    OFFICER = "officer"  # officer in attendance as of right
    ADVISER = "adviser"


class MinuteNumbering(StrEnum):
    """How a board numbers its minutes (issue 10 stores it; issue 17 applies it)."""

    NONE = "none"  # items are numbered 1, 2, 3 within each meeting only
    CONTINUOUS = "continuous"  # 1, 2, 3 ... across every meeting of the board
    MUNICIPAL_YEAR = "municipal_year"  # restarts each municipal year: "23/17" is minute 23 of 2017/18


class MeetingStatus(StrEnum):
    """Lifecycle: scheduled -> agenda published -> held (draft minutes) -> minutes approved -> locked."""

    SCHEDULED = "scheduled"
    AGENDA_PUBLISHED = "agenda_published"
    HELD = "held"
    MINUTES_APPROVED = "minutes_approved"
    LOCKED = "locked"
    CANCELLED = "cancelled"


class AttendanceKind(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    IN_ATTENDANCE = "in_attendance"  # officers, presenters, guests


class ItemPurpose(StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"
    UNSPECIFIED = "unspecified"


class StandingKind(StrEnum):
    """Items a board has at every meeting; the agenda builder fills them in itself."""

    NONE = "none"
    WELCOME = "welcome"  # welcome, introductions and apologies
    PREVIOUS_MINUTES = "previous_minutes"  # minutes and actions from the last meeting
    ANY_OTHER_BUSINESS = "any_other_business"
    NEXT_MEETING = "next_meeting"  # date of next meeting


class DueKind(StrEnum):
    """How a board action's due point is expressed."""

    MEETING = "meeting"  # at a named meeting of the board
    DATE = "date"  # by a calendar date
    FUTURE_MEETING = "future_meeting"  # "at a future meeting": no meeting named yet
    NONE = "none"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"  # reported done, awaiting the board's agreement to close
    CLOSED = "closed"  # the board agreed to close it
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED)


class PlanItemKind(StrEnum):
    """Levels of a plan tree: key area or workstream > objective (optional) > action."""

    KEY_AREA = "key_area"
    WORKSTREAM = "workstream"
    OBJECTIVE = "objective"
    ACTION = "action"


class PlanDueKind(StrEnum):
    """What the verbatim due text of a plan action was understood to mean."""

    DATE = "date"  # a date, or a month/term/season resolved to its last day
    ONGOING = "ongoing"
    RECURRING = "recurring"  # "Monthly", "Quarterly Monitoring"
    INVALID = "invalid"  # looks like a date but cannot be one ("31 Sept 2017")
    UNPARSED = "unparsed"  # kept verbatim, nothing derived
    NONE = "none"


class ScaleKind(StrEnum):
    """A plan can rate progress of an action and evidence of its impact on separate scales."""

    PROGRESS = "progress"
    IMPACT = "impact"


class ReviewKind(StrEnum):
    INSPECTION = "inspection"
    MONITORING_VISIT = "monitoring_visit"
    PEER_REVIEW = "peer_review"
    SERIOUS_CASE_REVIEW = "serious_case_review"
    OTHER = "other"
