"""The chair's review copy: what goes in, what the chair may do in it, and bringing it back (issue 16.4)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from boardapp.core.enums import ActionStatus
from boardapp.core.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Membership,
    Minute,
    Person,
    PlanItem,
    PlanStatusChange,
    ReviewImport,
)
from boardapp.home import AppHome
from boardapp.services import followup
from boardapp.services.errors import InvalidChange
from boardapp.services.review_copy import (
    ENCRYPTED_MAGIC,
    ReviewDiff,
    apply_review,
    is_review_copy,
    make_review_copy,
    open_review_copy,
    propose,
    read_review,
    report_meetings,
    review_contents,
    seal_review_copy,
    withdraw_proposal,
)
from boardapp.store.database import Store, open_database, open_store
from tests.helpers.builders import Sample

SECRET = "ZEBRA-PART-TWO"
ON = dt.date(2017, 11, 1)


@pytest.fixture
def with_part2(store: Store, sample: Sample) -> Sample:
    """The sample board plus exempt business with a recognisable word: a minute and an action of item 4."""
    with store.transaction() as session:
        session.add(Minute(agenda_item_id=sample.items[4], notes=f"{SECRET} the child's placement"))
        session.add(
            Action(
                board_id=sample.board_id, ref="IB-x", text=f"{SECRET} follow the placement",
                raised_item_id=sample.items[4], is_exempt=True, exempt_paragraph="1",
            )
        )  # fmt: skip
    return sample


def _copy(store: Store, sample: Sample, target: Path, **kwargs: object) -> None:
    options: dict[str, object] = {"include_part2": False, "passphrase": None, "made_by": "Clerk"} | kwargs
    with store.transaction() as session:
        make_review_copy(session, sample.board_id, target, **options)  # type: ignore[arg-type]


def _all_text(path: Path) -> str:
    """Every value of every table in an SQLite file, as one string."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join(str(row) for t in tables for row in con.execute(f'SELECT * FROM "{t}"'))
    finally:
        con.close()


@pytest.fixture
def chair(tmp_path: Path) -> Iterator[list[Store]]:
    """Stores opened on review copies during a test, closed at its end."""
    opened: list[Store] = []
    yield opened
    for s in opened:
        s.close()


def _open_copy(path: Path, tmp_path: Path, opened: list[Store]) -> Store:
    s = open_database(path, tmp_path / "chair-backups")
    opened.append(s)
    return s


def test_the_copy_holds_the_board_and_nothing_of_others_nor_part2(
    store: Store, with_part2: Sample, tmp_path: Path
) -> None:
    target = tmp_path / "review.boardreview"
    _copy(store, with_part2, target)
    text = _all_text(target)
    assert "To show the video & report back" in text  # the board's action
    assert "Circulate the terms of reference" in text
    assert "Review MASH thresholds" not in text  # the other board's
    assert SECRET not in text
    assert SECRET.encode() not in target.read_bytes()  # not even in free pages
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM board").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM agendaitem WHERE is_exempt").fetchone() == (1,)  # numbering kept
    con.close()


def test_part2_goes_in_only_when_ticked(store: Store, with_part2: Sample, tmp_path: Path) -> None:
    target = tmp_path / "with-part2.boardreview"
    _copy(store, with_part2, target, include_part2=True)
    assert SECRET in _all_text(target)
    assert "Review MASH thresholds" not in _all_text(target)


def test_a_passphrase_seals_the_file_and_only_it_opens_it(store: Store, with_part2: Sample, tmp_path: Path) -> None:
    target = tmp_path / "sealed.boardreview"
    _copy(store, with_part2, target, passphrase="correct horse battery", include_part2=True)
    data = target.read_bytes()
    assert data.startswith(ENCRYPTED_MAGIC)
    assert b"To show the video" not in data and SECRET.encode() not in data
    with pytest.raises(InvalidChange, match="passphrase is not the one"):
        open_review_copy(target, "wrong horse battery")
    with pytest.raises(InvalidChange, match="protected by a passphrase"):
        open_review_copy(target, None)
    plain = open_review_copy(target, "correct horse battery", folder=tmp_path)
    try:
        assert SECRET in _all_text(plain)
    finally:
        plain.unlink()


def test_a_short_passphrase_is_refused(store: Store, sample: Sample, tmp_path: Path) -> None:
    with pytest.raises(InvalidChange, match="at least 8"):
        _copy(store, sample, tmp_path / "x.boardreview", passphrase="short")
    assert not (tmp_path / "x.boardreview").exists()


def test_in_the_copy_only_proposals_can_be_written(
    store: Store, sample: Sample, tmp_path: Path, chair: list[Store]
) -> None:
    target = tmp_path / "review.boardreview"
    _copy(store, sample, target)
    copy = _open_copy(target, tmp_path, chair)
    with copy.transaction() as session:
        assert is_review_copy(session)
        proposal_id, changes = propose(
            session, "action", sample.actions["video"], "status", "completed", "Shown at the October meeting"
        )
    assert proposal_id > 0 and changes.actions == frozenset({sample.actions["video"]})
    with pytest.raises(Exception, match="only proposals and comments"), copy.transaction() as session:
        action = session.get(Action, sample.actions["video"])
        assert action is not None
        action.text = "changed by the chair"
        session.add(action)
    with pytest.raises(InvalidChange, match="not an action status"), copy.transaction() as session:
        propose(session, "action", sample.actions["video"], "status", "finished")
    with store.transaction() as session:
        assert not is_review_copy(session)
        with pytest.raises(InvalidChange, match="made in a review copy"):
            propose(session, "action", sample.actions["video"], "comment", "hello")


def _chair_proposes(store: Store, sample: Sample, tmp_path: Path, chair: list[Store], **kwargs: object) -> Path:
    target = tmp_path / "review.boardreview"
    _copy(store, sample, target, **kwargs)
    plain = open_review_copy(target, kwargs.get("passphrase"), folder=tmp_path)  # type: ignore[arg-type]
    copy = _open_copy(plain, tmp_path, chair)
    by = "Cllr Chair"
    with copy.transaction() as session:
        propose(session, "action", sample.actions["video"], "status", "completed", "Shown in October", made_by=by)
        propose(session, "action", sample.actions["stats"], "progress_note", "Figures look better", made_by=by)
        propose(session, "action", sample.actions["cse"], "comment", "Please chase the police", made_by=by)
        propose(session, "plan_item", sample.plan_items["1.1"], "status", str(sample.levels["GREEN"]), "On track")
    copy.close()
    if kwargs.get("passphrase"):  # what the app does when the chair saves: seal the copy again
        seal_review_copy(plain, target, str(kwargs["passphrase"]))
    return plain


def _diff(store: Store, path: Path, passphrase: str | None = None) -> ReviewDiff:
    with store.session() as session:
        return read_review(session, path, passphrase)


def test_the_diff_shows_old_proposed_and_comment(
    store: Store, sample: Sample, tmp_path: Path, chair: list[Store]
) -> None:
    diff = _diff(store, _chair_proposes(store, sample, tmp_path, chair))
    rows = {(r.kind.value, r.field.value): r for r in diff.proposals}
    status = rows[("action", "status")]
    assert (status.old_text, status.proposed_text, status.comment) == ("In progress", "Completed", "Shown in October")
    assert status.record_label.startswith("IB-video") and status.conflict == "" and status.made_by == "Cllr Chair"
    assert rows[("action", "progress_note")].proposed_text == "Figures look better"
    assert rows[("plan_item", "status")].proposed_text == "Green"
    assert not diff.already_imported and not diff.includes_part2


def test_a_record_the_clerk_changed_since_is_a_conflict(
    store: Store, sample: Sample, tmp_path: Path, chair: list[Store]
) -> None:
    plain = _chair_proposes(store, sample, tmp_path, chair)
    with store.transaction() as session:
        followup.update_status(session, [sample.actions["video"]], status=ActionStatus.OPEN, note="Reopened", on=ON)
    rows = {(r.kind.value, r.field.value): r for r in _diff(store, plain).proposals}
    assert "now Open, was In progress" in rows[("action", "status")].conflict
    assert rows[("action", "comment")].conflict == ""


def test_accepting_writes_history_as_made_by_the_chair_and_twice_does_nothing(
    store: Store, sample: Sample, tmp_path: Path, chair: list[Store]
) -> None:
    plain = _chair_proposes(store, sample, tmp_path, chair, passphrase="a long passphrase")
    sealed = tmp_path / "review.boardreview"
    diff = _diff(store, sealed, "a long passphrase")
    rejected = next(r.id for r in diff.proposals if r.field.value == "comment")
    with store.transaction() as session:
        result, changes = apply_review(
            session, diff, [r.id for r in diff.proposals if r.id != rejected], by="Cllr Chair", on=ON
        )
    assert len(result.accepted) == 3 and result.rejected == (rejected,)
    assert sample.actions["video"] in changes.actions
    with store.session() as session:
        video = session.get(Action, sample.actions["video"])
        assert video is not None and video.status is ActionStatus.COMPLETED
        updates = session.exec(select(ActionUpdate).where(ActionUpdate.author == "Cllr Chair")).all()
        assert {(u.action_id, u.note) for u in updates} == {
            (sample.actions["video"], "Shown in October"),
            (sample.actions["stats"], "Figures look better"),
        }
        item = session.get(PlanItem, sample.plan_items["1.1"])
        assert item is not None and item.progress_level_id == sample.levels["GREEN"]
        change = session.exec(select(PlanStatusChange).where(PlanStatusChange.changed_by == "Cllr Chair")).one()
        assert change.reason == "On track"
        assert session.exec(select(ReviewImport)).one().accepted == 3
    again = _diff(store, sealed, "a long passphrase")
    assert "already imported" in again.already_imported
    with pytest.raises(InvalidChange, match="already imported"), store.transaction() as session:
        apply_review(session, again, [r.id for r in again.proposals], on=ON)
    with store.session() as session:
        assert len(session.exec(select(ActionUpdate).where(ActionUpdate.author == "Cllr Chair")).all()) == 2
    assert plain.exists()


def test_a_copy_from_another_database_is_refused(
    store: Store, sample: Sample, tmp_path: Path, chair: list[Store]
) -> None:
    plain = _chair_proposes(store, sample, tmp_path, chair)
    other = open_store(AppHome.from_options(basedir=tmp_path / "other-home"))
    try:
        with other.transaction() as session, pytest.raises(InvalidChange, match="another BoardApp database"):
            read_review(session, plain)
    finally:
        other.close()


@pytest.mark.sqlite_only("offers the clerk's own database file as a review copy: a server database is no file")
def test_an_ordinary_database_is_not_a_review_copy(store: Store, sample: Sample) -> None:
    with store.session() as session, pytest.raises(InvalidChange, match="not a BoardApp review copy"):
        read_review(session, store.path)


def test_the_exempt_placeholder_keeps_no_title(store: Store, with_part2: Sample, tmp_path: Path) -> None:
    target = tmp_path / "review.boardreview"
    _copy(store, with_part2, target)
    with store.session() as session:
        title = session.get(AgendaItem, with_part2.items[4])
        assert title is not None
    assert title.title not in _all_text(target)


def test_closing_is_recorded_at_the_meeting_that_agreed_it(
    store: Store, sample: Sample, tmp_path: Path, chair: list[Store]
) -> None:
    target = tmp_path / "review.boardreview"
    _copy(store, sample, target)
    copy = _open_copy(target, tmp_path, chair)
    with copy.transaction() as session:
        propose(session, "action", sample.actions["video"], "status", "closed", "Done")
    copy.close()
    diff = _diff(store, target)
    with pytest.raises(InvalidChange, match="at a meeting"), store.transaction() as session:
        apply_review(session, diff, [diff.proposals[0].id], by="Cllr Chair", on=ON)
    with store.session() as session:
        meetings = report_meetings(session, sample.board_id, ON)
    assert meetings[0][0] == sample.meetings["october"] and meetings[0][1].endswith("October 2017 meeting")
    with store.transaction() as session:
        apply_review(session, diff, [diff.proposals[0].id], by="Cllr Chair", on=ON, meeting_id=meetings[0][0])
    with store.session() as session:
        video = session.get(Action, sample.actions["video"])
        assert video is not None and video.status is ActionStatus.CLOSED
        assert video.closed_at_meeting_id == sample.meetings["october"]


def test_people_of_other_boards_only_are_left_out(store: Store, sample: Sample, tmp_path: Path) -> None:
    with store.transaction() as session:
        stranger = Person(name="Pat Onlyonmash")
        session.add(stranger)
        session.flush()
        session.add(Membership(board_id=sample.other_board_id, person_id=stranger.id or 0))
    target = tmp_path / "review.boardreview"
    _copy(store, sample, target)
    text = _all_text(target)
    assert "Pat Onlyonmash" not in text
    assert "Hatton" in text  # owns the board's actions


def test_the_chair_can_withdraw_a_proposal_and_read_the_lists(
    store: Store, sample: Sample, tmp_path: Path, chair: list[Store]
) -> None:
    target = tmp_path / "review.boardreview"
    _copy(store, sample, target)
    copy = _open_copy(target, tmp_path, chair)
    with copy.transaction() as session:
        first, _ = propose(session, "action", sample.actions["cse"], "comment", "One")
        propose(session, "plan_item", sample.plan_items["1.1"], "status", str(sample.levels["AMBER"]))
        withdraw_proposal(session, first)
    with copy.session() as session:
        contents = review_contents(session)
    assert [(p.kind.value, p.proposed) for p in contents.proposals] == [("plan_item", "Amber")]
    refs = {r.ref for r in contents.records if r.kind.value == "action"}
    assert "IB-video" in refs and "MASH-1" not in refs
    item = next(r for r in contents.records if r.kind.value == "plan_item" and r.record_id == sample.plan_items["1.1"])
    assert [words for _, words in item.choices] == ["Red", "Amber", "Green", "Blue"]


def test_a_review_copy_makes_no_copies_and_imports_no_reviews(
    store: Store, sample: Sample, tmp_path: Path, chair: list[Store]
) -> None:
    target = tmp_path / "review.boardreview"
    _copy(store, sample, target)
    copy = _open_copy(target, tmp_path, chair)
    with copy.transaction() as session:
        with pytest.raises(InvalidChange, match="made from the clerk's database"):
            again = tmp_path / "again.boardreview"
            make_review_copy(session, sample.board_id, again, include_part2=False, passphrase=None)
        with pytest.raises(InvalidChange, match="imported into the clerk's database"):
            read_review(session, target)
